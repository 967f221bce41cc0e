import type { JSONSchema7, JSONSchema7Definition } from 'json-schema'
import defaultRegistry, {
  type ActionDefinition,
  type GuardDefinition,
  type WorkflowRegistry,
} from '#workflow/registry'

/**
 * S4 the catalogue the outline picks a transition's guard and actions
 * from: every guard and action of the registry (the built-in ones and
 * those the domain modules register at boot), each with its French
 * description and the fields of a form for its params. The fields come
 * from the entry's own VineJS schema through the library's description of
 * it (`toJSONSchema()`), never from a hand-written copy, so an action added
 * to the registry appears here with the right form, and the server checks
 * what is typed with that same schema. docs/decisions/0026-rule-catalogue-from-vine-schemas.md
 */

/**
 * How the outline asks for one param:
 * - text, number, checkbox: typed as such;
 * - select: one of `options` (a VineJS enum);
 * - template: a mail template of the draft (the registry's templateParams);
 * - formField: a field of the event's form (formFieldParams);
 * - valuePath: a path such as payload.email (valuePathParams), typed, with its help;
 * - json: anything else (a record, a list, any value), typed as JSON.
 */
export type ParamFieldKind =
  'text' | 'number' | 'checkbox' | 'select' | 'template' | 'formField' | 'valuePath' | 'json'

export type ParamField = {
  name: string
  /** French, as the form shows it: « Modèle de mail » */
  label: string
  kind: ParamFieldKind
  required: boolean
  /** What to type, in French (the format of a path, an example of JSON…) */
  help: string | null
  /** select: the values of the enum */
  options: string[]
}

export type RuleKind = 'guard' | 'context' | 'effect'

export type CatalogueEntry = {
  name: string
  description: string
  kind: RuleKind
  /** French: « Condition », « Action sur le dossier », « Action avec effet » */
  kindLabel: string
  fields: ParamField[]
}

export type RuleCatalogue = { guards: CatalogueEntry[]; actions: CatalogueEntry[] }

export const KIND_LABELS: Record<RuleKind, string> = {
  guard: 'Condition',
  context: 'Action sur les données du dossier',
  effect: 'Action avec effet (email, base de données)',
}

/**
 * The French names of the params the registry's entries use. A param not
 * named here shows its technical name: the form still works, and the
 * label can be added without touching the entry.
 */
const PARAM_LABELS: Record<string, string> = {
  template: 'Modèle de mail',
  to: 'Destinataire',
  days: 'Validité du lien (jours)',
  validityDays: 'Validité (jours)',
  keepCurrentPassword: 'Garder le mot de passe actuel',
  outcome: 'Résultat de la décision',
  reasonField: 'Champ du motif',
  version: 'Version',
  fields: 'Champs du formulaire',
  copy: 'Copies',
  values: 'Valeurs',
  caisseId: 'Caisse',
  partnerId: 'Partenaire',
  subjectId: 'Sujet du dossier',
  field: 'Champ du formulaire',
  value: 'Valeur',
  key: 'Clé des données du dossier',
  state: 'État',
  isAdmin: 'Administrateur',
  fills: 'Correspondances',
}

const PATH_HELP =
  'Un chemin : payload.<champ du formulaire>, context.<donnée du dossier> ou routing.caisseId, routing.partnerId, routing.subjectId.'

const JSON_HELP: Record<string, string> = {
  object: 'En JSON, un objet : {"nom": valeur}.',
  array: 'En JSON, une liste : ["premier", "second"].',
  any: 'En JSON : "un texte" entre guillemets, un nombre, true, false ou null.',
}

function isSchema(definition: JSONSchema7Definition | undefined): definition is JSONSchema7 {
  return typeof definition === 'object' && definition !== null
}

/** A VineJS boolean describes itself as the enum of what it accepts ("on", 1, true…) */
function isBoolean(schema: JSONSchema7) {
  return (
    schema.type === 'boolean' ||
    (Array.isArray(schema.enum) && schema.enum.includes(true) && schema.enum.includes(false))
  )
}

/** The one JSON type of a schema, null when several are allowed (vine.any(), a union) */
function singleType(schema: JSONSchema7): string | null {
  const types = [schema.type].flat().filter((type) => type !== undefined && type !== 'null')
  if (types.length === 1) return types[0] as string
  const variants = (schema.anyOf ?? [])
    .filter(isSchema)
    .filter((variant) => variant.type !== 'null')
  return variants.length === 1 ? singleType(variants[0]) : null
}

function fieldOf(
  name: string,
  schema: JSONSchema7,
  required: boolean,
  entry: Pick<ActionDefinition, 'templateParams' | 'formFieldParams' | 'valuePathParams'>
): ParamField {
  const field = { name, label: PARAM_LABELS[name] ?? name, required, help: null, options: [] }
  if (isBoolean(schema)) return { ...field, kind: 'checkbox' }
  if (Array.isArray(schema.enum)) {
    return { ...field, kind: 'select', options: schema.enum.map(String) }
  }
  const type = singleType(schema)
  const valuePath = entry.valuePathParams?.includes(name) ?? false
  if (type === 'string') {
    if (entry.templateParams?.includes(name)) return { ...field, kind: 'template' }
    if (entry.formFieldParams?.includes(name)) return { ...field, kind: 'formField' }
    if (valuePath) return { ...field, kind: 'valuePath', help: PATH_HELP }
    return { ...field, kind: 'text' }
  }
  if (type === 'number' || type === 'integer') return { ...field, kind: 'number' }
  const shape = type === 'object' || type === 'array' ? type : 'any'
  const help = [
    JSON_HELP[shape],
    valuePath ? `Chaque valeur est un chemin. ${PATH_HELP}` : null,
    entry.formFieldParams?.includes(name) ? 'Des noms de champs du formulaire.' : null,
  ]
  return {
    ...field,
    label: `${field.label} (JSON)`,
    kind: 'json',
    help: help.filter(Boolean).join(' '),
  }
}

/** The form of an entry's params, read from its VineJS schema */
export function paramFieldsOf(
  entry: Pick<ActionDefinition, 'params' | 'templateParams' | 'formFieldParams' | 'valuePathParams'>
): ParamField[] {
  const schema: JSONSchema7 = entry.params.toJSONSchema()
  const required = new Set(schema.required ?? [])
  const properties: Array<[string, JSONSchema7Definition]> = Object.entries(schema.properties ?? {})
  return properties
    .filter((property): property is [string, JSONSchema7] => isSchema(property[1]))
    .map(([name, property]) => fieldOf(name, property, required.has(name), entry))
}

function entryOf(
  name: string,
  definition: ActionDefinition | GuardDefinition<any>,
  kind: RuleKind
): CatalogueEntry {
  return {
    name,
    description: definition.description,
    kind,
    kindLabel: KIND_LABELS[kind],
    fields: paramFieldsOf(definition),
  }
}

/** Every guard and action of the registry, by name */
export function ruleCatalogue(registry: WorkflowRegistry = defaultRegistry): RuleCatalogue {
  const byName = (left: CatalogueEntry, right: CatalogueEntry) =>
    left.name.localeCompare(right.name)
  return {
    guards: [...registry.guards].map(([name, guard]) => entryOf(name, guard, 'guard')).sort(byName),
    actions: [...registry.actions]
      .map(([name, action]) => entryOf(name, action, action.kind))
      .sort(byName),
  }
}
