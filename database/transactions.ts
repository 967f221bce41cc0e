import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { isDeadlock } from '#database/errors'
import { heldTransaction, isHeld } from '#database/held_transaction'

/** Attempts of a transaction that keeps losing to others: the first and three retries */
export const TRANSACTION_ATTEMPTS = 4

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A transaction of its own, run again when the server rolled it back to let
 * another through (isDeadlock: on a Galera cluster, a certification failure
 * at commit). Safe because the rolled-back attempt wrote nothing, and the
 * callback re-reads what it decides on: a retry after the other writer won
 * sees the other's commit (a lock_version moved, an administrator gone) and
 * refuses as it would have in turn. After TRANSACTION_ATTEMPTS the last
 * deadlock is thrown (`onExhausted` may turn it into a refusal).
 * docs/decisions/0031-galera-certification-conflicts.md
 */
export async function retriedTransaction<T>(
  callback: (trx: TransactionClientContract) => Promise<T>,
  onExhausted?: (error: unknown) => Error
): Promise<T> {
  return retried(() => committed(callback), onExhausted)
}

/**
 * `operation` (one that runs a transaction of its own, as the limiter's
 * database store does for a consume) run again while it ends in a
 * deadlock, as retriedTransaction runs its callback
 */
export async function retried<T>(
  operation: () => Promise<T>,
  onExhausted?: (error: unknown) => Error
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (!isDeadlock(error)) throw error
      if (attempt >= TRANSACTION_ATTEMPTS) throw onExhausted ? onExhausted(error) : error
      /** A few milliseconds, more each time and jittered, so two losers do not collide again */
      await pause(Math.random() * 5 * 2 ** attempt)
    }
  }
}

/**
 * The callback in a transaction of its own, committed when it returns and
 * rolled back when it throws. A COMMIT the server refused (seen on a Galera
 * cluster: a certification failure) rejects, as a failed BEGIN does: the
 * held transaction reports both (database/held_transaction.ts), where
 * knex's resolved its commit() all the same.
 */
async function committed<T>(callback: (trx: TransactionClientContract) => Promise<T>): Promise<T> {
  const trx = await heldTransaction()
  let result: T
  try {
    result = await callback(trx)
  } catch (error) {
    /** The callback's failure is the one to report, even when the ROLLBACK fails with it */
    if (!trx.isCompleted) await trx.rollback().catch(() => {})
    throw error
  }
  await trx.commit()
  return result
}

/** MySQL has no @@in_transaction (MariaDB's): the check is then skipped */
let inTransactionKnown = true

/**
 * A savepoint of the enclosing transaction `client`. On a Galera cluster a
 * transaction can be rolled back by a replicated one while it waits
 * between two statements; the next RELEASE SAVEPOINT then fails with
 * "SAVEPOINT does not exist" (1305). A held transaction says so itself (a
 * deadlock, database/held_transaction.ts); knex's own (db.transaction(),
 * which callers may pass) takes it for an implicit commit and ignores it,
 * and the statements after it would run outside any transaction, each
 * committed alone. So after a savepoint of knex's the enclosing transaction
 * must still be open, or the whole is given up as a deadlock (and retried
 * by retriedTransaction).
 */
export async function savepoint<T>(
  client: TransactionClientContract,
  callback: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const result = await client.transaction(callback)
  if (client.dialect.name === 'mysql' && inTransactionKnown && !isHeld(client)) {
    try {
      const [rows] = await client.rawQuery('SELECT @@in_transaction AS open')
      if (Number(rows[0]?.open) !== 1) {
        throw Object.assign(new Error('The server rolled the transaction back (deadlock)'), {
          code: 'ER_LOCK_DEADLOCK',
          errno: 1213,
        })
      }
    } catch (error) {
      if ((error as { errno?: number }).errno !== 1193) throw error
      inTransactionKnown = false
    }
  }
  return result
}
