import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import AuthenticationService from '#services/authentication_service'
import { signInValidator } from '#validators/session'

export const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect.'

@inject()
export default class SessionController {
  constructor(private authentication: AuthenticationService) {}

  async create({ inertia }: HttpContext) {
    return inertia.render('auth/sign_in', {})
  }

  async store({ request, response, auth, inertia }: HttpContext) {
    const { login, password } = await request.validateUsing(signInValidator)
    const result = await this.authentication.attempt(login, password, request.ip())

    if (result.outcome === 'throttled') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60)
      response.header('Retry-After', String(result.retryAfterSeconds))
      response.status(429)
      return inertia.render('auth/sign_in', {
        login,
        errors: {
          login: `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou utilisez « Mot de passe oublié ? ».`,
        },
      })
    }

    if (result.outcome === 'invalid_credentials') {
      response.status(422)
      return inertia.render('auth/sign_in', { login, errors: { login: INVALID_CREDENTIALS } })
    }

    /** auth.use('web').login() renews the session id (no session fixation) */
    await auth.use('web').login(result.user)
    return response.redirect('/services')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', 'Vous êtes déconnecté.')
    return response.redirect('/')
  }
}
