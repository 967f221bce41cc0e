import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the public home page publishes (P1): news ("actualite"), reference
 * texts ("texte_reference") and scales ("bareme").
 */
export default class extends BaseSchema {
  protected tableName = 'portal_contents'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('kind', 20).notNullable()
      table.string('title', 200).notNullable()
      table.text('summary').notNullable()
      table.string('link', 500).nullable()
      table.date('published_on').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['kind', 'published_on'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
