import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * The rules of the portal's fields (FEATURES R3, A, M): one place shared by
 * the workflow form compiler (app/workflow/form_compiler.ts) and the
 * hand-written validators (partner administration, accounts). Each rule
 * reports under its own name; the French messages are in
 * FIELD_RULE_MESSAGES ({{ field }} is the field's label).
 */

/** Every text is bounded: these are the limits when a field does not set its own */
export const MAX_LENGTHS = {
  text: 255,
  textarea: 4000,
  /** RFC 5321: 254 characters for a whole address */
  email: 254,
  /** "nn nn nn nn nn" or "nn.nn.nn.nn.nn" */
  phone: 14,
  login: 50,
  password: 128,
  siret: 14,
  postalCode: 5,
} as const

export const FIELD_RULE_MESSAGES: Record<string, string> = {
  phone:
    'Le champ « {{ field }} » doit être un numéro de 10 chiffres au format « nn nn nn nn nn ».',
  siret: 'Le champ « {{ field }} » doit contenir 14 chiffres et une clé valide.',
  postalCode: 'Le champ « {{ field }} » doit contenir 5 chiffres.',
  postalCodeCorsica:
    'Le champ « {{ field }} » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
  login:
    'Le champ « {{ field }} » ne peut contenir que des lettres et des chiffres, sans accent, espace ni caractère spécial.',
  loginTaken: 'Ce login est déjà utilisé sur le portail : choisissez-en un autre.',
  characters:
    'Le champ « {{ field }} » contient un caractère non permis (caractère de contrôle, d’inversion du sens du texte ou caractère incomplet) : retirez-le.',
}

/** "06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78" */
const PHONE_PATTERN = /^\d{2}(?:[ .-]?\d{2}){4}$/
const POSTAL_CODE_PATTERN = /^\d{5}$/
/** Corsica's department codes typed where a postal code is expected */
const CORSICAN_DEPARTMENT_PATTERN = /^2\s*[AaBb]/
/** Letters and digits only: no accent, space, apostrophe or other sign */
const LOGIN_PATTERN = /^[A-Za-z0-9]+$/

/**
 * A phone number in the stored form "nn nn nn nn nn", or null when the
 * input is not 10 digits (separated by nothing, spaces, dots or dashes).
 */
export function normalisePhone(value: string): string | null {
  const trimmed = value.trim()
  if (!PHONE_PATTERN.test(trimmed)) return null
  return trimmed.replace(/\D/g, '').replace(/(\d{2})(?=\d)/g, '$1 ')
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

export function isValidLogin(value: string) {
  return value.length <= MAX_LENGTHS.login && LOGIN_PATTERN.test(value)
}

/** What is wrong with a postal code, as a rule name, or null when it is fine */
export function postalCodeProblem(value: string): 'postalCode' | 'postalCodeCorsica' | null {
  if (POSTAL_CODE_PATTERN.test(value)) return null
  return CORSICAN_DEPARTMENT_PATTERN.test(value) ? 'postalCodeCorsica' : 'postalCode'
}

/** The key a login is unique on: "Alex7" and "alex7" are one account */
export function loginKey(login: string) {
  return login.trim().toLowerCase()
}

const message = (rule: string) => FIELD_RULE_MESSAGES[rule]

/**
 * Characters no free text may hold (hardening #13): the C0 controls but
 * tab, line feed and carriage return (NUL, ESC of the terminal escape
 * sequences…), DEL, the C1 controls, and the bidirectional controls that
 * reorder what the caisse or a mail shows (U+202E RIGHT-TO-LEFT OVERRIDE,
 * the embeddings, isolates and marks).
 */
const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

/**
 * Whether a text is free of forbidden characters and well-formed UTF-16
 * (no lone surrogate, which the email rule's URI decoding throws on and no
 * database column can store).
 */
export function hasOnlyAllowedCharacters(value: string) {
  return value.isWellFormed() && !FORBIDDEN_CHARACTERS.test(value)
}

/**
 * The first rule of every free text, before any other rule looks at the
 * value: one rule for the form compiler and the hand-written validators.
 */
export const allowedCharactersRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value === 'string' && !hasOnlyAllowedCharacters(value)) {
      field.report(message('characters'), 'characters', field)
    }
  },
  { name: 'characters' }
)

