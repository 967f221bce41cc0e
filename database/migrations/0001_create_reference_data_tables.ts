import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reference data analysts edit without code (FEATURES W3): régimes, the caisses
 * of each régime, partner types and convention types.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('regimes', (table) => {
      table.increments('id')
      table.string('code', 20).notNullable().unique()
      table.string('name', 150).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('caisses', (table) => {
      table.increments('id')
      table.integer('regime_id').unsigned().notNullable().references('id').inTable('regimes')
      table.string('code', 30).notNullable().unique()
      table.string('name', 150).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['regime_id', 'name'])
    })

    this.schema.createTable('partner_types', (table) => {
      table.increments('id')
      table.string('code', 30).notNullable().unique()
      table.string('label', 150).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('convention_types', (table) => {
      table.increments('id')
      table.string('code', 30).notNullable().unique()
      table.string('label', 150).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('convention_types')
    this.schema.dropTable('partner_types')
    this.schema.dropTable('caisses')
    this.schema.dropTable('regimes')
  }
}
