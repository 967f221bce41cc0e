import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * S1 « Référentiels »: partner and convention types can be deactivated like
 * régimes and caisses (what a record refers to is never deleted), and a
 * caisse has the contact email analysts keep up to date.
 */
export default class extends BaseSchema {
  async up() {
    for (const table of ['partner_types', 'convention_types']) {
      this.schema.alterTable(table, (builder) => {
        builder.boolean('active').notNullable().defaultTo(true)
      })
    }
    this.schema.alterTable('caisses', (table) => {
      table.string('contact_email', 254).nullable()
    })
  }

  async down() {
    this.schema.alterTable('caisses', (table) => {
      table.dropColumn('contact_email')
    })
    for (const table of ['partner_types', 'convention_types']) {
      this.schema.alterTable(table, (builder) => {
        builder.dropColumn('active')
      })
    }
  }
}
