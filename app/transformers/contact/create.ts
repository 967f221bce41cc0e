import type User from '#models/user'
import type { CaptchaChallenge } from '#services/captcha/captcha'
import type { ContactInput } from '#services/contact/contact'
import { CONTACT_LIMITS } from '#validators/contact'

/** What the form's text fields hold: the sender's name and email when signed in, or what was typed */
export type ContactValues = ContactInput

/** P2 « Contacter l’assistance fonctionnelle » (inertia/pages/contact/create.tsx) */
export type ContactPageProps = {
  captcha: CaptchaChallenge
  values: ContactValues
  /** The maxLength of each text field: the validator's */
  limits: typeof CONTACT_LIMITS
  /** One message per field, or `form` for the whole submission (too many) */
  errors?: Record<string, string>
}

/** The empty form, with the signed-in sender's name and email already filled in */
export function contactFormValues(sender: User | null): ContactValues {
  return { name: sender?.fullName ?? '', email: sender?.email ?? '', subject: '', message: '' }
}

export function contactPageProps(
  captcha: CaptchaChallenge,
  values: ContactValues,
  errors?: Record<string, string>
): ContactPageProps {
  return { captcha, values, limits: CONTACT_LIMITS, ...(errors ? { errors } : {}) }
}
