import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sessions kept on the server (config/session.ts): a cookie holds only the
 * session id, so signing out, a password change or a deleted account ends
 * the session for real, a replayed cookie included. user_id tags each
 * session with its user, to end all of them at once.
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 191).primary()
      table.text('data').notNullable()
      table.string('user_id', 64).nullable().index()
      table.timestamp('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
