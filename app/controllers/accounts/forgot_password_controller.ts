import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import CaptchaService from '#services/captcha/captcha'
import PasswordResetService, { tooManyResetRequests } from '#services/accounts/password_reset'
import { forgotPasswordMessages, forgotPasswordValidator } from '#validators/account'
import { hasOnlyAllowedCharacters, MAX_LENGTHS } from '#validators/rules/fields'
import { forgotPasswordPageProps } from '#transformers/accounts/forgot_password'

/** The one answer, whether or not the identifiant and the email match an account */
export const FORGOT_PASSWORD_SENT =
  'Si l’identifiant et l’adresse email saisis correspondent à un compte, un mot de passe temporaire vient d’être envoyé à cette adresse. Vous devrez le changer à la prochaine connexion.'

/**
 * A4 « Mot de passe oublié ? »: identifiant + email + captcha, « Enregistrer ».
 * The screen says the same thing whether or not the pair matches an account
 * (PasswordResetService does the work and the limits).
 */
@inject()
export default class ForgotPasswordController {
  constructor(
    private captchas: CaptchaService,
    private resets: PasswordResetService
  ) {}

  async create({ inertia }: HttpContext) {
    return inertia.render(
      'accounts/forgot_password',
      forgotPasswordPageProps(await this.captchas.issue())
    )
  }

  async store({ request, response, inertia }: HttpContext) {
    const typed = {
      login: typeof request.input('login') === 'string' ? (request.input('login') as string) : '',
      email: typeof request.input('email') === 'string' ? (request.input('email') as string) : '',
    }
    const again = async (status: number, errors: Record<string, string>) => {
      response.status(status)
      return inertia.render(
        'accounts/forgot_password',
        forgotPasswordPageProps(await this.captchas.issue(), { typed, errors })
      )
    }

    /**
     * A login no account can have (too long, forbidden characters) names no
     * per-login counter: the IP's is counted, the validator refuses it, and
     * the limiter's bounded key column never sees it (a 500 on MariaDB).
     */
    const countedLogin =
      typed.login.length <= MAX_LENGTHS.login && hasOnlyAllowedCharacters(typed.login)
        ? typed.login
        : ''
    const wait = await this.resets.throttle(countedLogin, request.ip())
    if (wait > 0) {
      response.header('Retry-After', String(wait))
      return again(429, { form: tooManyResetRequests(DateTime.now().plus({ seconds: wait })) })
    }

    const [invalid, input] = await forgotPasswordValidator.tryValidate(request.all(), {
      messagesProvider: forgotPasswordMessages,
    })
    const errors = await this.captchas.formErrors(request.only(['captchaId', 'captcha']), invalid)
    if (errors || !input) {
      return again(422, errors ?? {})
    }

    await this.resets.request(input.login, input.email)

    return inertia.render(
      'accounts/forgot_password',
      forgotPasswordPageProps(await this.captchas.issue(), { confirmation: FORGOT_PASSWORD_SENT })
    )
  }
}
