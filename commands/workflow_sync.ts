import { relative } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import {
  checkDefinitionFile,
  listDefinitionFiles,
  publishDefinition,
} from '#workflow/definition_store'

/**
 * Publishes workflows/*.json: a file whose content changed becomes a new
 * published version (the previous one is retired); an unchanged file makes
 * no new version. Nothing is published if any file is invalid.
 */
export default class WorkflowSync extends BaseCommand {
  static commandName = 'workflow:sync'
  static description =
    'Publish the definitions of workflows/*.json as new versions when they changed'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Author recorded on new versions', default: 'workflow:sync' })
  declare author: string

  async run() {
    const files = await listDefinitionFiles(this.app.makePath('workflows'))
    const checked = await Promise.all(files.map((file) => checkDefinitionFile(file)))
    const invalid = checked.filter((entry) => entry.problems.length)
    if (invalid.length) {
      for (const { file, problems } of invalid) {
        for (const problem of problems) {
          this.logger.error(
            `${relative(this.app.makePath(), file)}: ${problem.path || '(racine)'}: ${problem.message}`
          )
        }
      }
      this.exitCode = 1
      return
    }
    for (const { body } of checked) {
      const outcome = await publishDefinition(body, { author: this.author })
      const { key, version } = outcome.definition
      if (outcome.status === 'unchanged') {
        this.logger.log(`${key}: inchangée (version ${version})`)
      } else {
        this.logger.success(
          `${key}: version ${version} publiée${outcome.retired ? ` (version ${outcome.retired.version} retirée)` : ''}`
        )
      }
    }
  }
}
