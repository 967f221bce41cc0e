import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import {
  planMigration,
  runMigration,
  RecordMigrationBatchError,
  RecordMigrationRuleError,
  type MigrationPlan,
  type MigrationRequest,
  type RefusalReason,
} from '#services/workflow/record_migration'

/** How the preview names why records cannot move */
export const REFUSAL_WORDS: Record<RefusalReason, string> = {
  no_target: 'aucun état cible',
  missing_value: 'une donnée demandée par la nouvelle version manque',
  parallel: 'état parallèle',
}

/**
 * S10 moves a workflow's running records from one version to a newer one:
 * the preview (per state: how many, where to, what cannot move and why),
 * then, unless --dry-run, the number of records typed to confirm, the run
 * batch by batch and its report. Same rules as « Migrer les dossiers » in
 * the studio (app/services/workflow/record_migration.ts).
 */
export default class WorkflowMigrate extends BaseCommand {
  static commandName = 'workflow:migrate'
  static description = 'Move the running records of a workflow version to a newer version'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Workflow key (preinscription, convention…)' })
  declare key: string

  @flags.number({ description: 'Version the records are on', required: true })
  declare from: number

  @flags.number({ description: 'Version to move them to', required: true })
  declare to: number

  @flags.array({
    description: 'Old state=new state (old= : its records stay); same ids are mapped already',
  })
  declare map?: string[]

  @flags.array({ description: 'Value given to the records that lack it: key=value' })
  declare set?: string[]

  @flags.boolean({ description: 'Preview and checks only, nothing written' })
  declare dryRun?: boolean

  @flags.number({ description: 'Records per transaction', default: 500 })
  declare batchSize: number

  async run() {
    const request: MigrationRequest = {
      key: this.key,
      fromVersion: this.from,
      toVersion: this.to,
      mapping: Object.fromEntries(
        pairs(this.map).map(([state, target]) => [state, target === '' ? null : target])
      ),
      constants: Object.fromEntries(pairs(this.set)),
    }
    try {
      const plan = await planMigration(request)
      this.printPlan(plan)
      if (this.dryRun) {
        this.logger.log('Essai à blanc : rien n’a été écrit.')
        return
      }
      if (plan.movable === 0) {
        this.logger.log('Aucun dossier à déplacer.')
        return
      }
      const typed = await this.prompt.ask(
        `Tapez le nombre de dossiers à déplacer (${plan.movable}) pour confirmer`
      )
      if (Number(typed.trim()) !== plan.movable) {
        this.logger.error('Nombre différent : rien n’a été déplacé.')
        this.exitCode = 1
        return
      }
      const report = await runMigration(request, {
        actor: null,
        confirmed: plan.movable,
        batchSize: this.batchSize,
        onBatch: ({ batch, batches, moved }) =>
          this.logger.log(`Lot ${batch}/${batches} : ${moved} dossier(s) déplacé(s)`),
      })
      this.logger.log(
        `Migration n° ${report.id} terminée : ${report.moved} déplacé(s), ${report.skipped} ignoré(s) (traité(s) entre-temps), ${report.refused} refusé(s).`
      )
      if (report.skippedIds.length) {
        this.logger.log(`Dossiers traités entre-temps : ${report.skippedIds.join(', ')}`)
      }
    } catch (error) {
      if (error instanceof RecordMigrationRuleError) {
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          this.logger.error(`${field} : ${message}`)
        }
      } else if (error instanceof RecordMigrationBatchError) {
        this.logger.error(error.message)
      } else throw error
      this.exitCode = 1
    }
  }

  private printPlan(plan: MigrationPlan) {
    this.logger.log(
      `${plan.title} (${plan.key}) : version ${plan.from.version} → version ${plan.to.version}, ${plan.total} dossier(s) en cours`
    )
    for (const source of plan.sources) {
      const target = source.target
        ? `→ ${source.targetLabel} (${source.target})${source.automatic ? ', même nom' : ''}`
        : '→ reste sur la version actuelle'
      const refused = Object.entries(source.refused)
        .map(([reason, count]) => `${count} refusé(s) : ${REFUSAL_WORDS[reason as RefusalReason]}`)
        .join(' ; ')
      this.logger.log(
        `  ${source.label} (${source.state}) : ${source.count} ${target} — ${source.movable} déplacé(s)${refused ? ` ; ${refused}` : ''}`
      )
    }
    for (const value of plan.missingValues) {
      this.logger.log(
        `  Donnée « ${value.label} » (${value.key}) absente de ${value.records} dossier(s)${value.given === null ? ` : donnez-la avec --set ${value.key}=…` : ` : « ${value.given} » sera mis`}`
      )
    }
    for (const key of plan.unusedConstants) {
      this.logger.warning(
        `--set ${key} ignoré : la version ${plan.to.version} ne demande pas cette donnée aux dossiers déplacés`
      )
    }
    this.logger.log(`À déplacer : ${plan.movable} ; ne bougeront pas : ${plan.refused}`)
  }
}

/** « review=checking » → ['review', 'checking'] */
function pairs(values: string[] | undefined): Array<[string, string]> {
  return (values ?? []).map((value) => {
    const index = value.indexOf('=')
    return index === -1
      ? [value.trim(), '']
      : [value.slice(0, index).trim(), value.slice(index + 1).trim()]
  })
}
