import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Issue 14: the counter that lockedPartner raises to lock a partner's row
 * (app/services/administration/partner.ts). On a Galera cluster a
 * SELECT … FOR UPDATE locks only on its own node, so two administrators on
 * two nodes could each revoke the other; a write to the same row makes one
 * of the two transactions fail certification. Nothing reads the value.
 */
export default class extends BaseSchema {
  protected tableName = 'partners'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('lock_serial').unsigned().notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('lock_serial')
    })
  }
}
