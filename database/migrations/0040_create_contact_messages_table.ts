import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Messages of the footer's "contact" form to the functional support (P2).
 * Privacy: no IP address is kept (the rate limit counts per IP in its own,
 * expiring counters); the sender's account, when signed in, is linked.
 */
export default class extends BaseSchema {
  protected tableName = 'contact_messages'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('name', 100).notNullable()
      table.string('email', 254).notNullable()
      table.string('subject', 150).notNullable()
      table.text('message').notNullable()
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
