import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Issue 13 « Dossiers à traiter » at scale (bench/queue.ts): the queue of a
 * caisse reads its pending records oldest first, 20 after a cursor
 * (keyset paging on updated_at, id), and counts them.
 *
 * - (caisse_id, status, updated_at, id): the rows in the queue's order from
 *   the cursor on, so a page deep in the list reads 21 rows, not all those
 *   before it; the definition and state are checked on those rows.
 * - (caisse_id, status, definition_id, state): the count (and a filter by
 *   kind) from the index alone.
 * The older (caisse_id, status, state) is a prefix of neither and goes.
 */
export default class extends BaseSchema {
  protected tableName = 'workflow_instances'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.index(['caisse_id', 'status', 'updated_at', 'id'], 'workflow_instances_queue_order')
      table.index(
        ['caisse_id', 'status', 'definition_id', 'state'],
        'workflow_instances_queue_states'
      )
      table.dropIndex(['caisse_id', 'status', 'state'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.index(['caisse_id', 'status', 'state'])
      table.dropIndex(['caisse_id', 'status', 'updated_at', 'id'], 'workflow_instances_queue_order')
      table.dropIndex(
        ['caisse_id', 'status', 'definition_id', 'state'],
        'workflow_instances_queue_states'
      )
    })
  }
}
