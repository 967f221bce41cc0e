import type { CaptchaChallenge } from '#services/captcha/captcha'

/** What the form shows in its fields: empty, or what was typed before a refusal */
export type ForgotPasswordValues = { login: string; email: string }

/** A4 « Mot de passe oublié ? » (inertia/pages/accounts/forgot_password.tsx) */
export type ForgotPasswordPageProps = {
  captcha: CaptchaChallenge
  values: ForgotPasswordValues
  /** Set once a request was taken: the same sentence whether or not the account exists */
  confirmation?: string
  /** One message per field, or `form` for the whole request (too many) */
  errors?: Record<string, string>
}

const EMPTY: ForgotPasswordValues = { login: '', email: '' }

export function forgotPasswordPageProps(
  captcha: CaptchaChallenge,
  outcome: {
    typed?: ForgotPasswordValues
    errors?: Record<string, string>
    confirmation?: string
  } = {}
): ForgotPasswordPageProps {
  return {
    captcha,
    values: outcome.typed ?? EMPTY,
    ...(outcome.errors ? { errors: outcome.errors } : {}),
    ...(outcome.confirmation ? { confirmation: outcome.confirmation } : {}),
  }
}
