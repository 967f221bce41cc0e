import app from '@adonisjs/core/services/app'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import logger from '@adonisjs/core/services/logger'
import { syncDefinitionFiles } from '#workflow/definition_store'

/**
 * Publishes the shipped definitions of workflows/ (as "node ace
 * workflow:sync" does): a fresh database can run every journey at once.
 * Never forced: a version an analyst published from the studio stays, with
 * a warning saying why (re-running the seeders never undoes the studio).
 */
export default class WorkflowDefinitionsSeeder extends BaseSeeder {
  async run() {
    const result = await syncDefinitionFiles(app.makePath('workflows'), { author: 'seed' })
    if (!result.ok) {
      const lines = result.invalid.flatMap(({ file, problems }) =>
        problems.map((problem) => `${file}: ${problem.path}: ${problem.message}`)
      )
      throw new Error(`Invalid workflow definitions:\n${lines.join('\n')}`)
    }
    for (const outcome of result.outcomes) {
      if (outcome.status === 'refused') logger.warn(outcome.message)
    }
  }
}
