import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
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
  companyName: vine.string().trim().optional(),
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

/** French messages; a required text left blank reads as "obligatoire" */
function messages(labels: Record<string, string>, requiredTexts: string[]) {
  const overrides = Object.fromEntries(
    requiredTexts.map((field) => [`${field}.minLength`, FRENCH_MESSAGES.required])
  )
  return new SimpleMessagesProvider({ ...FRENCH_MESSAGES, ...overrides }, labels)
}

export const partnerDetailsMessages = messages(PARTNER_DETAILS_LABELS, ['name'])
export const partnerAddressMessages = messages(PARTNER_ADDRESS_LABELS, ['city'])
