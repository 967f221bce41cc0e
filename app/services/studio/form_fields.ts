import type User from '#models/user'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { changeDraft } from '#services/studio/drafts'
import type { FieldChanges } from '#services/audit/trail'
import registry, { type FillsJson } from '#workflow/registry'
import { machineEvents } from '#services/studio/permissions'
import type {
  FieldJson,
  FormJson,
  ReferenceJson,
  StateNodeJson,
  TransitionsJson,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S5 the form editor of a draft: « Ajouter un champ » from the catalogue,
 * edit, remove, and move fields of an event's form, each one audited
 * change of the draft (changeDraft). The checks of workflow:validate then
 * run on the whole draft and say what is still wrong; the rules here are
 * the ones an analyst can break while typing (a name already used, a type
 * outside the catalogue, a list without its source).
 */

/** The field types an analyst adds (FIELD_TYPES minus those that need code: login, captcha…) */
export const FIELD_CATALOGUE = {
  text: 'Texte court',
  textarea: 'Texte long',
  email: 'Adresse email',
  phone: 'Téléphone',
  siret: 'SIRET',
  postal_code: 'Code postal',
  select: 'Liste de choix (référentiel)',
  checkbox: 'Case à cocher',
} as const

export type CatalogueType = keyof typeof FIELD_CATALOGUE

export const CATALOGUE_TYPES = Object.keys(FIELD_CATALOGUE) as CatalogueType[]

/** What « Ajouter un champ » and « Enregistrer » send, checked (app/validators/studio.ts) */
export type FieldInput = {
  label: string
  name?: string
  type: CatalogueType
  required?: boolean
  help?: string
  group?: string
  maxLength?: number
  source?: string
  /**
   * « Où va la valeur »: the attributes of the domain objects it fills
   * (« partner.siret »), besides the record, which always keeps it;
   * undefined: unchanged
   */
  destinations?: string[]
}

export type FieldMove = { direction: 'up' | 'down' } | { after: string | null }

export const FORM_FIELD_MESSAGES = {
  noForm: 'Cet événement n’a pas de formulaire dans ce brouillon.',
  noField: 'Ce champ n’existe pas dans ce formulaire.',
  nameTaken: (name: string) =>
    `Le nom « ${name} » est déjà celui d’un champ de ce parcours : choisissez-en un autre.`,
  nameUnusable:
    'Donnez un nom technique (lettres sans accent et chiffres, sans espace), le libellé n’en donne pas.',
  sourceRequired: 'Choisissez la liste de référence que ce champ propose.',
  afterUnknown: 'Choisissez un champ de ce formulaire.',
  destinationUnknown: 'Choisissez des destinations de la liste.',
}

/** An action of the draft's machine that fills domain objects (params.fills) */
type FillingAction = { type: string; params?: Record<string, unknown> }

/** Its mapping; `create`: made empty when it has none yet (only when it is changed) */
function fillsOf(action: FillingAction, create = false): FillsJson {
  const existing = action.params?.fills as FillsJson | undefined
  if (existing || !create) return existing ?? {}
  action.params = { ...action.params, fills: {} }
  return action.params.fills as FillsJson
}

/**
 * Every action of the machine whose registry entry fills domain objects
 * (ActionDefinition.fills): the places where « Où va la valeur » is kept.
 */
export function fillingActions(body: WorkflowDefinitionBody): FillingAction[] {
  const found: FillingAction[] = []
  const visitActions = (actions: ReferenceJson | ReferenceJson[] | undefined) => {
    for (const action of [actions ?? []].flat()) {
      if (typeof action !== 'object' || !registry.actions.get(action.type)?.fills) continue
      found.push(action as FillingAction)
    }
  }
  const visitTransitions = (transitions: TransitionsJson | undefined) => {
    for (const transition of [transitions ?? []].flat()) {
      if (typeof transition === 'object') visitActions(transition.actions)
    }
  }
  const visitState = (state: StateNodeJson) => {
    visitActions(state.entry)
    visitActions(state.exit)
    for (const transitions of Object.values(state.on ?? {})) visitTransitions(transitions)
    for (const transitions of Object.values(state.after ?? {})) visitTransitions(transitions)
    visitTransitions(state.always)
    for (const child of Object.values(state.states ?? {})) visitState(child)
  }
  visitState(body.machine)
  return found
}

/** « partner.siret » → « le partenaire › SIRET », for every attribute an action of the draft fills */
export function destinationsOffered(body: WorkflowDefinitionBody): Map<string, string> {
  const offered = new Map<string, string>()
  for (const action of fillingActions(body)) {
    for (const [target, spec] of Object.entries(registry.actions.get(action.type)!.fills!)) {
      for (const [attribute, declared] of Object.entries(spec.attributes)) {
        offered.set(`${target}.${attribute}`, `${spec.label} › ${declared.label}`)
      }
    }
  }
  return offered
}

/** The attributes a field feeds now */
export function destinationsOf(body: WorkflowDefinitionBody, name: string): string[] {
  const destinations = new Set<string>()
  for (const action of fillingActions(body)) {
    for (const [target, attributes] of Object.entries(fillsOf(action))) {
      for (const [attribute, key] of Object.entries(attributes)) {
        if (key === name) destinations.add(`${target}.${attribute}`)
      }
    }
  }
  return [...destinations]
}

/**
 * The field feeds exactly these attributes: each one chosen is fed by it
 * (whichever field fed it before), and those it fed and are no longer
 * chosen are fed by nothing (the checks then say if one was required).
 */
function setDestinations(body: WorkflowDefinitionBody, name: string, destinations: string[]) {
  const offered = destinationsOffered(body)
  if (destinations.some((destination) => !offered.has(destination))) {
    throw new StudioRuleError({ destinations: FORM_FIELD_MESSAGES.destinationUnknown })
  }
  for (const action of fillingActions(body)) {
    const catalogue = registry.actions.get(action.type)!.fills!
    const fills = fillsOf(action, destinations.length > 0)
    for (const [target, attributes] of Object.entries(fills)) {
      for (const attribute of Object.keys(attributes)) {
        if (attributes[attribute] === name && !destinations.includes(`${target}.${attribute}`)) {
          delete attributes[attribute]
        }
      }
    }
    for (const destination of destinations) {
      const [target, attribute] = destination.split('.')
      if (!catalogue[target]?.attributes[attribute]) continue
      ;(fills[target] ??= {})[attribute] = name
    }
  }
}

/** What the audit row keeps of a change of destinations */
function destinationChange(before: string[], after: string[]): FieldChanges {
  const shown = (list: string[]) => (list.length ? [...list].sort().join(', ') : null)
  if (shown(before) === shown(after)) return {}
  return { destinations: { before: shown(before), after: shown(after) } }
}

/**
 * « Numéro FINESS » → « numeroFiness »: the name a field gets when the
 * analyst does not give one (letters without accent and digits, camelCase)
 */
export function nameFromLabel(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  const name = words
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()
    )
    .join('')
  return /^[A-Za-z_]/.test(name) ? name.slice(0, 50) : ''
}

