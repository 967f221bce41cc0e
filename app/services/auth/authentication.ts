import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import SignInLockout from '#services/auth/lockout'

/**
 * Sign-in attempts allowed before throttling, per login and per client IP.
 * Counting failures only: a user who signs in successfully is not slowed down.
 * On top of these, SignInLockout delays then locks a login (account_lockout.ts).
 */
export const SIGN_IN_LIMITS = {
  perLogin: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
} as const

export type SignInResult =
  | { outcome: 'signed_in'; user: User }
  | { outcome: 'invalid_credentials' }
  | { outcome: 'throttled'; retryAfterSeconds: number; until: DateTime }
  | { outcome: 'temporary_password_expired' }

/**
 * A hash of a random password, verified when the login is unknown so that an
 * unknown login costs the same time as a wrong password (no enumeration).
 */
let decoyHash: Promise<string> | undefined
export function decoy() {
  decoyHash ??= hash.make(`decoy-${Math.random()}`)
  return decoyHash
}

export default class AuthenticationService {
  private lockout = new SignInLockout()

  async attempt(login: string, password: string, clientIp: string): Promise<SignInResult> {
    const loginKey = User.loginKeyOf(login)
    const byLogin = limiter.use(SIGN_IN_LIMITS.perLogin)
    const byIp = limiter.use(SIGN_IN_LIMITS.perIp)
    const loginBucket = `sign_in:login:${loginKey}`
    const ipBucket = `sign_in:ip:${clientIp}`

    const user = await User.query().where('login_key', loginKey).whereNull('deleted_at').first()

    const wait = Math.max(
      await byLogin.availableIn(loginBucket),
      await byIp.availableIn(ipBucket),
      await this.lockout.lockedFor(loginKey, user)
    )
    if (wait > 0) {
      return {
        outcome: 'throttled',
        retryAfterSeconds: wait,
        until: DateTime.now().plus({ seconds: wait }),
      }
    }

    const passwordMatches = user
      ? await hash.verify(user.password, password)
      : await hash.verify(await decoy(), password).then(() => false)

    if (!user || !passwordMatches) {
      await byLogin.increment(loginBucket)
      await byIp.increment(ipBucket)
      await this.lockout.recordFailure(loginKey, user)
      return { outcome: 'invalid_credentials' }
    }

    /** Only the holder of the right (temporary) password learns that it expired */
    if (
      user.mustChangePassword &&
      user.temporaryPasswordExpiresAt &&
      user.temporaryPasswordExpiresAt < DateTime.now()
    ) {
      return { outcome: 'temporary_password_expired' }
    }

    await this.clearLogin(loginKey, user)
    return { outcome: 'signed_in', user }
  }

  /**
   * Forgets the failures of a login (its throttle and its lockout): after a
   * successful sign-in, and after a password reset (the old password no
   * longer works, so guessing it is pointless).
   */
  async clearLogin(loginKey: string, user?: User | null) {
    await limiter.use(SIGN_IN_LIMITS.perLogin).delete(`sign_in:login:${loginKey}`)
    await this.lockout.clear(loginKey, user)
  }
}