/**
 * The validation meta key a form sets when its captcha failed: the rules
 * that query the database for another field (a login already taken, a
 * chosen reference) then do not run, so that a wrong captcha tells nothing
 * about the accounts (hardening #3) and costs no query.
 */
export const CAPTCHA_FAILED_META = 'captchaFailed'

/** Whether a rule may query the database for this field (see CAPTCHA_FAILED_META) */
export function lookupsAllowed(field: FieldContext) {
  return (field.meta as Record<string, unknown> | undefined)?.[CAPTCHA_FAILED_META] !== true
}

/** A string with its characters checked first: the base of every free text */
export const safeString = () => vine.string().use(allowedCharactersRule())

/**
 * A number that a list or an object cannot crash: VineJS converts with
 * Number(value), which throws on a JSON object such as {"toString": "x"}
 * (a 500). Anything but a text or a number is "not a number" instead.
 */
export const safeNumber = () =>
  vine
    .number()
    .parse((value) =>
      value === undefined ||
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number'
        ? value
        : Number.NaN
    )

/** Checks the format and stores the number as "nn nn nn nn nn" */
export const phoneRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value !== 'string') return
    const normalised = normalisePhone(value)
    if (normalised === null) {
      field.report(message('phone'), 'phone', field)
      return
    }
    field.mutate(normalised, field)
  },
  { name: 'phone' }
)

export const siretRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value === 'string' && !isValidSiret(value)) {
      field.report(message('siret'), 'siret', field)
    }
  },
  { name: 'siret' }
)

export const postalCodeRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value !== 'string') return
    const problem = postalCodeProblem(value)
    if (problem) field.report(message(problem), problem, field)
  },
  { name: 'postalCode' }
)

export const loginRule = vine.createRule(
  (value, _options, field) => {
    if (typeof value === 'string' && !LOGIN_PATTERN.test(value)) {
      field.report(message('login'), 'login', field)
    }
  },
  { name: 'login' }
)

/** No account (deleted ones included: a login is never given twice) uses the login, whatever its case */
export const loginAvailableRule = vine.createRule(
  async (value, _options, field: FieldContext) => {
    if (!field.isValid || typeof value !== 'string' || !lookupsAllowed(field)) return
    const taken = await db.from('users').where('login_key', loginKey(value)).first()
    if (taken) field.report(message('loginTaken'), 'loginTaken', field)
  },
  { name: 'loginAvailable', isAsync: true }
)

/**
 * Schema builders for hand-written validators. Each trims, bounds and checks
 * its value; chain `.optional()` for a field that may be left empty.
 */
export const fields = {
  text: (maxLength: number = MAX_LENGTHS.text) => safeString().trim().maxLength(maxLength),
  textarea: (maxLength: number = MAX_LENGTHS.textarea) => safeString().trim().maxLength(maxLength),
  email: (maxLength: number = MAX_LENGTHS.email) =>
    safeString().trim().maxLength(maxLength).email(),
  phone: () => safeString().trim().maxLength(MAX_LENGTHS.phone).use(phoneRule()),
  siret: () => safeString().trim().use(siretRule()),
  postalCode: () => safeString().trim().use(postalCodeRule()),
  /** A login's format; add `.use(loginAvailableRule())` where a new account is created */
  login: (maxLength: number = MAX_LENGTHS.login) =>
    safeString().trim().maxLength(maxLength).use(loginRule()),
  /** An id chosen in a list */
  id: () => safeNumber().withoutDecimals().positive(),
  /** Taken as typed (no trim, no character rule): its policy is the domain's (A2) */
  password: (maxLength: number = MAX_LENGTHS.password) => vine.string().maxLength(maxLength),
}