/** Every field name of every form: one name is one value of the record */
function namesOf(body: WorkflowDefinitionBody) {
  return new Set(Object.values(body.forms).flatMap((form) => form.fields.map(({ name }) => name)))
}

function formOf(body: WorkflowDefinitionBody, event: string): FormJson {
  const form = Object.hasOwn(body.forms, event) ? body.forms[event] : undefined
  if (!form) throw new StudioNotFoundError(FORM_FIELD_MESSAGES.noForm)
  return form
}

/**
 * The form the first field of an event goes in: its own, or a new one for
 * an event of the machine that has none yet (« Demander des pièces » just
 * added in the outline), whose button says the event's label
 */
function formToFill(body: WorkflowDefinitionBody, event: string): FormJson {
  if (!Object.hasOwn(body.forms, event) && machineEvents(body).includes(event)) {
    body.forms[event] = { submitLabel: body.events?.[event]?.label ?? event, fields: [] }
  }
  return formOf(body, event)
}

function indexOf(form: FormJson, name: string) {
  const index = form.fields.findIndex((field) => field.name === name)
  if (index === -1) throw new StudioNotFoundError(FORM_FIELD_MESSAGES.noField)
  return index
}

/** The JSON of the field as the definition keeps it: no empty key */
function fieldJson(name: string, input: Omit<FieldInput, 'type'> & { type: string }): FieldJson {
  if (input.type === 'select' && !input.source) {
    throw new StudioRuleError({ source: FORM_FIELD_MESSAGES.sourceRequired })
  }
  const field: FieldJson = { name, label: input.label, type: input.type }
  if (input.required) field.required = true
  if (input.help) field.help = input.help
  if (input.group) field.group = input.group
  if (input.maxLength) field.maxLength = input.maxLength
  if (input.type === 'select' && input.source) field.source = input.source
  return field
}

