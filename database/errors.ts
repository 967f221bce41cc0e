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

/** Socket errors that say the database server is gone, not that a query was refused */
export const NODE_DOWN_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
])

/**
 * The database did not answer: its socket died (a node killed, a network
 * cut), the connection was lost mid-query (mysql2 PROTOCOL_CONNECTION_LOST,
 * client errors 2006 « gone away » and 2013 « lost connection »), a Galera
 * node not yet ready for queries (1047, WSREP not prepared), or no
 * connection could be had in time from the pool. What the request was doing
 * may or may not have been committed: the caller can only try again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, errno, name } = (error ?? {}) as { code?: string; errno?: number; name?: string }
  return (
    (code !== undefined && (NODE_DOWN_CODES.has(code) || code === 'PROTOCOL_CONNECTION_LOST')) ||
    errno === 1047 ||
    errno === 2006 ||
    errno === 2013 ||
    name === 'KnexTimeoutError'
  )
}
