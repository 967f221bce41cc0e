import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type User from '#models/user'
import { sqlDateTime } from '#models/columns'
import { isUniqueViolation } from '#database/errors'
import { recordAuditEvent, type FieldChanges } from '#services/audit/trail'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import type { ReferenceList } from '#services/studio/reference_lists'

/**
 * S1 « Référentiels »: plain audited CRUD on the reference tables, in one
 * transaction per change with its audit row. The public form, the
 * back-office and the « Conventions » tab read these tables on every page
 * load: a change shows at once, with no cache to clear.
 */

export type ReferenceRow = {
  id: number
  code: string
  label: string
  active: boolean
  regimeId: number | null
  regime: string | null
  contactEmail: string | null
}

export type NewReferenceRow = {
  code: string
  label: string
  regimeId?: number
  contactEmail?: string
}

export type ReferenceRowChange = { label: string; contactEmail?: string }

export const REFERENCE_MESSAGES = {
  codeTaken: (list: ReferenceList) =>
    `Ce code est déjà utilisé pour ${list.singular === 'la caisse' ? 'une autre caisse' : `un autre élément de la liste « ${list.title} »`} : choisissez-en un autre.`,
  regimeUnknown: 'Choisissez un régime actif de la liste.',
  nothingChanged: 'Aucune modification à enregistrer : les données sont inchangées.',
}

/** Codes are compared and stored in capitals: « carsat-xx » and « CARSAT-XX » are one code */
export function normaliseCode(code: string) {
  return code.trim().toUpperCase()
}

/** The rows of a list, by label; the caisses with their régime */
export async function referenceRows(list: ReferenceList): Promise<ReferenceRow[]> {
  const query = db
    .from(`${list.table} as row`)
    .select('row.id', 'row.code', `row.${list.labelColumn} as label`, 'row.active')
    .orderBy(`row.${list.labelColumn}`)
  if (list.inRegime) {
    query
      .join('regimes', 'regimes.id', 'row.regime_id')
      .select('row.regime_id', 'regimes.name as regime_name')
  }
  if (list.hasContactEmail) query.select('row.contact_email')
  const rows: Array<Record<string, unknown>> = await query
  return rows.map((row) => ({
    id: Number(row.id),
    code: String(row.code),
    label: String(row.label),
    active: Boolean(row.active),
    regimeId: row.regime_id === undefined ? null : Number(row.regime_id),
    regime: row.regime_name === undefined ? null : String(row.regime_name),
    contactEmail: (row.contact_email as string | null | undefined) ?? null,
  }))
}

/** « Ajouter »: a new active row; its code unique in the list, whatever the case */
export async function addReferenceRow(list: ReferenceList, actor: User, input: NewReferenceRow) {
  const code = normaliseCode(input.code)
  try {
    return await db.transaction(async (trx) => {
      const taken = await trx.from(list.table).whereRaw('upper(code) = ?', [code]).first()
      if (taken) throw new StudioRuleError({ code: REFERENCE_MESSAGES.codeTaken(list) })
      const values: Record<string, unknown> = {
        code,
        [list.labelColumn]: input.label,
        active: true,
        created_at: sqlDateTime(DateTime.now()),
        updated_at: sqlDateTime(DateTime.now()),
      }
      const changes: FieldChanges = {
        code: { before: null, after: code },
        label: { before: null, after: input.label },
      }
      if (list.inRegime) {
        const regime = await activeRegime(trx, input.regimeId)
        values.regime_id = regime.id
        changes.regimeId = { before: null, after: String(regime.name) }
      }
      if (list.hasContactEmail) {
        values.contact_email = input.contactEmail || null
        changes.contactEmail = { before: null, after: input.contactEmail || null }
      }
      const [inserted] = await trx.insertQuery().table(list.table).insert(values).returning('id')
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted)
      await recordAuditEvent(trx, {
        actorId: actor.id,
        partnerId: null,
        subjectType: list.subjectType,
        subjectId: id,
        action: 'create',
        changes,
      })
      return id
    })
  } catch (error) {
    /** Two analysts added the same code at once: the unique index decides */
    if (isUniqueViolation(error)) {
      throw new StudioRuleError({ code: REFERENCE_MESSAGES.codeTaken(list) })
    }
    throw error
  }
}

/** « Enregistrer » a renamed row (and a caisse's contact email); the code stays */
export async function updateReferenceRow(
  list: ReferenceList,
  id: number,
  actor: User,
  input: ReferenceRowChange
) {
  return db.transaction(async (trx) => {
    const row = await lockedRow(trx, list, id)
    const changes: FieldChanges = {}
    const values: Record<string, unknown> = {}
    if (row[list.labelColumn] !== input.label) {
      changes.label = { before: String(row[list.labelColumn]), after: input.label }
      values[list.labelColumn] = input.label
    }
    if (list.hasContactEmail) {
      const before = (row.contact_email as string | null) ?? null
      const after = input.contactEmail || null
      if (before !== after) {
        changes.contactEmail = { before, after }
        values.contact_email = after
      }
    }
    if (Object.keys(changes).length === 0) return false
    await trx
      .from(list.table)
      .where('id', id)
      .update({ ...values, updated_at: sqlDateTime(DateTime.now()) })
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId: null,
      subjectType: list.subjectType,
      subjectId: id,
      action: 'update',
      changes,
    })
    return true
  })
}

/**
 * « Désactiver » / « Réactiver »: a deactivated row is no longer offered
 * for new choices; partners, conventions and records that have it keep it.
 */
export async function setReferenceRowActive(
  list: ReferenceList,
  id: number,
  actor: User,
  active: boolean
) {
  return db.transaction(async (trx) => {
    const row = await lockedRow(trx, list, id)
    if (Boolean(row.active) === active) return false
    await trx
      .from(list.table)
      .where('id', id)
      .update({ active, updated_at: sqlDateTime(DateTime.now()) })
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId: null,
      subjectType: list.subjectType,
      subjectId: id,
      action: active ? 'reactivate' : 'deactivate',
      changes: { active: { before: statusLabel(Boolean(row.active)), after: statusLabel(active) } },
    })
    return true
  })
}

/** What « Statut » shows, and the history keeps */
export const statusLabel = (active: boolean) => (active ? 'actif' : 'désactivé')

async function lockedRow(trx: TransactionClientContract, list: ReferenceList, id: number) {
  const row: Record<string, unknown> | null = await trx
    .from(list.table)
    .where('id', id)
    .forUpdate()
    .first()
  if (!row) throw new StudioNotFoundError()
  return row
}

async function activeRegime(trx: TransactionClientContract, regimeId: number | undefined) {
  const regime =
    regimeId === undefined
      ? null
      : await trx.from('regimes').where('id', regimeId).where('active', true).first()
  if (!regime) throw new StudioRuleError({ regimeId: REFERENCE_MESSAGES.regimeUnknown })
  return regime as { id: number; name: string }
}
