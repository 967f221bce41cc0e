import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * S4 the applicant's personal links: a mailed link that brings the
 * applicant of one record back to it without an account
 * (app/services/workflow/personal_links.ts). Only a SHA-256 of the token is
 * kept, so the table gives nobody a usable link; a row lives until it
 * expires and the record's deletion takes it away.
 */
export default class extends BaseSchema {
  protected tableName = 'personal_links'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('instance_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workflow_instances')
        .onDelete('CASCADE')
      /** hex SHA-256 of the token the mail carries */
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at').notNullable()
      table.timestamp('last_opened_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['instance_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
