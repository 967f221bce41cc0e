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
