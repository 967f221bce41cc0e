import { Exception } from '@adonisjs/core/exceptions'
import { retriedTransaction } from '#database/transactions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import { isUniqueViolation } from '#database/errors'
import type WorkflowInstance from '#models/workflow_instance'
import engine from '#workflow/engine'
import { DOORS } from '#workflow_actions/doors'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { actorOfUser } from '#services/workflow/access'
import { changedFields, recordAuditEvent, type FieldChanges } from '#services/audit/trail'
import { AdministrationRuleError } from '#services/administration/errors'
import { lockedPartner } from '#services/administration/partner'
import { FIELD_RULE_MESSAGES } from '#validators/rules/fields'

/**
 * M2–M5 « Utilisateurs »: the accounts of the administrator's own partner.
 * Every state change of an account goes through its user-lifecycle record
 * and the engine (creation and its mail, GRANT_ADMIN / REVOKE_ADMIN,
 * DELETE); every change is recorded in audit_events (subject "user").
 * The rules: the login never changes, nobody changes their own
 * « Administrateur » status, an administrator is not deleted (the status
 * goes first), and the partner always keeps one administrator. Each runs
 * under the partner's row lock, so two administrators acting at once
 * cannot leave the partner without one.
 */

export const PARTNER_USER_MESSAGES = {
  loginFixed: 'Le login ne peut pas être modifié.',
  ownStatus:
    'Vous ne pouvez pas modifier votre propre statut « Administrateur » : seul un autre administrateur du partenaire le peut.',
  lastAdministrator:
    'Le partenaire doit toujours avoir au moins un administrateur : ce statut ne peut pas être retiré.',
  deleteAdministrator:
    'Un administrateur ne peut pas être supprimé : retirez-lui d’abord le statut « Administrateur ».',
}

/** The fields an administrator types for an account (the login on creation only) */
export const PARTNER_USER_FIELDS = ['lastName', 'firstName', 'phone', 'email'] as const

export type PartnerUserDetails = {
  lastName: string
  firstName: string
  phone: string | null
  email: string
}

export type PartnerUserInput = {
  lastName: string
  firstName: string
  phone?: string
  email: string
  isAdministrator?: boolean
  /** Only compared on a change: the login is never written there */
  login?: string
}

export type NewPartnerUserInput = PartnerUserInput & { login: string }

/** Another partner's account, a deleted one, or no account: 404, nothing said about it */
export class PartnerUserNotFoundError extends Exception {
  static status = 404
  static code = 'E_PARTNER_USER_NOT_FOUND'

  constructor(message = 'Utilisateur introuvable.') {
    super(message, { status: 404, code: 'E_PARTNER_USER_NOT_FOUND' })
  }
}

const accounts = new AccountLifecycleService()

/** The « Administrateur » status as the history shows it */
const statusValue = (isAdministrator: boolean) => (isAdministrator ? 'oui' : 'non')

export function partnerUserDetailsOf(user: User): PartnerUserDetails {
  return {
    lastName: user.lastName,
    firstName: user.firstName,
    phone: user.phone,
    email: user.email,
  }
}

/** An account of the partner, not deleted (404 otherwise) */
export async function partnerUser(
  partnerId: number,
  userId: number,
  client?: TransactionClientContract
): Promise<User> {
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new PartnerUserNotFoundError()
  const user = await User.query({ client })
    .where('id', userId)
    .where('partner_id', partnerId)
    .whereIn('role', ['partner_admin', 'partner_user'])
    .whereNull('deleted_at')
    .first()
  if (!user) throw new PartnerUserNotFoundError()
  return user
}

/**
 * M2 « Valider » on a new account: created with a temporary password mailed
 * through the outbox, its record in "password change required" (A2), as an
 * administrator or not, for the administrator's own partner.
 */
export async function createPartnerUser(
  partnerId: number,
  actor: User,
  input: NewPartnerUserInput
): Promise<User> {
  const isAdministrator = input.isAdministrator === true
  let user: User
  try {
    user = await accounts.createWithTemporaryPassword(
      {
        login: input.login,
        lastName: input.lastName,
        firstName: input.firstName,
        email: input.email,
        phone: input.phone || null,
        role: isAdministrator ? 'partner_admin' : 'partner_user',
        partnerId,
      },
      await actorOfUser(actor)
    )
  } catch (error) {
    /** Two administrators took the same login at once: the unique index decides */
    if (isUniqueViolation(error)) {
      throw new AdministrationRuleError({ login: FIELD_RULE_MESSAGES.loginTaken })
    }
    throw error
  }
  await retriedTransaction(async (trx) => {
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId,
      subjectType: 'user',
      subjectId: user.id,
      action: 'create',
      changes: {
        login: { before: null, after: user.login },
        ...changedFields<Record<string, string | null>>(
          { lastName: null, firstName: null, phone: null, email: null },
          partnerUserDetailsOf(user),
          PARTNER_USER_FIELDS
        ),
        isAdministrator: { before: null, after: statusValue(isAdministrator) },
      },
    })
  })
  return user
}

