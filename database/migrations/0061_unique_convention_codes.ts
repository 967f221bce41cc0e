import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Hardening #15: a convention code is unique at its caisse, ignoring case,
 * among the conventions that count — pending or validated. An invalidated
 * convention does not block a new request with the same code (M8).
 *
 * - SQLite: a partial unique index on an expression.
 * - MySQL / MariaDB (no partial index): a generated column that holds the
 *   lower-cased code while the convention counts and NULL otherwise, with a
 *   unique index on (caisse_id, that column); NULLs never collide. The
 *   column is INVISIBLE (MariaDB 10.3+, MySQL 8.0.23+): `SELECT *` and
 *   `INSERT … SELECT *` (the test database copies) leave it out, and no
 *   model maps it.
 *
 * The index name is what app/services/administration/conventions.ts
 * (CONVENTION_CODE_INDEX) recognises in a unique violation.
 * Why: docs/decisions/0019-unique-convention-codes.md.
 */
const INDEX = 'conventions_caisse_code_unique'
const COLUMN = 'counted_code'

export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name === 'mysql') {
      this.defer(async (db) => {
        await db.rawQuery(
          `ALTER TABLE conventions ADD COLUMN ${COLUMN} VARCHAR(50) AS ` +
            `(CASE WHEN state IN ('pending', 'validated') THEN LOWER(code) ELSE NULL END) STORED INVISIBLE`
        )
        await db.rawQuery(`CREATE UNIQUE INDEX ${INDEX} ON conventions (caisse_id, ${COLUMN})`)
      })
      return
    }
    this.defer(async (db) => {
      await db.rawQuery(
        `CREATE UNIQUE INDEX ${INDEX} ON conventions (caisse_id, LOWER(code)) ` +
          `WHERE state IN ('pending', 'validated')`
      )
    })
  }

  async down() {
    if (this.db.dialect.name === 'mysql') {
      this.defer(async (db) => {
        await db.rawQuery(`DROP INDEX ${INDEX} ON conventions`)
        await db.rawQuery(`ALTER TABLE conventions DROP COLUMN ${COLUMN}`)
      })
      return
    }
    this.defer(async (db) => {
      await db.rawQuery(`DROP INDEX ${INDEX}`)
    })
  }
}
