import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { sqlDateTime } from '#models/columns'

/**
 * The audit trail of the changes made outside the workflow engine
 * (audit_events): who, what (before/after of each changed field), when.
 * A row is written with the same transaction as the change it records, so
 * both commit or neither does. Never pass a secret (password, token) in
 * `changes`.
 */

const TABLE = 'audit_events'

/**
 * What a row is about: a partner's data (the administration's tabs) or a
 * reference list of the studio (S1 « Référentiels », no partner)
 */
export type AuditSubjectType =
  | 'partner'
  | 'partner_address'
  | 'user'
  | 'convention'
  | 'regime'
  | 'caisse'
  | 'partner_type'
  | 'convention_type'
  | 'workflow_definition'

export type AuditValue = string | number | boolean | null

/** { field: { before, after } }, only for the fields whose value changed */
export type FieldChanges = Record<string, { before: AuditValue; after: AuditValue }>

export type AuditEventInput = {
  actorId: number | null
  partnerId: number | null
  subjectType: AuditSubjectType
  subjectId: number | null
  /** A verb in snake_case: "update", "create", "delete", "grant_admin"… */
  action: string
  changes: FieldChanges
}

export type AuditEvent = {
  id: number
  actorId: number | null
  /** Null when the actor's account no longer exists */
  actor: { login: string; firstName: string; lastName: string } | null
  subjectType: AuditSubjectType
  subjectId: number | null
  action: string
  changes: FieldChanges
  createdAt: DateTime
}

/**
 * The fields of `after` whose value differs from `before` (null and ''
 * are the same "empty"), with both values.
 */
export function changedFields<T extends Record<string, AuditValue>>(
  before: T,
  after: T,
  fields: ReadonlyArray<keyof T & string>
): FieldChanges {
  const changes: FieldChanges = {}
  for (const field of fields) {
    const was = before[field] === '' ? null : before[field]
    const now = after[field] === '' ? null : after[field]
    if (was !== now) changes[field] = { before: was, after: now }
  }
  return changes
}

/** Writes one row inside the caller's transaction */
export async function recordAuditEvent(trx: TransactionClientContract, event: AuditEventInput) {
  await trx
    .insertQuery()
    .table(TABLE)
    .insert({
      actor_id: event.actorId,
      partner_id: event.partnerId,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      action: event.action,
      changes: JSON.stringify(event.changes),
      created_at: sqlDateTime(DateTime.now()),
    })
}

/**
 * The latest rows about the given subjects, newest first: of one partner,
 * or (partnerId null) the rows of no partner, the studio's
 */
export async function latestAuditEvents(
  partnerId: number | null,
  subjectTypes: AuditSubjectType[],
  limit = 10
): Promise<AuditEvent[]> {
  const query = fromTrail().whereIn('audit.subject_type', subjectTypes)
  if (partnerId === null) query.whereNull('audit.partner_id')
  else query.where('audit.partner_id', partnerId)
  return newestFirst(query, limit)
}

/**
 * The latest rows about some rows of one subject type, newest first, in one
 * query: every version of a workflow (their workflow_definitions ids)
 */
export async function latestAuditEventsOf(
  subjectType: AuditSubjectType,
  subjectIds: number[],
  limit = 10
): Promise<AuditEvent[]> {
  if (subjectIds.length === 0) return []
  return newestFirst(
    fromTrail().where('audit.subject_type', subjectType).whereIn('audit.subject_id', subjectIds),
    limit
  )
}

/** The rows with their actor (null when the account no longer exists) */
const fromTrail = () => db.from(`${TABLE} as audit`).leftJoin('users', 'users.id', 'audit.actor_id')

async function newestFirst(
  query: ReturnType<typeof fromTrail>,
  limit: number
): Promise<AuditEvent[]> {
  const rows: Array<Record<string, unknown>> = await query
    .orderBy('audit.created_at', 'desc')
    .orderBy('audit.id', 'desc')
    .limit(limit)
    .select(
      'audit.id',
      'audit.actor_id',
      'audit.subject_type',
      'audit.subject_id',
      'audit.action',
      'audit.changes',
      'audit.created_at',
      'users.login as actor_login',
      'users.first_name as actor_first_name',
      'users.last_name as actor_last_name'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actor:
      row.actor_login === null || row.actor_login === undefined
        ? null
        : {
            login: String(row.actor_login),
            firstName: String(row.actor_first_name),
            lastName: String(row.actor_last_name),
          },
    subjectType: row.subject_type as AuditSubjectType,
    subjectId: row.subject_id === null ? null : Number(row.subject_id),
    action: String(row.action),
    changes: parseChanges(row.changes),
    createdAt: parseStamp(row.created_at),
  }))
}

/** SQLite gives the JSON back as text, MySQL as an object */
function parseChanges(value: unknown): FieldChanges {
  if (typeof value === 'string') return JSON.parse(value) as FieldChanges
  return (value ?? {}) as FieldChanges
}

/** Stored in UTC: SQLite gives text, MySQL a Date */
function parseStamp(value: unknown): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  return DateTime.fromSQL(String(value), { zone: 'utc' })
}
