import { relative } from 'node:path'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { checkDefinitionFile, listDefinitionFiles } from '#workflow/definition_store'

/**
 * Checks workflow definitions before they are published: one line per
 * problem, "<file>: <json path>: <message>", and exit code 1 if any.
 */
export default class WorkflowValidate extends BaseCommand {
  static commandName = 'workflow:validate'
  static description = 'Validate workflow definitions (all of workflows/*.json by default)'
  static options: CommandOptions = { startApp: true }

  @args.spread({ description: 'Definition files to check', required: false })
  declare files?: string[]

  async run() {
    const files = this.files?.length
      ? this.files.map((file) => this.app.makePath(file))
      : await listDefinitionFiles(this.app.makePath('workflows'))
    let invalid = 0
    for (const file of files) {
      const { problems } = await checkDefinitionFile(file)
      const name = relative(this.app.makePath(), file)
      if (problems.length) {
        invalid++
        for (const problem of problems) {
          this.logger.log(`${name}: ${problem.path || '(racine)'}: ${problem.message}`)
        }
      } else {
        this.logger.log(`${name}: OK`)
      }
    }
    if (invalid) {
      this.logger.error(`${invalid} définition(s) invalide(s) sur ${files.length}`)
      this.exitCode = 1
    }
  }
}
