import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'
import type { FieldJson, FieldType, FormJson } from '#workflow/types'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import { frenchMessages } from '#workflow/french_messages'
import { WorkflowValidationError } from '#workflow/errors'

/**
 * Turns a form of a definition into a VineJS validator, so an analyst's new
 * field is validated with no code. The rules of each field type live here and
 * only here.
 */

const DEFAULT_MAX_LENGTH: Partial<Record<FieldType, number>> = {
  text: 255,
  email: 254,
  phone: 14,
  login: 50,
  password: 128,
  textarea: 4000,
}

/** SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's SIRETs excepted) */
export function isValidSiret(value: string) {
  if (!/^\d{14}$/.test(value)) return false
  /** La Poste's establishments share SIREN 356000000: their sum of digits is a multiple of 5 */
  if (value.startsWith('356000000')) {
    return [...value].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0
  }
  let sum = 0
  for (let index = 0; index < 14; index++) {
    let digit = Number(value[13 - index])
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

const patternRule = (name: string, pattern: RegExp) =>
  vine.createRule(
    (value, _options, field) => {
      if (typeof value === 'string' && !pattern.test(value)) {
        field.report(`Le champ « {{ field }} » n'a pas le bon format.`, name, field)
      }
    },
    { name }
  )

/** "nn nn nn nn nn", spaces optional */
const phoneRule = patternRule('phone', /^\d{2}(?: ?\d{2}){4}$/)
const postalCodeRule = patternRule('postalCode', /^\d{5}$/)
/** Letters and digits only: no accent, space, apostrophe or other sign (A rules) */
const loginRule = patternRule('login', /^[A-Za-z0-9]+$/)

const siretRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value === 'string' && !isValidSiret(value)) {
      field.report('Le SIRET est invalide.', 'siret', field)
    }
  },
  { name: 'siret' }
)

/** The chosen id exists in the source (and matches the parent field for a dependent select) */
const referenceRule = vine.createRule<{
  source: string
  dependsOn?: string
  filterKey?: string
  parentLabel?: string
}>(
  async (value, options, field: FieldContext) => {
    if (!field.isValid) return
    const source = REFERENCE_SOURCES[options.source]
    const query = db.from(source.table).where(source.valueColumn, value as number)
    if (source.activeColumn) query.where(source.activeColumn, true)
    if (options.dependsOn && options.filterKey) {
      const parentValue = field.parent?.[options.dependsOn]
      if (parentValue === undefined || parentValue === null || parentValue === '') return
      const matching = await query
        .clone()
        .where(source.filters[options.filterKey], parentValue as number)
        .first()
      if (!matching) {
        const exists = await query.first()
        if (exists) {
          field.report(
            'La valeur choisie ne correspond pas au choix précédent.',
            'referenceMatchesParent',
            field,
            { parent: options.parentLabel ?? options.dependsOn }
          )
          return
        }
      } else {
        return
      }
    } else if (await query.first()) {
      return
    }
    field.report("La valeur choisie n'existe pas.", 'referenceExists', field)
  },
  { name: 'reference', isAsync: true }
)

function fieldSchema(field: FieldJson, form: FormJson) {
  const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type as FieldType]
  const text = () => {
    const schema = vine.string().trim()
    return maxLength ? schema.maxLength(maxLength) : schema
  }
  let schema
  switch (field.type as FieldType) {
    case 'text':
    case 'textarea':
      schema = text()
      break
    case 'email':
      schema = text().email()
      break
    case 'phone':
      schema = text().use(phoneRule())
      break
    case 'siret':
      schema = vine.string().trim().use(siretRule())
      break
    case 'postal_code':
      schema = vine.string().trim().use(postalCodeRule())
      break
    case 'login':
      schema = text().use(loginRule())
      break
    case 'password':
      /** No trim: a password is taken as typed. Its policy (A2) is checked by the domain action */
      schema = maxLength ? vine.string().maxLength(maxLength) : vine.string()
      break
    case 'checkbox':
      /** Browsers send "on" for a ticked box: store a boolean */
      return field.required ? vine.accepted().transform(() => true) : vine.boolean().optional()
    case 'select':
      if (field.options) {
        schema = vine.enum(field.options.map((option) => option.value))
      } else {
        schema = vine
          .number()
          .withoutDecimals()
          .use(referenceRule({ source: field.source! }))
      }
      break
    case 'dependent_select': {
      const parent = form.fields.find((candidate) => candidate.name === field.dependsOn)
      schema = vine
        .number()
        .withoutDecimals()
        .use(
          referenceRule({
            source: field.source!,
            dependsOn: field.dependsOn,
            filterKey: field.filterKey,
            parentLabel: parent?.label,
          })
        )
      break
    }
    default:
      throw new Error(
        `Unknown field type "${field.type}" (the static validator should have refused it)`
      )
  }
  return field.required ? schema : schema.optional()
}

export interface CompiledForm {
  fields: FieldJson[]
  /** Names of the fields that must never be stored (password) */
  secretFields: string[]
  /** Validated and normalised payload, or WorkflowValidationError with one message per field */
  validate(payload: Record<string, unknown>): Promise<Record<string, unknown>>
}

export function compileForm(form: FormJson): CompiledForm {
  const properties: Record<string, ReturnType<typeof fieldSchema>> = {}
  const labels: Record<string, string> = {}
  for (const field of form.fields) {
    properties[field.name] = fieldSchema(field, form)
    labels[field.name] = field.label
  }
  const validator = vine.compile(vine.object(properties))
  const messagesProvider = frenchMessages(labels)

  return {
    fields: form.fields,
    secretFields: form.fields.filter((field) => field.type === 'password').map((f) => f.name),
    async validate(payload) {
      /** An HTML form sends "" for an empty input: treat it as not given */
      const data = Object.fromEntries(
        Object.entries(payload ?? {}).filter(([, value]) => value !== '' && value !== null)
      )
      try {
        return (await validator.validate(data, { messagesProvider })) as Record<string, unknown>
      } catch (error) {
        const messages = (error as { messages?: Array<{ field: string; message: string }> })
          .messages
        if (!messages) throw error
        const fieldErrors: Record<string, string> = {}
        for (const message of messages) {
          fieldErrors[message.field] ??= message.message
        }
        throw new WorkflowValidationError(fieldErrors)
      }
    },
  }
}

/** The validator used for events without a form: they carry no data */
export const EMPTY_FORM: CompiledForm = {
  fields: [],
  secretFields: [],
  async validate() {
    return {}
  },
}
