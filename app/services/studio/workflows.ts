import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { latestAuditEventsOf, type AuditEvent } from '#services/audit/trail'

/**
 * S2 « Parcours »: every workflow with its versions (brouillon, publiée,
 * retirée), who published each and when, and how many records run on each.
 */

export type WorkflowVersion = {
  definition: WorkflowDefinition
  /** Records not finished on this version */
  running: number
  /** Every record ever started on it */
  total: number
}

export type WorkflowVersions = {
  key: string
  /** The title of its newest version */
  title: string
  versions: WorkflowVersion[]
}

/** By key, the newest version first; the workflows by title */
export async function workflowVersions(): Promise<WorkflowVersions[]> {
  const [definitions, counts] = await Promise.all([
    WorkflowDefinition.query().orderBy('key').orderBy('version', 'desc'),
    db
      .from('workflow_instances')
      .groupBy('definition_id')
      .select('definition_id')
      .count('* as total')
      .select(db.raw("sum(case when status = 'done' then 0 else 1 end) as running")),
  ])
  const countOf = new Map(
    (counts as Array<Record<string, unknown>>).map((row) => [
      Number(row.definition_id),
      { running: Number(row.running), total: Number(row.total) },
    ])
  )
  const byKey = new Map<string, WorkflowVersions>()
  for (const definition of definitions) {
    const entry = byKey.get(definition.key) ?? {
      key: definition.key,
      title: definition.body.title,
      versions: [],
    }
    entry.versions.push({ definition, ...(countOf.get(definition.id) ?? { running: 0, total: 0 }) })
    byKey.set(definition.key, entry)
  }
  return [...byKey.values()].sort((a, b) => a.title.localeCompare(b.title, 'fr'))
}

/**
 * S3 S9 what the audit trail says of every version of a workflow (its
 * drafts' creation and changes, its publications), newest first. An
 * abandoned draft's row is deleted, so its own rows are no longer found.
 */
export async function workflowAuditEvents(key: string, limit = 30): Promise<AuditEvent[]> {
  const versions: Array<{ id: number }> = await db
    .from('workflow_definitions')
    .where('key', key)
    .select('id')
  return latestAuditEventsOf(
    'workflow_definition',
    versions.map(({ id }) => Number(id)),
    limit
  )
}
