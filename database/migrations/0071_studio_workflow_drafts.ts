import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * S3 S9 the studio's versions (ARCHITECTURE « The studio »): at most one
 * draft and one published version per workflow key, enforced by the
 * database, and where each version comes from (a file of workflows/, or
 * the studio), so that workflow:sync never silently replaces a version an
 * analyst published.
 *
 * - SQLite: partial unique indexes on (key) for each status.
 * - MySQL / MariaDB (no partial index): a generated column per status that
 *   holds the key while the row has that status and NULL otherwise, with a
 *   unique index on it; NULLs never collide. INVISIBLE, as in migration
 *   0061: `SELECT *` and the test database copies leave them out.
 */
const ONE_PER_KEY = [
  { status: 'draft', column: 'draft_key', index: 'workflow_definitions_one_draft' },
  { status: 'published', column: 'published_key', index: 'workflow_definitions_one_published' },
] as const

export default class extends BaseSchema {
  protected tableName = 'workflow_definitions'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      /** file: workflows/*.json (workflow:sync, the seeders); studio: « Publier » */
      table.string('origin', 10).notNullable().defaultTo('file')
    })
    this.defer(async (db) => {
      for (const { status, column, index } of ONE_PER_KEY) {
        if (this.db.dialect.name === 'mysql') {
          await db.rawQuery(
            `ALTER TABLE ${this.tableName} ADD COLUMN ${column} VARCHAR(100) AS ` +
              `(CASE WHEN status = '${status}' THEN \`key\` ELSE NULL END) STORED INVISIBLE`
          )
          await db.rawQuery(`CREATE UNIQUE INDEX ${index} ON ${this.tableName} (${column})`)
        } else {
          await db.rawQuery(
            `CREATE UNIQUE INDEX ${index} ON ${this.tableName} (key) WHERE status = '${status}'`
          )
        }
      }
    })
  }

  async down() {
    this.defer(async (db) => {
      for (const { column, index } of ONE_PER_KEY) {
        if (this.db.dialect.name === 'mysql') {
          await db.rawQuery(`DROP INDEX ${index} ON ${this.tableName}`)
          await db.rawQuery(`ALTER TABLE ${this.tableName} DROP COLUMN ${column}`)
        } else {
          await db.rawQuery(`DROP INDEX ${index}`)
        }
      }
    })
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('origin')
    })
  }
}
