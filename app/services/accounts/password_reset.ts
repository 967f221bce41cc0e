import { inject } from '@adonisjs/core'
import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import limiter from '@adonisjs/limiter/services/main'
import { randomBytes } from 'node:crypto'
import type { DateTime } from 'luxon'
import User from '#models/user'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { formatParisTime } from '#formatting/french'
import { consume } from '#services/auth/authentication'

/** Requests allowed, counted whatever their outcome */
export const FORGOT_PASSWORD_LIMITS = {
  perLogin: { requests: 3, duration: '1 hour', blockDuration: '1 hour' },
  perIp: { requests: 10, duration: '1 hour', blockDuration: '1 hour' },
} as const

export function tooManyResetRequests(until: DateTime) {
  return `Trop de demandes de mot de passe temporaire. Réessayez après ${formatParisTime(until)}, ou contactez l’assistance fonctionnelle (lien « contact » en bas de page).`
}

/**
 * A4 « Mot de passe oublié ? »: when the identifiant and the email match an
 * account, its lifecycle record gets RESET_PASSWORD (a temporary password is
 * mailed; it works alongside the current one until either is used, and
 * signing in with it forces the change). About the same work is done either
 * way, and requests are limited per IP and per login.
 */
@inject()
export default class PasswordResetService {
  constructor(private accounts: AccountLifecycleService) {}

  /**
   * Counts this request (atomically: parallel requests cannot all slip
   * under the limit); answers how many seconds the caller must wait first
   * (0: go ahead).
   */
  async throttle(login: string, ip: string): Promise<number> {
    const byLogin = limiter.use(FORGOT_PASSWORD_LIMITS.perLogin)
    const byIp = limiter.use(FORGOT_PASSWORD_LIMITS.perIp)
    const ipWait = await consume(byIp, `forgot_password:ip:${ip}`)
    if (ipWait > 0 || login.trim() === '') return ipWait
    return consume(byLogin, `forgot_password:login:${User.loginKeyOf(login)}`)
  }

  async request(login: string, email: string): Promise<void> {
    const user = await User.query()
      .where('login_key', User.loginKeyOf(login))
      .whereRaw('LOWER(email) = ?', [email.toLowerCase()])
      .whereNull('deleted_at')
      .first()
    if (!user) {
      /** About the cost of drawing and hashing a temporary password */
      await hash.make(randomBytes(12).toString('base64url'))
      return
    }
    try {
      await this.accounts.resetPassword(user)
    } catch (error) {
      /** The record cannot take the reset (a deleted account…): same answer, no detail */
      logger.warn({ userId: user.id, err: (error as Error).message }, 'password reset refused')
    }
  }
}