const auditPath = (event: string, name: string) => `forms.${event}.fields.${name}`

/** { destinations: … } → { "<path>.destinations": … } */
function prefixed(path: string, changes: FieldChanges): FieldChanges {
  return Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [`${path}.${key}`, value])
  )
}

/** « Ajouter un champ »: at the end, or after the field named */
export function addField(
  key: string,
  event: string,
  actor: User,
  input: FieldInput & { after?: string | null }
) {
  return changeDraft(key, actor, (body) => {
    const form = formToFill(body, event)
    const name = input.name || nameFromLabel(input.label)
    if (!name) throw new StudioRuleError({ name: FORM_FIELD_MESSAGES.nameUnusable })
    if (namesOf(body).has(name)) {
      throw new StudioRuleError({ name: FORM_FIELD_MESSAGES.nameTaken(name) })
    }
    const field = fieldJson(name, input)
    const at = input.after ? positionAfter(form, input.after) : form.fields.length
    form.fields.splice(at, 0, field)
    const fed = destinationsOf(body, name)
    if (input.destinations) setDestinations(body, name, input.destinations)
    return {
      body,
      changes: {
        [auditPath(event, name)]: { before: null, after: JSON.stringify(field) },
        ...prefixed(auditPath(event, name), destinationChange(fed, destinationsOf(body, name))),
      },
    }
  })
}

/**
 * A field edited: everything but its name, which the record's values
 * carry; a field of a type outside the catalogue keeps its type
 */
export function updateField(
  key: string,
  event: string,
  name: string,
  actor: User,
  input: FieldInput
) {
  return changeDraft(key, actor, (body) => {
    const form = formOf(body, event)
    const index = indexOf(form, name)
    const before = form.fields[index]
    /** What the catalogue does not edit (fixed options, a parent field) is kept as it was */
    const kept = Object.fromEntries(
      (['options', 'dependsOn', 'filterKey'] as const)
        .filter((property) => before[property] !== undefined)
        .map((property) => [property, before[property]])
    )
    /** A field that needs code (a login, the captcha…) keeps its type */
    const type = (CATALOGUE_TYPES as string[]).includes(before.type) ? input.type : before.type
    const after: FieldJson = { ...kept, ...fieldJson(name, { ...input, type }) }
    form.fields[index] = after
    const fed = destinationsOf(body, name)
    if (input.destinations) setDestinations(body, name, input.destinations)
    const changes: FieldChanges = prefixed(
      auditPath(event, name),
      destinationChange(fed, destinationsOf(body, name))
    )
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes[auditPath(event, name)] = {
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      }
    }
    return { body, changes }
  })
}

export function removeField(key: string, event: string, name: string, actor: User) {
  return changeDraft(key, actor, (body) => {
    const form = formOf(body, event)
    const [removed] = form.fields.splice(indexOf(form, name), 1)
    return {
      body,
      changes: { [auditPath(event, name)]: { before: JSON.stringify(removed), after: null } },
    }
  })
}

/** « Monter », « Descendre », « Déplacer après » (null: first) */
export function moveField(key: string, event: string, name: string, actor: User, move: FieldMove) {
  return changeDraft(key, actor, (body) => {
    const form = formOf(body, event)
    const from = indexOf(form, name)
    const order = () => form.fields.map((field) => field.name).join(', ')
    const before = order()
    const [field] = form.fields.splice(from, 1)
    let to: number
    if ('direction' in move) {
      to = Math.max(0, Math.min(form.fields.length, from + (move.direction === 'up' ? -1 : 1)))
    } else {
      to = move.after === null ? 0 : positionAfter(form, move.after)
    }
    form.fields.splice(to, 0, field)
    return {
      body,
      changes: { [`forms.${event}.fields`]: { before, after: order() } },
    }
  })
}

function positionAfter(form: FormJson, after: string) {
  const index = form.fields.findIndex((field) => field.name === after)
  if (index === -1) throw new StudioRuleError({ after: FORM_FIELD_MESSAGES.afterUnknown })
  return index + 1
}
