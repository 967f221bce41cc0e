import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { fields, loginAvailableRule, safeString } from '#validators/rules/fields'
import { FRENCH_MESSAGES } from '#workflow/french_messages'

/**
 * « Administration » › « Modification inscription »: the forms of the
 * « Partenaires » (M1) and « Adresse » (M7) tabs. The field rules are the
 * onboarding ones (app/validators/rules/fields.ts); the bounds are the
 * columns' (database/migrations/0002_create_partners_tables.ts). Keys the
 * schemas do not name (partner_id, id…) are dropped: the partner is always
 * the signed-in administrator's own.
 */
export const ADMINISTRATION_LIMITS = {
  name: 150,
  companyName: 150,
  recipient: 150,
  street: 150,
  complement: 150,
  poBox: 50,
  city: 100,
} as const

/** A required text: blanks alone count as empty */
const requiredText = (maxLength: number) => fields.text(maxLength).minLength(1)

/** M1 « Partenaires »: nom*, SIRET, email, téléphone */
export const partnerDetailsValidator = vine.create({
  name: requiredText(ADMINISTRATION_LIMITS.name),
  siret: fields.siret().optional(),
  email: fields.email().optional(),
  phone: fields.phone().optional(),
})

/**
 * M7 « Adresse »: every field but the raison sociale. A raison sociale sent
 * anyway is kept for the service to compare (a change is refused), never stored.
 */
export const partnerAddressValidator = vine.create({
  companyName: safeString().trim().optional(),
  recipient: fields.text(ADMINISTRATION_LIMITS.recipient).optional(),
  street: fields.text(ADMINISTRATION_LIMITS.street).optional(),
  complement: fields.text(ADMINISTRATION_LIMITS.complement).optional(),
  poBox: fields.text(ADMINISTRATION_LIMITS.poBox).optional(),
  postalCode: fields.postalCode(),
  city: requiredText(ADMINISTRATION_LIMITS.city),
})

/** The labels of the screens, used in the French messages and the history */
export const PARTNER_DETAILS_LABELS = {
  name: 'Nom partenaire',
  siret: 'SIRET',
  email: 'Email',
  phone: 'Téléphone',
} as const

export const PARTNER_ADDRESS_LABELS = {
  companyName: 'Raison sociale',
  recipient: 'Identité destinataire',
  street: 'Voie',
  complement: 'Complément d’adresse',
  poBox: 'Boîte postale',
  postalCode: 'CP',
  city: 'Nom commune',
} as const

/** French messages; a required text left blank reads as "obligatoire" (every hand-written form) */
export function messages(
  labels: Record<string, string>,
  requiredTexts: string[],
  /** "field.rule" → a message of the form's own */
  own: Record<string, string> = {}
) {
  const overrides = Object.fromEntries(
    requiredTexts.map((field) => [`${field}.minLength`, FRENCH_MESSAGES.required])
  )
  return new SimpleMessagesProvider({ ...FRENCH_MESSAGES, ...overrides, ...own }, labels)
}

export const partnerDetailsMessages = messages(PARTNER_DETAILS_LABELS, ['name'])
export const partnerAddressMessages = messages(PARTNER_ADDRESS_LABELS, ['city'])

/**
 * M2–M4 « Utilisateurs »: nom*, prénom*, téléphone, email*, login* (A rules,
 * unique ignoring case, on creation only), « Administrateur ». The column
 * bounds are database/migrations' users table.
 */
export const PARTNER_USER_LIMITS = { lastName: 100, firstName: 100 } as const

/** Who an account is, for every form that creates one (M2 here, S1 a caisse administrator) */
export const accountFields = {
  lastName: requiredText(PARTNER_USER_LIMITS.lastName),
  firstName: requiredText(PARTNER_USER_LIMITS.firstName),
  phone: fields.phone().optional(),
  email: fields.email(),
}

/** The login of a new account: A's format, free on the whole portal (ignoring case) */
export const newLogin = () => fields.login().use(loginAvailableRule())

const partnerUserFields = { ...accountFields, isAdministrator: vine.boolean().optional() }

/** « Créer utilisateur » › « Valider » */
export const newPartnerUserValidator = vine.create({ ...partnerUserFields, login: newLogin() })

/**
 * A row opened › « Valider ». A login sent anyway is kept for the service
 * to compare (a change is refused), never stored.
 */
export const partnerUserValidator = vine.create({
  ...partnerUserFields,
  login: safeString().trim().optional(),
})

export const PARTNER_USER_LABELS = {
  login: 'Login',
  lastName: 'Nom',
  firstName: 'Prénom',
  phone: 'Téléphone',
  email: 'Email',
  isAdministrator: 'Administrateur',
} as const

export const partnerUserMessages = messages(PARTNER_USER_LABELS, ['lastName', 'firstName'])

/**
 * M8 « Conventions » › « Valider »: régime, caisse (of that régime), type
 * de convention and code convention, all required. The lists send ids as
 * text; whether the caisse belongs to the régime and the code is free at
 * that caisse is checked by app/services/administration/conventions.ts.
 */
export const CONVENTION_LIMITS = { code: 30 } as const

const choice = () =>
  safeString()
    .trim()
    .minLength(1)
    .regex(/^\d{1,10}$/)

export const newConventionValidator = vine.create({
  regimeId: choice(),
  caisseId: choice(),
  conventionTypeId: choice(),
  code: requiredText(CONVENTION_LIMITS.code),
})

export const CONVENTION_LABELS = {
  regimeId: 'Régime',
  caisseId: 'Caisse',
  conventionTypeId: 'Type de convention',
  code: 'Code convention',
} as const

export const newConventionMessages = new SimpleMessagesProvider(
  {
    ...FRENCH_MESSAGES,
    ...Object.fromEntries(
      Object.keys(CONVENTION_LABELS).map((field) => [
        `${field}.minLength`,
        FRENCH_MESSAGES.required,
      ])
    ),
    ...Object.fromEntries(
      ['regimeId', 'caisseId', 'conventionTypeId'].map((field) => [
        `${field}.regex`,
        FRENCH_MESSAGES.referenceExists,
      ])
    ),
  },
  CONVENTION_LABELS
)
