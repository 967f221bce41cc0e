import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Users of every kind. A partner user belongs to one partner; a caisse
 * administrator works for one or more caisses (caisse_user).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('users', (table) => {
      table.increments('id')
      /** As typed by the user; shown on screens */
      table.string('login', 50).notNullable()
      /** Lower-cased login: makes logins unique ignoring case on both engines */
      table.string('login_key', 50).notNullable().unique()
      table.string('last_name', 100).notNullable()
      table.string('first_name', 100).notNullable()
      table.string('phone', 14).nullable()
      table.string('email', 254).notNullable()
      table.string('password', 255).notNullable()
      table.boolean('must_change_password').notNullable().defaultTo(false)
      /** Expiry of an emailed temporary password; null once the user chose their own */
      table.timestamp('temporary_password_expires_at').nullable()
      table.string('role', 20).notNullable()
      table
        .integer('partner_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('partners')
        .onDelete('CASCADE')
      table.integer('failed_sign_in_count').unsigned().notNullable().defaultTo(0)
      table.timestamp('locked_until').nullable()
      table.timestamp('deleted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['partner_id'])
    })

    this.schema.createTable('caisse_user', (table) => {
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('caisse_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('caisses')
        .onDelete('CASCADE')
      table.primary(['user_id', 'caisse_id'])
    })
  }

  async down() {
    this.schema.dropTable('caisse_user')
    this.schema.dropTable('users')
  }
}
