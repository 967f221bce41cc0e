import { relative } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { syncDefinitionFiles } from '#workflow/definition_store'

/**
 * Publishes workflows/*.json: a file whose content changed becomes a new
 * published version (the previous one is retired); an unchanged file makes
 * no new version. Nothing is published if any file is invalid. A version
 * an analyst published from the studio is never replaced by a file that
 * differs, unless --force: the command says who published it and when, and
 * exits with 1.
 */
export default class WorkflowSync extends BaseCommand {
  static commandName = 'workflow:sync'
  static description =
    'Publish the definitions of workflows/*.json as new versions when they changed'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Author recorded on new versions', default: 'workflow:sync' })
  declare author: string

  @flags.boolean({
    description: 'Replace a version published from the studio by the file anyway',
    default: false,
  })
  declare force: boolean

  async run() {
    const result = await syncDefinitionFiles(this.app.makePath('workflows'), {
      author: this.author,
      force: this.force,
    })
    if (!result.ok) {
      for (const { file, problems } of result.invalid) {
        for (const problem of problems) {
          this.logger.error(
            `${relative(this.app.makePath(), file)}: ${problem.path || '(racine)'}: ${problem.message}`
          )
        }
      }
      this.exitCode = 1
      return
    }
    for (const outcome of result.outcomes) {
      const { key, version } = outcome.definition
      if (outcome.status === 'unchanged') {
        this.logger.log(`${key}: inchangée (version ${version})`)
      } else if (outcome.status === 'refused') {
        this.logger.error(outcome.message)
        this.exitCode = 1
      } else {
        this.logger.success(
          `${key}: version ${version} publiée${outcome.retired ? ` (version ${outcome.retired.version} retirée)` : ''}`
        )
      }
    }
  }
}
