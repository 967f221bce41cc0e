import vine from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { frenchMessages } from '#workflow/french_messages'

/** Bounds of the contact form's fields (P2), shared with the page */
export const CONTACT_LIMITS = { name: 100, email: 254, subject: 150, message: 5000 } as const

/** One line: tabs and line breaks of a name or subject become spaces (no header injection) */
const oneLine = (value: string) => value.replace(/\s+/g, ' ')

/**
 * P2: the contact form, with the shared field rules (no control or bidi
 * character, app/validators/rules/fields.ts). The captcha keys (captchaId, captcha) are checked
 * by the captcha service, not here, so that a challenge is spent whatever
 * the other fields hold.
 */
export const contactValidator = vine.create({
  name: fields.text(CONTACT_LIMITS.name).transform(oneLine),
  email: fields.email(CONTACT_LIMITS.email),
  subject: fields.text(CONTACT_LIMITS.subject).transform(oneLine),
  message: fields.textarea(CONTACT_LIMITS.message),
})

/** Field labels used in the French messages */
export const contactMessages = frenchMessages({
  name: 'Nom',
  email: 'Adresse email',
  subject: 'Objet',
  message: 'Message',
  captcha: 'Caractères de l’image',
})
