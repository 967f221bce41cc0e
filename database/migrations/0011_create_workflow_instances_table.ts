import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One persisted machine per record. Updates are guarded by lock_version so
 * two concurrent decisions cannot both apply.
 */
export default class extends BaseSchema {
  protected tableName = 'workflow_instances'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('definition_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workflow_definitions')
      /** What the record is about ("preinscription", "user", "convention") and its id, once known */
      table.string('subject_type', 50).nullable()
      table.integer('subject_id').unsigned().nullable()
      /** "submitted" for a flat machine, JSON for a nested state value */
      table.string('state', 255).notNullable()
      /** { value, context, status } — what XState needs to resume */
      table.text('snapshot', 'mediumtext').notNullable()
      /** active | done */
      table.string('status', 20).notNullable()
      /** Routing keys: whose work queue the record is in (scopes and back-office lists) */
      table.integer('caisse_id').unsigned().nullable()
      table.integer('partner_id').unsigned().nullable()
      table.integer('lock_version').unsigned().notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['caisse_id', 'status', 'state'])
      table.index(['partner_id', 'status'])
      table.index(['subject_type', 'subject_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