export type PartnerUserUpdate = {
  changes: FieldChanges
  /** The « Administrateur » status given or removed, if it changed */
  status: 'granted' | 'revoked' | null
}

/**
 * M3, M4 « Valider » on an opened account: nom, prénom, téléphone, email
 * and « Administrateur »; a request changing the login, the administrator's
 * own status, or the partner's last administrator is refused whole.
 */
export async function updatePartnerUser(
  partnerId: number,
  actor: User,
  userId: number,
  input: PartnerUserInput
): Promise<PartnerUserUpdate> {
  const target = await partnerUser(partnerId, userId)
  if (input.login !== undefined && input.login !== target.login) {
    throw new AdministrationRuleError({ login: PARTNER_USER_MESSAGES.loginFixed })
  }
  const wasAdministrator = target.role === 'partner_admin'
  const event =
    input.isAdministrator === undefined || input.isAdministrator === wasAdministrator
      ? null
      : input.isAdministrator
        ? 'GRANT_ADMIN'
        : 'REVOKE_ADMIN'
  if (event && target.id === actor.id) {
    throw new AdministrationRuleError({ isAdministrator: PARTNER_USER_MESSAGES.ownStatus })
  }
  const record = event ? await lifecycleOf(target) : null
  const engineActor = await actorOfUser(actor)

  return retriedTransaction(async (trx) => {
    await lockedPartner(trx, partnerId)
    const user = await partnerUser(partnerId, userId, trx)
    const next: PartnerUserDetails = {
      lastName: input.lastName,
      firstName: input.firstName,
      phone: input.phone || null,
      email: input.email,
    }
    const changes = changedFields(partnerUserDetailsOf(user), next, PARTNER_USER_FIELDS)
    if (Object.keys(changes).length) {
      user.merge(next)
      await user.useTransaction(trx).save()
      await recordAuditEvent(trx, {
        actorId: actor.id,
        partnerId,
        subjectType: 'user',
        subjectId: user.id,
        action: 'update',
        changes,
      })
    }
    if (!event || !record) return { changes, status: null }

    if (event === 'REVOKE_ADMIN' && (await otherAdministrators(trx, partnerId, user.id)) === 0) {
      throw new AdministrationRuleError({
        isAdministrator: PARTNER_USER_MESSAGES.lastAdministrator,
      })
    }
    await engine.send(record.id, { type: event }, engineActor, {
      client: trx,
      via: DOORS.administration,
    })
    const granted = event === 'GRANT_ADMIN'
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId,
      subjectType: 'user',
      subjectId: user.id,
      action: granted ? 'grant_admin' : 'revoke_admin',
      changes: {
        isAdministrator: { before: statusValue(!granted), after: statusValue(granted) },
      },
    })
    return { changes, status: granted ? 'granted' : 'revoked' }
  })
}

/**
 * M5 the cross in « Action » › « OK »: DELETE on the account's record (it
 * can no longer sign in; its open sessions end). An administrator — the
 * administrator themselves included — loses the status first, so the
 * partner always keeps one.
 */
export async function deletePartnerUser(
  partnerId: number,
  actor: User,
  userId: number
): Promise<User> {
  const target = await partnerUser(partnerId, userId)
  if (target.role === 'partner_admin') {
    throw new AdministrationRuleError({ user: PARTNER_USER_MESSAGES.deleteAdministrator })
  }
  const record = await lifecycleOf(target)
  const engineActor = await actorOfUser(actor)

  await retriedTransaction(async (trx) => {
    await lockedPartner(trx, partnerId)
    const user = await partnerUser(partnerId, userId, trx)
    if (user.role === 'partner_admin') {
      throw new AdministrationRuleError({ user: PARTNER_USER_MESSAGES.deleteAdministrator })
    }
    await engine.send(record.id, { type: 'DELETE' }, engineActor, {
      client: trx,
      via: DOORS.administration,
    })
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId,
      subjectType: 'user',
      subjectId: user.id,
      action: 'delete',
      changes: {},
    })
  })
  return target
}

/** The account's user-lifecycle record; an account taken over without one gets it, active */
async function lifecycleOf(user: User): Promise<WorkflowInstance> {
  return (await accounts.instanceOf(user)) ?? accounts.startActive(user)
}

async function otherAdministrators(
  trx: TransactionClientContract,
  partnerId: number,
  userId: number
): Promise<number> {
  const row = await trx
    .from('users')
    .where('partner_id', partnerId)
    .where('role', 'partner_admin')
    .whereNull('deleted_at')
    .whereNot('id', userId)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
