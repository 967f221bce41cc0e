import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Versions of workflow definitions. A version is immutable once stored: a
 * running instance points at the exact version it started on.
 */
export default class extends BaseSchema {
  protected tableName = 'workflow_definitions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('key', 100).notNullable()
      table.integer('version').unsigned().notNullable()
      /** draft | published | retired; one published version per key at most */
      table.string('status', 20).notNullable()
      /** The definition JSON as text (longtext on MySQL: definitions grow with forms) */
      table.text('body', 'longtext').notNullable()
      /** sha256 of the canonical JSON: an unchanged file makes no new version */
      table.string('checksum', 64).notNullable()
      table.string('author', 100).nullable()
      table.timestamp('published_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['key', 'version'])
      table.index(['key', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
