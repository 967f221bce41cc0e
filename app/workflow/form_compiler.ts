import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'
import { SECRET_FIELD_TYPES, type FieldJson, type FieldType, type FormJson } from '#workflow/types'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import { frenchMessages, FRENCH_MESSAGES } from '#workflow/french_messages'
import CaptchaService from '#services/captcha/captcha'
import {
  CAPTCHA_FAILED_META,
  fields,
  isValidSiret,
  loginAvailableRule,
  lookupsAllowed,
  MAX_LENGTHS,
  safeNumber,
} from '#validators/rules/fields'
import { WorkflowValidationError } from '#workflow/errors'
import { registerSecretFieldNames } from '#logging/redaction'

/**
 * Turns a form of a definition into a VineJS validator, so an analyst's new
 * field is validated with no code. The rules of each field type come from
 * app/validators/rules/fields.ts, shared with the hand-written validators.
 */

const DEFAULT_MAX_LENGTH: Partial<Record<FieldType, number>> = {
  text: MAX_LENGTHS.text,
  email: MAX_LENGTHS.email,
  phone: MAX_LENGTHS.phone,
  login: MAX_LENGTHS.login,
  password: MAX_LENGTHS.password,
  textarea: MAX_LENGTHS.textarea,
}

/** Kept here too for the callers that imported it from the compiler */
export { isValidSiret }

/** Kept here too for the callers that imported it from the compiler */
export { SECRET_FIELD_TYPES }

/**
 * A captcha field `captcha` carries the characters typed; its sibling key
 * `captchaId` the id of the challenge shown (CaptchaService.issue(), the
 * keys of inertia/components/captcha_field.tsx). The challenge is spent
 * whatever the outcome (single use): after any failed submission the page
 * shows a new one. Neither key is ever stored.
 */
export const captchaIdKey = (fieldName: string) => `${fieldName}Id`

/** Whether a challenge id and typed characters are worth a look-up (bounded strings) */
function captchaShape(id: unknown, typed: unknown): typed is string {
  return (
    typeof id === 'string' &&
    id.length <= 64 &&
    typeof typed === 'string' &&
    typed.trim() !== '' &&
    typed.length <= 64
  )
}

/**
 * The verdict of a captcha field, decided by validate() before any other
 * rule runs (hardening #3) and handed over in the validation meta.
 */
const captchaRule = vine.createRule(
  (value, _options, field: FieldContext) => {
    if (typeof value !== 'string') return
    const verdicts = (field.meta as { captchas?: Record<string, boolean> }).captchas ?? {}
    if (verdicts[field.name as string] !== true) {
      field.report(FRENCH_MESSAGES.captcha, 'captcha', field)
    }
  },
  { name: 'captcha' }
)

