import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import env from '#start/env'
import engine from '#workflow/engine'
import { sqlDateTime } from '#models/columns'

/** Issue 9 #6: an unfinished visitor journey untouched for this long is abandoned */
export const ABANDONED_AFTER_DAYS_DEFAULT = 7

export function abandonedAfterDays(): number {
  return env.get('WORKFLOW_ABANDONED_AFTER_DAYS', ABANDONED_AFTER_DAYS_DEFAULT)
}

export interface PurgeOutcome {
  /** Records removed, per definition key */
  removed: Record<string, number>
  cutoff: DateTime
}

/**
 * Removes the records left in a state where only a visitor may act (a
 * journey nobody submitted: nobody else will ever move it, and its visitor
 * can no longer reach it once their session is gone, nor through a
 * personal link that is still valid), untouched since
 * `olderThanDays`, with their transitions, in one transaction. Records
 * that wait for anybody else (a caisse's decision) are never touched.
 */
export async function purgeAbandonedRecords(
  olderThanDays = abandonedAfterDays()
): Promise<PurgeOutcome> {
  const cutoff = DateTime.now().minus({ days: olderThanDays })
  /** A draft has no records (and may not even compile) */
  const definitions = await db
    .from('workflow_definitions')
    .whereNot('status', 'draft')
    .select('id', 'key')
  const removed: Record<string, number> = {}
  await db.transaction(async (trx) => {
    for (const row of definitions) {
      /** Every version: a running record keeps the version it started on */
      const definition = await engine.definitionById(Number(row.id), trx)
      const states = definition.queries.statesOnlyFor('visitor').map((state) => state.stored)
      if (!states.length) continue
      const ids = await trx
        .from('workflow_instances')
        .where('definition_id', row.id)
        .where('status', 'active')
        .whereIn('state', states)
        /** The format the engine stamps rows with */
        .where('updated_at', '<', cutoff.toFormat(trx.dialect.dateTimeFormat))
        /** Its applicant can still come back through a personal link that has not expired */
        .whereNotExists((links) =>
          links
            .from('personal_links')
            .whereColumn('personal_links.instance_id', 'workflow_instances.id')
            .where('personal_links.expires_at', '>', sqlDateTime(DateTime.utc()))
        )
        .select('id')
        .then((found) => found.map((instance) => Number(instance.id)))
      if (!ids.length) continue
      await trx.from('workflow_transitions').whereIn('instance_id', ids).delete()
      await trx.from('workflow_instances').whereIn('id', ids).delete()
      removed[row.key] = (removed[row.key] ?? 0) + ids.length
    }
  })
  return { removed, cutoff }
}
