import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import limiter from '@adonisjs/limiter/services/main'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import User from '#models/user'
import CaptchaService from '#services/captcha_service'
import AccountLifecycleService from '#services/account_lifecycle_service'
import { forgotPasswordMessages, forgotPasswordValidator } from '#validators/account'

/** The one answer, whether or not the identifiant and the email match an account */
export const FORGOT_PASSWORD_SENT =
  'Si l’identifiant et l’adresse email saisis correspondent à un compte, un mot de passe temporaire vient d’être envoyé à cette adresse. Vous devrez le changer à la prochaine connexion.'

/** Requests allowed, counted whatever their outcome */
export const FORGOT_PASSWORD_LIMITS = {
  perLogin: { requests: 3, duration: '1 hour', blockDuration: '1 hour' },
  perIp: { requests: 10, duration: '1 hour', blockDuration: '1 hour' },
} as const

export function tooManyResetRequests(until: DateTime) {
  const time = until.setZone('Europe/Paris').toFormat("H 'h' mm")
  return `Trop de demandes de mot de passe temporaire. Réessayez après ${time}, ou contactez l’assistance fonctionnelle (lien « contact » en bas de page).`
}

/**
 * A4 « Mot de passe oublié ? »: identifiant + email + captcha, « Enregistrer ».
 * When the pair matches an account, its lifecycle record gets
 * RESET_PASSWORD: a temporary password is mailed and must be changed at the
 * next sign-in (A2). The screen says the same thing either way, after about
 * the same work (a password hash is computed either way), and the requests
 * are limited per IP and per login.
 */
@inject()
export default class ForgotPasswordController {
  constructor(
    private captchas: CaptchaService,
    private accounts: AccountLifecycleService
  ) {}

  async create({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password', {
      captcha: await this.captchas.issue(),
      values: { login: '', email: '' },
    })
  }

  async store({ request, response, inertia }: HttpContext) {
    const typed = {
      login: typeof request.input('login') === 'string' ? (request.input('login') as string) : '',
      email: typeof request.input('email') === 'string' ? (request.input('email') as string) : '',
    }
    const again = async (status: number, errors: Record<string, string>) => {
      response.status(status)
      return inertia.render('auth/forgot_password', {
        captcha: await this.captchas.issue(),
        values: typed,
        errors,
      })
    }

    const byLogin = limiter.use(FORGOT_PASSWORD_LIMITS.perLogin)
    const byIp = limiter.use(FORGOT_PASSWORD_LIMITS.perIp)
    const loginBucket = `forgot_password:login:${User.loginKeyOf(typed.login)}`
    const ipBucket = `forgot_password:ip:${request.ip()}`
    const wait = Math.max(
      await byIp.availableIn(ipBucket),
      typed.login.trim() ? await byLogin.availableIn(loginBucket) : 0
    )
    if (wait > 0) {
      response.header('Retry-After', String(wait))
      return again(429, { form: tooManyResetRequests(DateTime.now().plus({ seconds: wait })) })
    }
    await byIp.increment(ipBucket)
    if (typed.login.trim()) await byLogin.increment(loginBucket)

    const [invalid, input] = await forgotPasswordValidator.tryValidate(request.all(), {
      messagesProvider: forgotPasswordMessages,
    })
    const errors = await this.captchas.formErrors(request.only(['captchaId', 'captcha']), invalid)
    if (errors || !input) {
      return again(422, errors ?? {})
    }

    const user = await User.query()
      .where('login_key', User.loginKeyOf(input.login))
      .whereRaw('LOWER(email) = ?', [input.email.toLowerCase()])
      .whereNull('deleted_at')
      .first()
    if (user) {
      try {
        await this.accounts.resetPassword(user)
      } catch (error) {
        /** The record cannot take the reset (a deleted account…): same answer, no detail */
        logger.warn({ userId: user.id, err: (error as Error).message }, 'password reset refused')
      }
    } else {
      /** About the cost of drawing and hashing a temporary password */
      await hash.make(randomBytes(12).toString('base64url'))
    }

    return inertia.render('auth/forgot_password', {
      captcha: await this.captchas.issue(),
      values: { login: '', email: '' },
      confirmation: FORGOT_PASSWORD_SENT,
    })
  }
}
