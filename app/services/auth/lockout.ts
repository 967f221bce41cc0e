import { setTimeout as sleep } from 'node:timers/promises'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { sqlDateTime } from '#models/columns'

/**
 * Account lockout after repeated failed sign-ins (CNIL 2022: a delay after
 * a few failures, then a temporary block). docs/decisions/0007-account-lockout.md.
 *
 * The state is kept per login key, whether or not an account has that
 * login, in the limiter store (shared by every app process): the same
 * attempts get the same answers, the same delays and the same lock times
 * for an unknown login as for a real account, so nothing tells them apart.
 * For a real account it is mirrored on users.failed_sign_in_count and
 * users.locked_until (shown to administrators, honoured at sign-in).
 */
export const LOCKOUT = {
  /** Failures in a row that lock the login */
  failuresPerSeries: 5,
  /** First lock; each further series doubles it, up to maxLockMinutes */
  firstLockMinutes: 15,
  maxLockMinutes: 4 * 60,
  /** Failures are forgotten this long after the first one of the count */
  forgetAfterHours: 24,
  /** Delay before answering the n-th failure of a series (index n - 1), in ms */
  slowDownMs: [0, 0, 1000, 2000, 0] as number[],
}

export interface FailureOutcome {
  /** Failures in a row, this one included */
  failures: number
  /** Set when this failure locked the login */
  lockedUntil: DateTime | null
}

export default class SignInLockout {
  /**
   * The count of failures, incremented atomically in the store: parallel
   * failures each get their own number, so exactly one of them ends a series
   * (docs/decisions/0013-sign-in-attempts-consumed-first.md).
   */
  private counter() {
    return limiter.use({ requests: 1_000_000, duration: `${LOCKOUT.forgetAfterHours} hours` })
  }

  private lock() {
    return limiter.use({ requests: 1, duration: '1 min' })
  }

  static counterKey(loginKey: string) {
    return `sign_in:failures:${loginKey}`
  }

  static lockKey(loginKey: string) {
    return `sign_in:lock:${loginKey}`
  }

  /** Seconds the login stays locked (0: not locked) */
  async lockedFor(loginKey: string, user: User | null): Promise<number> {
    const stored = await this.lock().availableIn(SignInLockout.lockKey(loginKey))
    const onAccount = user?.lockedUntil ? Math.ceil(user.lockedUntil.diffNow('seconds').seconds) : 0
    return Math.max(stored, onAccount, 0)
  }

  /** Counts a failure; locks the login at the end of a series; slows the answer down */
  async recordFailure(loginKey: string, user: User | null): Promise<FailureOutcome> {
    const { consumed: failures } = await this.counter().increment(
      SignInLockout.counterKey(loginKey)
    )

    let lockedUntil: DateTime | null = null
    if (failures % LOCKOUT.failuresPerSeries === 0) {
      const series = failures / LOCKOUT.failuresPerSeries
      const minutes = Math.min(LOCKOUT.firstLockMinutes * 2 ** (series - 1), LOCKOUT.maxLockMinutes)
      await this.lock().block(SignInLockout.lockKey(loginKey), `${minutes} mins`)
      lockedUntil = DateTime.now().plus({ minutes })
    }

    if (user) {
      /** A parallel failure may have written a higher count already: the count only grows */
      await User.query()
        .where('id', user.id)
        .where('failed_sign_in_count', '<', failures)
        .update({ failed_sign_in_count: failures })
      if (lockedUntil) {
        await User.query()
          .where('id', user.id)
          .update({ locked_until: sqlDateTime(lockedUntil) })
      }
    }

    const delay = LOCKOUT.slowDownMs[(failures - 1) % LOCKOUT.failuresPerSeries] ?? 0
    if (delay > 0) await sleep(delay)
    return { failures, lockedUntil }
  }

  /** A successful sign-in starts over */
  async clear(loginKey: string, user?: User | null) {
    await this.counter().delete(SignInLockout.counterKey(loginKey))
    await this.lock().delete(SignInLockout.lockKey(loginKey))
    const account =
      user === undefined
        ? await User.query().where('login_key', loginKey).whereNull('deleted_at').first()
        : user
    if (account) {
      await User.query()
        .where('id', account.id)
        .where((query) =>
          query.where('failed_sign_in_count', '>', 0).orWhereNotNull('locked_until')
        )
        .update({ failed_sign_in_count: 0, locked_until: null })
    }
  }
}
