import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * S7 « Simuler »: a run of the simulation kept under a French name, to be
 * replayed on the workflow's draft later (app/services/studio/scenarios.ts).
 * The studio's own table: a scenario is never a record, and replaying it
 * writes nothing. Its steps are the simulation's input
 * ([{ event, actor, payload }]), as JSON; a name is given once per workflow.
 */
export default class extends BaseSchema {
  protected tableName = 'studio_scenarios'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      /** A workflow key, not a version: a scenario outlives the draft it was made on */
      table.string('workflow_key', 100).notNullable()
      table.string('name', 100).notNullable()
      table.json('steps').notNullable()
      /** The analyst's login, as workflow_definitions.author */
      table.string('author', 100).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['workflow_key', 'name'], { indexName: 'studio_scenarios_one_name' })
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
