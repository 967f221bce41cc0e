import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type { Limiter } from '@adonisjs/limiter'
import { DateTime } from 'luxon'
import User from '#models/user'
import SignInLockout from '#services/auth/lockout'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { retried } from '#database/transactions'

/**
 * Sign-in attempts allowed before throttling, per login and per client IP.
 * An attempt is consumed (atomically, in the limiter store) before its
 * password is checked, so parallel requests cannot all slip under the limit;
 * a successful sign-in gives its attempt back. On top of these, SignInLockout
 * delays then locks a login (docs/decisions/0007, 0013).
 */
export const SIGN_IN_LIMITS = {
  perLogin: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
  /**
   * While a login is throttled or locked, its current password is not
   * checked; a pending temporary password of « Mot de passe oublié ? » still
   * is (the way out), this many times.
   */
  temporaryWhileRefused: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
} as const

export type SignInResult =
  | { outcome: 'signed_in'; user: User }
  | { outcome: 'invalid_credentials' }
  | { outcome: 'throttled'; retryAfterSeconds: number; until: DateTime }
  | { outcome: 'temporary_password_expired' }

/** Which password of the account the candidate is */
type Match = 'current' | 'temporary' | null

/**
 * A hash of a random password, verified when the login is unknown (or has
 * no pending temporary password) so that every attempt costs the same
 * number of scrypt checks whatever the account (no enumeration).
 */
let decoyHash: Promise<string> | undefined
export function decoy() {
  decoyHash ??= hash.make(`decoy-${Math.random()}`)
  return decoyHash
}

/**
 * Consumes one attempt of `key`; answers 0, or the seconds to wait when the
 * limit is already reached (the attempt is then refused, nothing is checked).
 */
export async function consume(bucket: Limiter, key: string): Promise<number> {
  try {
    /**
     * The store's row of a key is written in a transaction: two sign-ins on
     * two nodes of a Galera cluster (one client address, one login) conflict
     * at its commit, and the loser consumed nothing: it is run again
     */
    await retried(() => bucket.consume(key))
    return 0
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      return Math.max(error.response.availableIn, 1)
    }
    throw error
  }
}

function throttled(seconds: number): SignInResult {
  return {
    outcome: 'throttled',
    retryAfterSeconds: seconds,
    until: DateTime.now().plus({ seconds }),
  }
}

export default class AuthenticationService {
  private lockout = new SignInLockout()
  private accounts = new AccountLifecycleService()

  static loginBucket(loginKey: string) {
    return `sign_in:login:${loginKey}`
  }

  async attempt(login: string, password: string, clientIp: string): Promise<SignInResult> {
    const loginKey = User.loginKeyOf(login)
    const ipBucket = `sign_in:ip:${clientIp}`
    const user = await User.query().where('login_key', loginKey).whereNull('deleted_at').first()

    const ipWait = await consume(limiter.use(SIGN_IN_LIMITS.perIp), ipBucket)
    if (ipWait > 0) return throttled(ipWait)

    const lockedFor = await this.lockout.lockedFor(loginKey, user)
    const loginWait =
      lockedFor > 0
        ? lockedFor
        : await consume(
            limiter.use(SIGN_IN_LIMITS.perLogin),
            AuthenticationService.loginBucket(loginKey)
          )
    if (loginWait > 0) return this.whileRefused(user, password, loginKey, ipBucket, loginWait)

    const match = await this.match(user, password)
    if (!user || !match) {
      await this.lockout.recordFailure(loginKey, user)
      return { outcome: 'invalid_credentials' }
    }

    /** Only the holder of the right (temporary) password learns that it expired */
    const expiresAt =
      match === 'temporary'
        ? user.pendingPasswordExpiresAt
        : user.mustChangePassword
          ? user.temporaryPasswordExpiresAt
          : null
    if (expiresAt && expiresAt < DateTime.now()) return { outcome: 'temporary_password_expired' }

    return this.signedIn(user, match, loginKey, ipBucket)
  }

  /**
   * Forgets the failures of a login (its throttle and its lockout), after a
   * successful sign-in.
   */
  async clearLogin(loginKey: string, user?: User | null) {
    await retried(() =>
      limiter.use(SIGN_IN_LIMITS.perLogin).delete(AuthenticationService.loginBucket(loginKey))
    )
    await retried(() =>
      limiter.use(SIGN_IN_LIMITS.temporaryWhileRefused).delete(`sign_in:temporary:${loginKey}`)
    )
    await this.lockout.clear(loginKey, user)
  }

  /**
   * Two scrypt checks for every refused password, whatever the login: the
   * current password, then the pending temporary one or the decoy. They run
   * in libuv's thread pool (the async API), not on the event loop.
   */
  private async match(user: User | null, password: string): Promise<Match> {
    const current = await hash.verify(user?.password ?? (await decoy()), password)
    if (user && current) return 'current'
    return (await this.matchesPending(user, password)) ? 'temporary' : null
  }

  private async matchesPending(user: User | null, password: string) {
    const matches = await hash.verify(user?.pendingPassword ?? (await decoy()), password)
    return matches && !!user?.pendingPassword
  }

  /**
   * A throttled or locked login: its current password is not checked. A
   * pending temporary password still opens it (« Mot de passe oublié ? » is
   * the way out the message gives), within its own small budget, checked
   * against the decoy for every other login so the answer and its time
   * tell nothing.
   */
  private async whileRefused(
    user: User | null,
    password: string,
    loginKey: string,
    ipBucket: string,
    wait: number
  ): Promise<SignInResult> {
    const budget = await consume(
      limiter.use(SIGN_IN_LIMITS.temporaryWhileRefused),
      `sign_in:temporary:${loginKey}`
    )
    if (budget > 0 || !user || !(await this.matchesPending(user, password))) {
      return throttled(wait)
    }
    if (user.pendingPasswordExpiresAt && user.pendingPasswordExpiresAt < DateTime.now()) {
      return throttled(wait)
    }
    return this.signedIn(user, 'temporary', loginKey, ipBucket)
  }

  /**
   * The attempt is given back to the IP (an office signing in many users
   * is not throttled) and the login's failures are forgotten. Signing in
   * with the current password discards a pending temporary one. A mailed
   * temporary password used (the pending one, or the current one while it
   * is the invitation's and the change is not yet required) is the
   * lifecycle's TEMPORARY_PASSWORD_USED: its definition makes it the
   * password and requires the change (A2).
   */
  private async signedIn(
    user: User,
    match: Exclude<Match, null>,
    loginKey: string,
    ipBucket: string
  ): Promise<SignInResult> {
    await retried(() => limiter.use(SIGN_IN_LIMITS.perIp).decrement(ipBucket))
    const currentIsTemporary = user.temporaryPasswordExpiresAt !== null && !user.mustChangePassword
    if (match === 'temporary' || currentIsTemporary) {
      await this.accounts.temporaryPasswordUsed(user)
      await user.refresh()
    } else if (user.pendingPassword) {
      user.merge({ pendingPassword: null, pendingPasswordExpiresAt: null })
      await user.save()
    }
    await this.clearLogin(loginKey, user)
    return { outcome: 'signed_in', user }
  }
}
