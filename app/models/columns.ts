import type { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'

/**
 * Column decorators that give both engines the same JavaScript types:
 * SQLite hands booleans back as 1/0 and JSON as text.
 */
export const booleanColumn = (options: { columnName?: string } = {}) =>
  column({
    ...options,
    prepare: (value: boolean | null | undefined) =>
      value === null || value === undefined ? value : Boolean(value),
    consume: (value: unknown) => (value === null || value === undefined ? value : Boolean(value)),
  })

export const jsonColumn = (options: { columnName?: string; serializeAs?: string | null } = {}) =>
  column({
    ...options,
    prepare: (value: unknown) => (value === undefined ? value : JSON.stringify(value)),
    consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
  })

/**
 * A date-time as the models store it (UTC, "yyyy-MM-dd HH:mm:ss"), for
 * comparisons in query-builder code: SQLite compares text, so a value bound
 * as a JavaScript Date (a number there) would never match.
 */
export function sqlDateTime(value: DateTime) {
  return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
