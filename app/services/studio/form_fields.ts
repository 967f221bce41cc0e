import type User from '#models/user'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { changeDraft } from '#services/studio/drafts'
import type { FieldJson, FormJson, WorkflowDefinitionBody } from '#workflow/types'

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

/** « Ajouter un champ »: at the end, or after the field named */
export function addField(
  key: string,
  event: string,
  actor: User,
  input: FieldInput & { after?: string | null }
) {
  return changeDraft(key, actor, (body) => {
    const form = formOf(body, event)
    const name = input.name || nameFromLabel(input.label)
    if (!name) throw new StudioRuleError({ name: FORM_FIELD_MESSAGES.nameUnusable })
    if (namesOf(body).has(name)) {
      throw new StudioRuleError({ name: FORM_FIELD_MESSAGES.nameTaken(name) })
    }
    const field = fieldJson(name, input)
    const at = input.after ? positionAfter(form, input.after) : form.fields.length
    form.fields.splice(at, 0, field)
    return {
      body,
      changes: { [auditPath(event, name)]: { before: null, after: JSON.stringify(field) } },
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
    return {
      body,
      changes: {
        [auditPath(event, name)]: { before: JSON.stringify(before), after: JSON.stringify(after) },
      },
    }
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
