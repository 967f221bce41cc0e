import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Partners (the structures conventioned with a caisse), their postal address
 * and their conventions. A convention's state mirrors its workflow.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('partners', (table) => {
      table.increments('id')
      table.string('name', 150).notNullable()
      table.string('siret', 14).nullable()
      table.string('email', 254).nullable()
      table.string('phone', 14).nullable()
      table
        .integer('partner_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('partner_types')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('partner_addresses', (table) => {
      table.increments('id')
      table
        .integer('partner_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('partners')
        .onDelete('CASCADE')
      /** "Raison sociale": fixed at registration, never edited by the partner (M7) */
      table.string('company_name', 150).notNullable()
      table.string('recipient', 150).nullable()
      table.string('street', 150).nullable()
      table.string('complement', 150).nullable()
      table.string('po_box', 50).nullable()
      table.string('postal_code', 5).notNullable()
      table.string('city', 100).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('conventions', (table) => {
      table.increments('id')
      table
        .integer('partner_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('partners')
        .onDelete('CASCADE')
      table.integer('caisse_id').unsigned().notNullable().references('id').inTable('caisses')
      table
        .integer('convention_type_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('convention_types')
      table.string('code', 50).notNullable()
      table.string('state', 20).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['caisse_id', 'state'])
      table.index(['partner_id'])
    })
  }

  async down() {
    this.schema.dropTable('conventions')
    this.schema.dropTable('partner_addresses')
    this.schema.dropTable('partners')
  }
}
