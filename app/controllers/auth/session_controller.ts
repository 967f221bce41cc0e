import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import type { DateTime } from 'luxon'
import AuthenticationService from '#services/auth/authentication'
import UserSessions from '#services/auth/user_sessions'
import { signInValidator } from '#validators/session'
import { formatParisTime } from '#formatting/french'
import { refusedSignInProps, signInPageProps } from '#transformers/auth/sign_in'
import { CHANGE_PASSWORD_PATH } from '#middleware/password_change_middleware'

export const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect.'

export const TEMPORARY_PASSWORD_EXPIRED =
  'Votre mot de passe temporaire a expiré. Utilisez « Mot de passe oublié ? » pour en recevoir un nouveau.'

/**
 * The answer to a throttled or locked login: the same for a real account and
 * an unknown login (docs/decisions/0007-account-lockout.md), with the time
 * from which to try again and the way out.
 */
export function tooManyAttempts(until: DateTime) {
  const time = formatParisTime(until)
  return `Trop de tentatives de connexion. Réessayez après ${time}, ou utilisez « Mot de passe oublié ? » pour recevoir un mot de passe temporaire.`
}

@inject()
export default class SessionController {
  constructor(
    private authentication: AuthenticationService,
    private sessions: UserSessions
  ) {}

  async create({ inertia }: HttpContext) {
    return inertia.render('auth/sign_in', signInPageProps())
  }

  async store({ request, response, auth, inertia, session }: HttpContext) {
    const { login, password } = await request.validateUsing(signInValidator)
    const result = await this.authentication.attempt(login, password, request.ip())

    if (result.outcome === 'throttled') {
      response.header('Retry-After', String(result.retryAfterSeconds))
      response.status(429)
      return inertia.render(
        'auth/sign_in',
        refusedSignInProps(login, tooManyAttempts(result.until))
      )
    }

    if (result.outcome === 'temporary_password_expired') {
      response.status(422)
      return inertia.render('auth/sign_in', refusedSignInProps(login, TEMPORARY_PASSWORD_EXPIRED))
    }

    if (result.outcome === 'invalid_credentials') {
      response.status(422)
      return inertia.render('auth/sign_in', refusedSignInProps(login, INVALID_CREDENTIALS))
    }

    /** auth.use('web').login() renews the session id (no session fixation) */
    await auth.use('web').login(result.user)
    await this.sessions.tag(session, result.user)
    return response.redirect(result.user.mustChangePassword ? CHANGE_PASSWORD_PATH : '/services')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    /** The session row is dropped: a cookie copied before sign-out opens nothing */
    session.regenerate()
    session.flash('success', 'Vous êtes déconnecté.')
    return response.redirect('/')
  }
}
