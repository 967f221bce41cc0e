import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Issue 13: « Dossiers à traiter » searched by a full SIRET (bench/queue.ts)
 * read the JSON data of every pending record of the caisse. The record's
 * SIRET (context.siret) as a generated column, computed by the database
 * from the snapshot (nothing writes it), indexed: a search of 14 digits
 * finds its records through the index (app/services/back_office/queue.ts),
 * and those of its partner (partners.siret, indexed here too).
 *
 * The expression is the queue's own reading of the value (contextValue in
 * queue.ts: a JSON null is no SIRET). On MySQL / MariaDB the column is
 * VIRTUAL INVISIBLE, as 0061's: `SELECT *` leaves it out and no model maps
 * it; the test database copies name the columns they copy.
 * Why: docs/decisions/0035-queue-siret-search-and-capped-count.md.
 */
const COLUMN = 'context_siret'
const INDEX = 'workflow_instances_context_siret'

export default class extends BaseSchema {
  protected tableName = 'workflow_instances'

  async up() {
    const mysql = this.db.dialect.name === 'mysql'
    this.defer(async (db) => {
      await db.rawQuery(
        mysql
          ? `ALTER TABLE workflow_instances ADD COLUMN ${COLUMN} VARCHAR(32) AS ` +
              `(LEFT(NULLIF(JSON_UNQUOTE(JSON_EXTRACT(snapshot, '$.context.siret')), 'null'), 32)) VIRTUAL INVISIBLE`
          : `ALTER TABLE workflow_instances ADD COLUMN ${COLUMN} TEXT ` +
              `GENERATED ALWAYS AS (json_extract(snapshot, '$.context.siret')) VIRTUAL`
      )
      await db.rawQuery(`CREATE INDEX ${INDEX} ON workflow_instances (${COLUMN})`)
    })
    this.schema.alterTable('partners', (table) => {
      table.index(['siret'], 'partners_siret')
    })
  }

  async down() {
    this.schema.alterTable('partners', (table) => {
      table.dropIndex(['siret'], 'partners_siret')
    })
    /** One statement on both (SQLite drops a column itself since 3.35) */
    const mysql = this.db.dialect.name === 'mysql'
    this.defer(async (db) => {
      await db.rawQuery(mysql ? `DROP INDEX ${INDEX} ON ${this.tableName}` : `DROP INDEX ${INDEX}`)
      await db.rawQuery(`ALTER TABLE ${this.tableName} DROP COLUMN ${COLUMN}`)
    })
  }
}
