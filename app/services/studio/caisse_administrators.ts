import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import AccountLifecycleService, { actorOf } from '#services/accounts/lifecycle'
import { recordAuditEvent } from '#services/audit/trail'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'

/**
 * S1 a caisse's administrators (caisse_user): the caisse administrators
 * who see its items in « Dossiers à traiter ». The analyst attaches an
 * existing one, creates one (their account runs the user lifecycle: a
 * temporary password by mail, to change at the first sign-in) or detaches
 * one. Every change is an audit row of the caisse.
 */

export type CaisseAdministrator = {
  id: number
  login: string
  name: string
  email: string
}

export type NewCaisseAdministrator = {
  lastName: string
  firstName: string
  email: string
  phone?: string
  login: string
}

export const CAISSE_ADMINISTRATOR_MESSAGES = {
  unknown: 'Choisissez un administrateur caisse de la liste.',
  alreadyAttached: 'Cet administrateur est déjà rattaché à la caisse.',
}

/** By caisse id, its administrators by name */
export async function administratorsByCaisse(): Promise<Record<string, CaisseAdministrator[]>> {
  const rows: Array<Record<string, unknown>> = await db
    .from('caisse_user')
    .join('users', 'users.id', 'caisse_user.user_id')
    .where('users.role', 'caisse_admin')
    .whereNull('users.deleted_at')
    .orderBy('users.last_name')
    .orderBy('users.first_name')
    .select(
      'caisse_user.caisse_id',
      'users.id',
      'users.login',
      'users.first_name',
      'users.last_name',
      'users.email'
    )
  const byCaisse: Record<string, CaisseAdministrator[]> = {}
  for (const row of rows) {
    ;(byCaisse[String(row.caisse_id)] ??= []).push(administratorOf(row))
  }
  return byCaisse
}

/** The caisse administrators who could be attached to a caisse */
export async function caisseAdministrators(): Promise<CaisseAdministrator[]> {
  const rows: Array<Record<string, unknown>> = await db
    .from('users')
    .where('role', 'caisse_admin')
    .whereNull('deleted_at')
    .orderBy('last_name')
    .orderBy('first_name')
    .select('id', 'login', 'first_name', 'last_name', 'email')
  return rows.map(administratorOf)
}

export async function attachCaisseAdministrator(caisseId: number, userId: number, actor: User) {
  await db.transaction(async (trx) => {
    const caisse = await lockedCaisse(trx, caisseId)
    const user = await User.query({ client: trx })
      .where('id', userId)
      .where('role', 'caisse_admin')
      .whereNull('deleted_at')
      .first()
    if (!user) throw new StudioRuleError({ userId: CAISSE_ADMINISTRATOR_MESSAGES.unknown })
    const attached = await trx
      .from('caisse_user')
      .where({ caisse_id: caisse.id, user_id: user.id })
      .first()
    if (attached) {
      throw new StudioRuleError({ userId: CAISSE_ADMINISTRATOR_MESSAGES.alreadyAttached })
    }
    await trx.insertQuery().table('caisse_user').insert({ caisse_id: caisse.id, user_id: user.id })
    await auditAdministrator(trx, actor, caisse.id, 'attach_admin', null, user.login)
  })
}

/**
 * A new caisse administrator of this caisse: the account and its record
 * (AccountLifecycleService, which mails the temporary password through the
 * outbox), then the audit row of the caisse.
 */
export async function createCaisseAdministrator(
  caisseId: number,
  actor: User,
  input: NewCaisseAdministrator
) {
  const caisse = await db.from('caisses').where('id', caisseId).first()
  if (!caisse) throw new StudioNotFoundError()
  const user = await new AccountLifecycleService().createWithTemporaryPassword(
    {
      login: input.login,
      lastName: input.lastName,
      firstName: input.firstName,
      email: input.email,
      phone: input.phone || null,
      role: 'caisse_admin',
      caisseIds: [caisseId],
    },
    await actorOf(actor)
  )
  await db.transaction((trx) =>
    auditAdministrator(trx, actor, caisseId, 'create_admin', null, user.login)
  )
  return user
}

export async function detachCaisseAdministrator(caisseId: number, userId: number, actor: User) {
  await db.transaction(async (trx) => {
    const caisse = await lockedCaisse(trx, caisseId)
    const user = await User.find(userId, { client: trx })
    const detached = await trx
      .from('caisse_user')
      .where({ caisse_id: caisse.id, user_id: userId })
      .delete()
    if (!user || Number(detached) === 0) throw new StudioNotFoundError()
    await auditAdministrator(trx, actor, caisse.id, 'detach_admin', user.login, null)
  })
}

async function lockedCaisse(trx: TransactionClientContract, caisseId: number) {
  const caisse = await trx.from('caisses').where('id', caisseId).forUpdate().first()
  if (!caisse) throw new StudioNotFoundError()
  return caisse as { id: number }
}

function auditAdministrator(
  trx: TransactionClientContract,
  actor: User,
  caisseId: number,
  action: 'attach_admin' | 'create_admin' | 'detach_admin',
  before: string | null,
  after: string | null
) {
  return recordAuditEvent(trx, {
    actorId: actor.id,
    partnerId: null,
    subjectType: 'caisse',
    subjectId: caisseId,
    action,
    changes: { administrator: { before, after } },
  })
}

function administratorOf(row: Record<string, unknown>): CaisseAdministrator {
  return {
    id: Number(row.id),
    login: String(row.login),
    name: `${String(row.first_name)} ${String(row.last_name)}`,
    email: String(row.email),
  }
}
