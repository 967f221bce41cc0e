import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Transactional outbox: rows written in the same transaction as the change
 * that causes them; a worker delivers them after commit, with retries.
 */
export default class extends BaseSchema {
  protected tableName = 'outbox_messages'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      /** "mail" for now */
      table.string('kind', 30).notNullable()
      table.text('payload').notNullable()
      /** pending | sending | sent | failed */
      table.string('status', 20).notNullable().defaultTo('pending')
      table.integer('attempts').unsigned().notNullable().defaultTo(0)
      table.timestamp('next_attempt_at').notNullable()
      table.text('last_error').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('sent_at').nullable()
      table.index(['status', 'next_attempt_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
