import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import WorkflowDefinition from '#models/workflow_definition'
import db from '@adonisjs/lucid/services/db'

/** Keys, versions and status of the stored workflow definitions */
export default class WorkflowList extends BaseCommand {
  static commandName = 'workflow:list'
  static description = 'List workflow definitions: key, version, status, running instances'
  static options: CommandOptions = { startApp: true }

  async run() {
    const definitions = await WorkflowDefinition.query().orderBy('key').orderBy('version')
    const counts = await db
      .from('workflow_instances')
      .select('definition_id')
      .count('* as total')
      .where('status', 'active')
      .groupBy('definition_id')
    const running = new Map(counts.map((row) => [Number(row.definition_id), Number(row.total)]))
    const table = this.ui.table()
    table.head(['Clé', 'Version', 'Statut', 'Publiée le', 'Dossiers en cours', 'Somme'])
    for (const definition of definitions) {
      table.row([
        definition.key,
        String(definition.version),
        definition.status,
        definition.publishedAt?.toISO() ?? '',
        String(running.get(definition.id) ?? 0),
        definition.checksum.slice(0, 12),
      ])
    }
    table.render()
  }
}