/** A reference id as the parent select sent it, or null when it is not one */
function referenceId(value: unknown): number | null {
  const id =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The chosen id exists in the source (and matches the parent field for a dependent select) */
const referenceRule = vine.createRule<{
  source: string
  dependsOn?: string
  filterKey?: string
  parentLabel?: string
}>(
  async (value, options, field: FieldContext) => {
    if (!field.isValid || !lookupsAllowed(field)) return
    const id = referenceId(value)
    if (id === null) {
      field.report("La valeur choisie n'existe pas.", 'referenceExists', field)
      return
    }
    const source = REFERENCE_SOURCES[options.source]
    const query = db.from(source.table).where(source.valueColumn, id)
    if (source.activeColumn) query.where(source.activeColumn, true)
    if (options.dependsOn && options.filterKey) {
      const parentValue = field.parent?.[options.dependsOn]
      if (parentValue === undefined || parentValue === null || parentValue === '') return
      /** Never the raw value in a query: a tampered parent (a list, a word) matches nothing */
      const parentId = referenceId(parentValue)
      const matching =
        parentId === null
          ? null
          : await query.clone().where(source.filters[options.filterKey], parentId).first()
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
  let schema
  switch (field.type as FieldType) {
    case 'text':
      schema = fields.text(maxLength)
      break
    case 'textarea':
      schema = fields.textarea(maxLength)
      break
    case 'email':
      schema = fields.email(maxLength)
      break
    case 'phone':
      schema = fields.phone()
      break
    case 'siret':
      schema = fields.siret()
      break
    case 'postal_code':
      schema = fields.postalCode()
      break
    case 'login':
      /** A login typed in a form names a new account: unique on the portal, ignoring case */
      schema = fields.login(maxLength).use(loginAvailableRule())
      break
    case 'captcha':
      return vine.string().trim().use(captchaRule())
    case 'derived':
      /** Whatever is sent is ignored: validate() copies the value of `dependsOn` */
      return vine
        .any()
        .optional()
        .transform(() => undefined)
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
        schema = safeNumber()
          .withoutDecimals()
          .use(referenceRule({ source: field.source! }))
      }
      break
    case 'dependent_select': {
      const parent = form.fields.find((candidate) => candidate.name === field.dependsOn)
      schema = safeNumber()
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

export interface ValidateOptions {
  /**
   * S7 « Simuler »: a captcha counts as answered when characters are typed;
   * no challenge is looked up or spent, so the dry run writes nothing
   */
  simulation?: boolean
}

export interface CompiledForm {
  fields: FieldJson[]
  /** Names of the fields that must never be stored (password) */
  secretFields: string[]
  /** Validated and normalised payload, or WorkflowValidationError with one message per field */
  validate(
    payload: Record<string, unknown>,
    options?: ValidateOptions
  ): Promise<Record<string, unknown>>
}

/**
 * What a field's raw value must be before any rule or query sees it
 * (hardening #4): a text, a number or, for a checkbox, a boolean. Lists and
 * objects are never a field's value; a derived field takes nothing.
 */
function typeProblem(field: FieldJson, value: unknown): 'string' | 'number' | 'boolean' | null {
  if (value === undefined || field.type === 'derived') return null
  if (typeof value === 'string' || typeof value === 'number') return null
  if (field.type === 'checkbox') return typeof value === 'boolean' ? null : 'boolean'
  const chosenId = field.type === 'dependent_select' || (field.type === 'select' && !field.options)
  return chosenId ? 'number' : 'string'
}

export function compileForm(form: FormJson): CompiledForm {
  const properties: Record<string, ReturnType<typeof fieldSchema>> = {}
  const labels: Record<string, string> = {}
  for (const field of form.fields) {
    properties[field.name] = fieldSchema(field, form)
    labels[field.name] = field.label
  }
  const validator = vine.compile(vine.object(properties))
  const derivedFields = form.fields.filter((field) => field.type === 'derived' && field.dependsOn)
  const captchaFields = form.fields.filter((field) => field.type === 'captcha')
  const messagesProvider = frenchMessages(labels)
  const secretFields = form.fields
    .filter((field) => SECRET_FIELD_TYPES.includes(field.type))
    .map((field) => field.name)
  /** Never in a log line either */
  registerSecretFieldNames(secretFields)
  const label = (field: FieldJson, rule: string) =>
    FRENCH_MESSAGES[rule].replaceAll('{{ field }}', field.label)

  return {
    fields: form.fields,
    secretFields,
    async validate(payload, options = {}) {
      /** An HTML form sends "" for an empty input: treat it as not given */
      const data = Object.fromEntries(
        Object.entries(payload ?? {}).filter(([, value]) => value !== '' && value !== null)
      )

      /** 1. Every field's type, before any rule or query runs */
      const typeErrors: Record<string, string> = {}
      for (const field of form.fields) {
        const problem = typeProblem(field, data[field.name])
        if (problem) typeErrors[field.name] = label(field, problem)
      }
      if (Object.keys(typeErrors).length) throw new WorkflowValidationError(typeErrors)

      /**
       * 2. The captcha, before the other fields' rules (hardening #3): when
       * it fails, the rules that query the database for another field (a
       * login already taken…) do not run, so a script without the
       * characters learns nothing about the accounts. The challenge is
       * spent whatever the outcome.
       */
      const captchas: Record<string, boolean> = {}
      for (const field of captchaFields) {
        const typed = data[field.name]
        const id = data[captchaIdKey(field.name)]
        captchas[field.name] = options.simulation
          ? typeof typed === 'string' && typed.trim() !== ''
          : captchaShape(id, typed) && (await new CaptchaService().verify(id as string, typed))
      }
      const meta = {
        captchas,
        [CAPTCHA_FAILED_META]: Object.values(captchas).some((passed) => !passed),
      }

      /** 3. The fields' rules */
      try {
        const output = (await validator.validate(data, { messagesProvider, meta })) as Record<
          string,
          unknown
        >
        for (const field of derivedFields) {
          const value = output[field.dependsOn!]
          if (value === undefined) delete output[field.name]
          else output[field.name] = value
        }
        return output
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
