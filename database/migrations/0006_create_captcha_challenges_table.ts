import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Self-hosted captcha challenges (R3, A4, P2). Only digests of the answers
 * are kept; a challenge is spent by its first verification.
 */
export default class extends BaseSchema {
  protected tableName = 'captcha_challenges'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('answer_digest', 64).notNullable()
      table.string('alternative_digest', 64).notNullable()
      table.timestamp('expires_at').notNullable().index()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
