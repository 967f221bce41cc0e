import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { abandonedAfterDays, purgeAbandonedRecords } from '#services/workflow/abandoned_records'

/**
 * Removes the visitors' journeys left unfinished (issue 9 #6): records in
 * a state where only a visitor may act, untouched for
 * WORKFLOW_ABANDONED_AFTER_DAYS days (or --days), with their transitions.
 * Meant for a daily cron; records waiting for a caisse are never touched.
 */
export default class WorkflowPurgeAbandoned extends BaseCommand {
  static commandName = 'workflow:purge-abandoned'
  static description =
    'Remove the visitor records left unfinished (WORKFLOW_ABANDONED_AFTER_DAYS, default 7 days)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Days without activity after which a record is abandoned' })
  declare days?: number

  async run() {
    const days = this.days ?? abandonedAfterDays()
    if (!Number.isInteger(days) || days < 1) {
      this.logger.error(`--days doit être un nombre entier de jours (1 ou plus), pas « ${days} »`)
      this.exitCode = 1
      return
    }
    const { removed } = await purgeAbandonedRecords(days)
    const lines = Object.entries(removed)
    for (const [key, count] of lines) this.logger.log(`${key}: ${count} dossier(s) supprimé(s)`)
    const total = lines.reduce((sum, [, count]) => sum + count, 0)
    this.logger.log(`${total} dossier(s) abandonné(s) depuis plus de ${days} jour(s) supprimé(s)`)
  }
}
