import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Append-only audit of every transition: who sent what, from which state to
 * which, with the payload minus its secrets (passwords are never stored).
 */
export default class extends BaseSchema {
  protected tableName = 'workflow_transitions'

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
      /** 0 for the start, then the instance's lock_version after the transition */
      table.integer('seq').unsigned().notNullable()
      table.string('event', 100).notNullable()
      /** No foreign key: the audit outlives deleted users */
      table.integer('actor_id').unsigned().nullable()
      table.string('actor_role', 30).notNullable()
      table.string('from_state', 255).nullable()
      table.string('to_state', 255).notNullable()
      table.text('payload').notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['instance_id', 'seq'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
