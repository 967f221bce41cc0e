import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * S10 « Migrer les dossiers »: the report of each run that moved a
 * workflow's running records from one version to another
 * (app/services/workflow/record_migration.ts). Each moved record also has
 * its own audit row in workflow_transitions (event "$migrate"), in its
 * history; this row says who ran it, when, with which mapping, and what
 * came of it.
 */
export default class extends BaseSchema {
  protected tableName = 'workflow_record_migrations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('workflow_key', 100).notNullable()
      table
        .integer('from_definition_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workflow_definitions')
      table
        .integer('to_definition_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workflow_definitions')
      /** No foreign key: the report outlives deleted users; null from the command line */
      table.integer('actor_id').unsigned().nullable()
      /** The analyst's login, or « ligne de commande » */
      table.string('author', 100).notNullable()
      /** { oldStateId: newStateId | null } as run */
      table.json('mapping').notNullable()
      /** { contextKey: value } given for the values the new version needs */
      table.json('constants').notNullable()
      /** running | finished | failed (a batch failed: it and the next ones left as they were) */
      table.string('status', 20).notNullable()
      table.integer('moved').unsigned().notNullable().defaultTo(0)
      table.integer('skipped').unsigned().notNullable().defaultTo(0)
      table.integer('refused').unsigned().notNullable().defaultTo(0)
      /** Ids of the records decided meanwhile, and the refusals by reason */
      table.json('details').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('finished_at').nullable()
      table.index(['workflow_key', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
