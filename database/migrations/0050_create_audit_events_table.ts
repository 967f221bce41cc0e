import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Append-only audit of the changes made outside the workflow engine (the
 * partner administration first): who, what (before/after of the changed
 * fields), when. Written in the same transaction as the change
 * (app/services/audit/trail.ts); the workflow transitions keep
 * their own audit (workflow_transitions).
 */
export default class extends BaseSchema {
  protected tableName = 'audit_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      /** No foreign keys: the audit outlives deleted users and partners */
      table.integer('actor_id').unsigned().nullable()
      table.integer('partner_id').unsigned().nullable()
      /** partner | partner_address | user | convention */
      table.string('subject_type', 50).notNullable()
      table.integer('subject_id').unsigned().nullable()
      table.string('action', 50).notNullable()
      /** { field: { before, after } } for each changed field; never a secret */
      table.json('changes').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['partner_id', 'subject_type', 'created_at'])
      table.index(['subject_type', 'subject_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
