import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import AccountLifecycleService from '#services/accounts/lifecycle'
import UserSessions from '#services/auth/user_sessions'
import { formatParisTime } from '#formatting/french'
import { changePasswordPageProps } from '#transformers/accounts/change_password'
import { WorkflowValidationError } from '#workflow/errors'

export const PASSWORD_CHANGED = 'Votre mot de passe a été modifié.'
export const MUST_CHANGE_FIRST =
  'Vous devez changer votre mot de passe avant de poursuivre : l’ancien mot de passe est celui reçu par email.'

/** Wrong « Ancien mot de passe » allowed per user before a pause (a stolen session cannot guess it) */
export const WRONG_CURRENT_PASSWORD_LIMIT = {
  requests: 5,
  duration: '15 mins',
  blockDuration: '15 mins',
} as const

/**
 * A2, A6: « Changer mon mot de passe » (GET/POST /mot-de-passe). Forced
 * after an emailed temporary password (PasswordChangeMiddleware), open to
 * every signed-in user from « Les services ». The change is the
 * CHANGE_PASSWORD event of the user's lifecycle record: its action checks
 * the old password, the policy and the confirmation (422, one message per
 * field) and stores the new hash in the same transaction.
 */
@inject()
export default class PasswordController {
  constructor(
    private accounts: AccountLifecycleService,
    private sessions: UserSessions
  ) {}

  async edit({ inertia, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    return inertia.render('accounts/change_password', changePasswordPageProps(user))
  }

  async update({ request, response, inertia, auth, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const again = (status: number, errors: Record<string, string>) => {
      response.status(status)
      return inertia.render('accounts/change_password', changePasswordPageProps(user, errors))
    }

    const guesses = limiter.use(WRONG_CURRENT_PASSWORD_LIMIT)
    const bucket = `password_change:user:${user.id}`
    const wait = await guesses.availableIn(bucket)
    if (wait > 0) {
      response.header('Retry-After', String(wait))
      const time = formatParisTime(DateTime.now().plus({ seconds: wait }))
      return again(429, {
        currentPassword: `Trop d’essais de l’ancien mot de passe. Réessayez après ${time}.`,
      })
    }

    const text = (name: string) => {
      const value = request.input(name)
      return typeof value === 'string' ? value : undefined
    }
    try {
      await this.accounts.changePassword(user, {
        currentPassword: text('currentPassword'),
        newPassword: text('newPassword'),
        confirmation: text('confirmation'),
      })
    } catch (error) {
      if (!(error instanceof WorkflowValidationError)) throw error
      if (error.fieldErrors.currentPassword && text('currentPassword')) {
        await guesses.increment(bucket)
      }
      return again(422, error.fieldErrors)
    }

    await guesses.delete(bucket)
    /** A new session id once the credentials changed, and the user's other sessions end */
    session.regenerate()
    await this.sessions.tag(session, user)
    await this.sessions.endOthers(user, session)
    session.flash('success', PASSWORD_CHANGED)
    return response.redirect('/services')
  }
}
