import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The four statements of every decision (engine.send), written once as SQL
 * both dialects read alike, and run as raw queries: the query builder
 * rebuilt and recompiled each of them on every transition (Lucid's builder,
 * knex's builder, its compiler: a fifth of the engine's CPU besides the
 * driver). Everything else keeps the builder.
 * docs/decisions/0038-decision-statements.md
 */

const SELECT_INSTANCE = 'select * from workflow_instances where id = ? limit 1'

/** Guarded by lock_version: 0 rows when another decision came first */
const UPDATE_INSTANCE =
  'update workflow_instances set state = ?, snapshot = ?, status = ?, lock_version = ?, updated_at = ? ' +
  'where id = ? and lock_version = ?'

const INSERT_TRANSITION =
  'insert into workflow_transitions ' +
  '(instance_id, seq, event, actor_id, actor_role, from_state, to_state, payload, created_at) ' +
  'values (?, ?, ?, ?, ?, ?, ?, ?, ?)'

const OUTBOX_COLUMNS =
  'insert into outbox_messages ' +
  '(kind, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at) values '
const OUTBOX_ROW = "(?, ?, 'pending', 0, ?, null, ?, null)"

/**
 * What a raw query answers differs by driver: mysql2 gives [rows or
 * header, fields]; better-sqlite3 the rows of a read, { changes } of a write
 */
type RawAnswer = unknown[] | { changes?: number } | undefined

/** Anything with rawQuery: the database service, a connection, a transaction */
type Client = Pick<QueryClientContract, 'rawQuery'>

/**
 * Lucid's rawQuery types its bindings without null, which knex binds as
 * SQL NULL (the builder's inserts did the same with null values)
 */
function run(client: Client, sql: string, bindings: Array<string | number | null>) {
  return client.rawQuery(sql, bindings as Array<string | number>) as Promise<RawAnswer>
}

function rowsOf(answer: RawAnswer): Record<string, any>[] {
  if (!Array.isArray(answer)) return []
  return Array.isArray(answer[0]) ? (answer[0] as Record<string, any>[]) : (answer as any[])
}

/**
 * A count the driver did not give is thrown, never taken for 0 rows: that
 * would refuse every decision as « déjà traité » (409) instead of failing
 */
function changesOf(answer: RawAnswer): number {
  const changes = Array.isArray(answer)
    ? (answer[0] as { affectedRows?: unknown } | undefined)?.affectedRows
    : answer?.changes
  if (typeof changes !== 'number') throw new Error('The driver gave no count of updated rows')
  return changes
}

export async function selectInstance(client: Client, id: number) {
  const answer = await run(client, SELECT_INSTANCE, [id])
  return rowsOf(answer)[0] as Record<string, any> | undefined
}

/** The number of rows updated: 1, or 0 when the lock_version moved */
export async function updateInstance(
  trx: Client,
  row: {
    id: number
    lockVersion: number
    state: string
    snapshot: string
    status: string
    updatedAt: string
  }
) {
  const answer = await run(trx, UPDATE_INSTANCE, [
    row.state,
    row.snapshot,
    row.status,
    row.lockVersion + 1,
    row.updatedAt,
    row.id,
    row.lockVersion,
  ])
  return changesOf(answer)
}

export async function insertTransition(
  trx: Client,
  row: {
    instanceId: number
    seq: number
    event: string
    actorId: number | null
    actorRole: string
    fromState: string | null
    toState: string
    payload: string
    createdAt: string
  }
) {
  await run(trx, INSERT_TRANSITION, [
    row.instanceId,
    row.seq,
    row.event,
    row.actorId,
    row.actorRole,
    row.fromState,
    row.toState,
    row.payload,
    row.createdAt,
  ])
}

/** Pending messages, due now */
export async function insertOutbox(
  trx: Client,
  messages: Array<{ kind: string; sealedPayload: string }>,
  stamp: string
) {
  if (!messages.length) return
  await run(
    trx,
    OUTBOX_COLUMNS + messages.map(() => OUTBOX_ROW).join(', '),
    messages.flatMap((message) => [message.kind, message.sealedPayload, stamp, stamp])
  )
}
