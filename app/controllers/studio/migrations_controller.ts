import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { StudioNotFoundError } from '#services/studio/errors'
import { workflowVersions } from '#services/studio/workflows'
import {
  migrationReports,
  planMigration,
  runMigration,
  RecordMigrationBatchError,
  RecordMigrationRuleError,
  type MigrationPlan,
  type MigrationRequest,
} from '#services/workflow/record_migration'
import { migrationFieldErrors, migrationPageProps } from '#transformers/studio/migration'
import {
  migrationChoicesValidator,
  migrationMessages,
  migrationPreviewValidator,
  migrationRunValidator,
} from '#validators/record_migration'
import { fieldErrorsOf } from '#validators/form_input'

const pathOf = (key: string) => `/atelier/parcours/${encodeURIComponent(key)}/migration`

/**
 * S10 « Migrer les dossiers » of a workflow: the page shows the preview of
 * the versions and states chosen (?de=&a=&etats[old]=new&valeurs[key]=…,
 * nothing written); « Migrer » runs it once the number of records is typed,
 * then shows the report. A refusal answers 422 with the page and the French
 * message next to the field; nothing moved. Behind the studio middleware.
 */
export default class MigrationsController {
  async show(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const workflow = await workflowOf(key)
    const query = ctx.request.qs()
    let choices: { de: number; a: number; etats?: Choices; valeurs?: Choices } | null
    if (query.de === undefined && query.a === undefined) {
      choices = defaultVersions(workflow)
    } else {
      const [invalid, input] = await migrationPreviewValidator.tryValidate(query, {
        messagesProvider: migrationMessages,
      })
      if (invalid) return renderPage(ctx, workflow, null, fieldErrorsOf(invalid))
      choices = input
    }
    return page(ctx, workflow, choices)
  }

  /** « Migrer les dossiers », after the number of records was typed */
  async store(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const workflow = await workflowOf(key)
    const user = ctx.auth.getUserOrFail()
    let input
    try {
      input = await migrationRunValidator.validate(ctx.request.all(), {
        messagesProvider: migrationMessages,
      })
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      const typed = await migrationChoicesValidator.tryValidate(ctx.request.all())
      return page(ctx, workflow, typed[1], fieldErrorsOf(error))
    }
    try {
      const report = await runMigration(requestOf(key, input), {
        actor: { id: user.id, login: user.login },
        confirmed: input.confirmation,
      })
      ctx.session.flash(
        'success',
        `Migration terminée : ${report.moved} dossier(s) déplacé(s) vers la version ${input.a}, ${report.skipped} traité(s) entre-temps et laissé(s) tel(s) quel(s), ${report.refused} resté(s) sur la version ${input.de}.`
      )
    } catch (error) {
      if (error instanceof RecordMigrationRuleError) {
        return page(ctx, workflow, input, migrationFieldErrors(error.fieldErrors))
      }
      if (!(error instanceof RecordMigrationBatchError)) throw error
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect().toPath(`${pathOf(key)}?de=${input.de}&a=${input.a}`)
  }
}

type Choices = Record<string, string | undefined>

async function workflowOf(key: string) {
  const workflows = await workflowVersions()
  const workflow = workflows.find((candidate) => candidate.key === key)
  if (!workflow) throw new StudioNotFoundError('Ce parcours n’existe pas.')
  return workflow
}

/** At first: the oldest version with running records that is not the published one, to the published one */
function defaultVersions(workflow: Awaited<ReturnType<typeof workflowOf>>) {
  const published = workflow.versions.find(({ definition }) => definition.status === 'published')
  const older = [...workflow.versions]
    .reverse()
    .find(({ definition, running }) => definition.status === 'retired' && running > 0)
  return published && older
    ? { de: older.definition.version, a: published.definition.version }
    : null
}

function requestOf(
  key: string,
  choices: { de: number; a: number; etats?: Choices; valeurs?: Choices }
): MigrationRequest {
  return {
    key,
    fromVersion: choices.de,
    toVersion: choices.a,
    mapping: Object.fromEntries(
      Object.entries(choices.etats ?? {}).map(([state, target]) => [state, target || null])
    ),
    constants: Object.fromEntries(
      Object.entries(choices.valeurs ?? {}).map(([name, value]) => [name, value ?? ''])
    ),
  }
}

/** The page with the preview of these choices; errors: 422 */
async function page(
  ctx: HttpContext,
  workflow: Awaited<ReturnType<typeof workflowOf>>,
  choices: { de: number; a: number; etats?: Choices; valeurs?: Choices } | null,
  errors: Record<string, string> = {}
) {
  let plan: MigrationPlan | null = null
  let refused = errors
  if (choices) {
    try {
      plan = await planMigration(requestOf(workflow.key, choices))
    } catch (error) {
      if (!(error instanceof RecordMigrationRuleError)) throw error
      refused = { ...migrationFieldErrors(error.fieldErrors), ...errors }
    }
  }
  return renderPage(ctx, workflow, plan, refused, choices)
}

async function renderPage(
  { response, inertia }: HttpContext,
  workflow: Awaited<ReturnType<typeof workflowOf>>,
  plan: MigrationPlan | null,
  errors: Record<string, string>,
  choices: { de: number; a: number } | null = null
) {
  if (Object.keys(errors).length) response.status(422)
  return inertia.render('studio/migration', {
    ...migrationPageProps(
      workflow,
      { from: choices?.de ?? null, to: choices?.a ?? null },
      plan,
      await migrationReports(workflow.key)
    ),
    errors,
  })
}
