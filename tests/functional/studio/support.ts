import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { changeDraft } from '#services/studio/drafts'
import type { WorkflowDefinitionBody } from '#workflow/types'

/**
 * Shared set-up of the studio's version tests (S3 S9; not a spec file):
 * the demo analyst, requests as Inertia sends them, row counts.
 */

export const analyst = () => User.findByOrFail('login_key', 'analyste')

export const draftUrl = (key: string) => `/atelier/parcours/${key}/brouillon`

export async function send(
  client: ApiClient,
  method: 'post' | 'put' | 'delete',
  url: string,
  body: Record<string, unknown> = {}
) {
  return client[method](url)
    .json(body)
    .loginAs(await analyst())
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

export async function get(client: ApiClient, url: string) {
  return client
    .get(url)
    .loginAs(await analyst())
    .withInertia()
    .redirects(0)
}

/** Rows of the tables a version change writes */
export const versionCounts = () =>
  rowCounts(['workflow_definitions', 'audit_events', 'workflow_instances'])

/** Rows of each table, to show what a request wrote (or that it wrote nothing) */
export async function rowCounts(tables: string[]) {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await db.from(table).count('* as total')
    counts[table] = Number(row.total)
  }
  return counts
}

export async function publishedOf(key: string) {
  return WorkflowDefinition.query().where('key', key).where('status', 'published').firstOrFail()
}

export async function draftRowOf(key: string) {
  return WorkflowDefinition.query().where('key', key).where('status', 'draft').first()
}

/** One change of the draft, as an editor would make it */
export async function changeTheDraft(key: string, edit: (body: WorkflowDefinitionBody) => void) {
  return changeDraft(key, await analyst(), (body) => {
    edit(body)
    return { body, changes: { test: { before: null, after: 'changed' } } }
  })
}

/** Each test starts with no draft (a test's draft would refuse the next one's) */
export async function withoutDrafts() {
  await WorkflowDefinition.query().where('status', 'draft').delete()
}
