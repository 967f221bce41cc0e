/**
 * What a failed query says of itself, the same on SQLite and MySQL/MariaDB.
 */

/**
 * A unique index refused the row (SQLite SQLITE_CONSTRAINT_UNIQUE,
 * MySQL/MariaDB ER_DUP_ENTRY, errno 1062); with `index`, that index only.
 * The check before an insert can race with another request: the index decides.
 */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const { code, errno, message } = (error ?? {}) as {
    code?: string
    errno?: number
    message?: string
  }
  const unique = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY' || errno === 1062
  return unique && (index === undefined || String(message ?? '').includes(index))
}

/**
 * The server gave up the transaction to let another through: a deadlock on
 * one MySQL/MariaDB server, and on a Galera cluster a certification failure
 * at commit (a writer on another node changed the same rows first) or a
 * transaction aborted by a replicated one; all are ER_LOCK_DEADLOCK
 * (errno 1213), and the transaction has been rolled back whole.
 */
export function isDeadlock(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number }
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213
}
