import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * « Mot de passe oublié ? » no longer replaces the password: the temporary
 * one mailed is kept aside (its hash and expiry) and works alongside the
 * current one until either is used (docs/decisions/0014-forgotten-password-keeps-current.md).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('pending_password', 255).nullable()
      table.timestamp('pending_password_expires_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('pending_password')
      table.dropColumn('pending_password_expires_at')
    })
  }
}
