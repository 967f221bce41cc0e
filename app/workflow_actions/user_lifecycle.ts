import { randomBytes } from 'node:crypto'
import vine from '@vinejs/vine'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import User from '#models/user'
import { sqlDateTime } from '#models/columns'
import registry, { defineEffectAction, type EffectContext } from '#workflow/registry'
import {
  WorkflowEventRejectedError,
  WorkflowSubjectMissingError,
  WorkflowValidationError,
} from '#workflow/errors'
import { formatParisMoment } from '#formatting/french'
import { passwordProblems } from '#services/accounts/password_policy'
import {
  generateTemporaryPassword,
  TEMPORARY_PASSWORD_VALIDITY_DAYS,
} from '#services/accounts/password_generator'

/**
 * Domain actions of the user-lifecycle definition (FEATURES A2, A4, A6).
 * They run inside the engine's transaction, so the account row, the state
 * of its record, the audit row and the mail commit (or roll back) together.
 */

/**
 * The account the record is about. Every lifecycle record is started for a
 * stored user (AccountLifecycleService, R6) and a deleted account's record
 * is final, so no row means inconsistent data: the transition rolls back.
 */
async function subjectUser({
  instance,
  trx,
}: Pick<EffectContext<unknown>, 'instance' | 'trx'>): Promise<User> {
  const { subjectType, subjectId } = instance.routing
  const user =
    subjectType === 'user' && subjectId !== null
      ? await User.query({ client: trx }).where('id', subjectId).whereNull('deleted_at').first()
      : null
  if (!user) throw new WorkflowSubjectMissingError(instance.id, subjectType, subjectId)
  return user
}

/** The French refusal of GRANT_ADMIN / REVOKE_ADMIN on an account outside any partner */
export const NOT_A_PARTNER_MEMBER_MESSAGE =
  'Seul un utilisateur d’un partenaire peut recevoir ou perdre le statut « Administrateur ».'

/**
 * SEND_INVITATION, RESET_PASSWORD: draws a random temporary password, keeps
 * only its hash and mails it (outbox, same transaction). The password is in
 * no payload, context, audit row or log; the outbox keeps the mail encrypted
 * and wipes its body once delivered (app/outbox/sealed_payload.ts).
 *
 * By default (an invitation) it becomes the account's password, to be
 * changed at the first sign-in. With keepCurrentPassword (a reset) it is kept
 * aside (users.pending_password) next to the current password, which still
 * works: a reset asked by someone else locks nobody out. Signing in with the
 * current one discards it; signing in with it sends TEMPORARY_PASSWORD_USED
 * (requirePasswordChange; docs/decisions/0014-forgotten-password-keeps-current.md).
 */
export const issueTemporaryPassword = defineEffectAction({
  description:
    'Tire un mot de passe temporaire et l’envoie par email (modèle des notifications) : il devient le mot de passe, ou, avec « keepCurrentPassword », il est gardé à côté du mot de passe actuel jusqu’à ce que l’un des deux serve',
  params: vine.object({
    template: vine.string().minLength(1),
    validityDays: vine.number().withoutDecimals().min(1).max(30).optional(),
    keepCurrentPassword: vine.boolean().optional(),
  }),
  templateParams: ['template'],
  templateVariables: {
    login: { label: 'Identifiant de connexion', sample: 'cmartin' },
    temporaryPassword: { label: 'Mot de passe temporaire', sample: 'Xk7-pQ2-mW9' },
    expiresAt: { label: 'Date de fin de validité', sample: '09/12/2026 à 14:30' },
    validityDays: { label: 'Durée de validité (jours)', sample: '7' },
  },
  async run({ trx, params, instance, context, enqueueMail }) {
    const user = await subjectUser({ trx, instance })
    const temporaryPassword = generateTemporaryPassword()
    const validityDays = params.validityDays ?? TEMPORARY_PASSWORD_VALIDITY_DAYS
    const expiresAt = DateTime.now().plus({ days: validityDays })
    if (params.keepCurrentPassword) {
      user.merge({ pendingPassword: temporaryPassword, pendingPasswordExpiresAt: expiresAt })
    } else {
      user.merge({
        password: temporaryPassword,
        mustChangePassword: true,
        temporaryPasswordExpiresAt: expiresAt,
        pendingPassword: null,
        pendingPasswordExpiresAt: null,
        failedSignInCount: 0,
        lockedUntil: null,
      })
    }
    await user.useTransaction(trx).save()
    enqueueMail(params.template, user.email, {
      ...context,
      login: user.login,
      temporaryPassword,
      expiresAt: formatParisMoment(expiresAt),
      validityDays,
    })
  },
})

/**
 * TEMPORARY_PASSWORD_USED (A2, A4): the sign-in took a mailed temporary
 * password. A pending one (a reset's) becomes the password, its hash as is,
 * with its expiry, and the current password stops working; either way the
 * change is now required (users.must_change_password). Safe to run again:
 * a second sign-in with the same password finds nothing pending and only
 * keeps the flag.
 */
export const requirePasswordChange = defineEffectAction({
  description:
    'Le mot de passe temporaire a servi à la connexion : il devient le mot de passe, à changer avant toute autre action',
  params: vine.object({}),
  async run({ trx, instance }) {
    const user = await subjectUser({ trx, instance })
    const now = sqlDateTime(DateTime.now())
    const pending = user.pendingPassword
      ? {
          /** Already a hash: written as is, past the model's hashing hook */
          password: user.pendingPassword,
          temporary_password_expires_at: user.pendingPasswordExpiresAt
            ? sqlDateTime(user.pendingPasswordExpiresAt)
            : null,
          pending_password: null,
          pending_password_expires_at: null,
        }
      : {}
    await trx
      .from('users')
      .where('id', user.id)
      .update({ ...pending, must_change_password: true, updated_at: now })
  },
})

/** The French messages of a refused password change, per field of the CHANGE_PASSWORD form */
export const PASSWORD_CHANGE_MESSAGES = {
  wrongCurrent: 'L’ancien mot de passe est incorrect.',
  sameAsCurrent: 'Le nouveau mot de passe doit être différent de l’ancien.',
  mismatch: 'La confirmation ne correspond pas au nouveau mot de passe.',
}

/**
 * CHANGE_PASSWORD (A2, A6): checks the old password, the policy of
 * config/password_policy.ts and the confirmation, then stores the new hash,
 * lifts the "must change" flag and scrubs the delivered temporary passwords
 * (a pending one included). A refusal is a 422 with one message per field
 * and rolls the transition back, whichever page sent the event.
 */
export const changeOwnPassword = defineEffectAction({
  description:
    'Vérifie l’ancien mot de passe, la politique et la confirmation, puis enregistre le nouveau mot de passe',
  params: vine.object({}),
  async run({ trx, instance, event }) {
    const user = await subjectUser({ trx, instance })
    const current = String(event.payload.currentPassword ?? '')
    const next = String(event.payload.newPassword ?? '')
    const confirmation = String(event.payload.confirmation ?? '')

    const errors: Record<string, string> = {}
    if (!(await hash.verify(user.password, current))) {
      errors.currentPassword = PASSWORD_CHANGE_MESSAGES.wrongCurrent
    }
    const problems = passwordProblems(next)
    if (problems.length) {
      errors.newPassword = problems.join(' ')
    } else if (next === current) {
      errors.newPassword = PASSWORD_CHANGE_MESSAGES.sameAsCurrent
    }
    if (confirmation !== next) {
      errors.confirmation = PASSWORD_CHANGE_MESSAGES.mismatch
    }
    if (Object.keys(errors).length) throw new WorkflowValidationError(errors)

    user.merge({
      password: next,
      mustChangePassword: false,
      temporaryPasswordExpiresAt: null,
      pendingPassword: null,
      pendingPasswordExpiresAt: null,
      failedSignInCount: 0,
      lockedUntil: null,
    })
    await user.useTransaction(trx).save()
  },
})

/**
 * GRANT_ADMIN, REVOKE_ADMIN (M4): the account becomes (or stops being) an
 * administrator of its partner: users.role partner_admin / partner_user.
 * Who may, and "never on oneself", are the definition's permissions and
 * guard; "the last administrator stays" is checked by the caller
 * (app/services/administration/users.ts), under the partner's lock.
 */
export const setAdministratorStatus = defineEffectAction({
  description:
    'Donne ou retire le statut « Administrateur » du partenaire (rôle partner_admin / partner_user)',
  params: vine.object({ isAdmin: vine.boolean() }),
  async run({ trx, params, instance }) {
    const user = await subjectUser({ trx, instance })
    /** Only a partner has administrators: a caisse or platform account has no such status */
    if (!user.isPartnerMember) throw new WorkflowEventRejectedError(NOT_A_PARTNER_MEMBER_MESSAGE)
    user.role = params.isAdmin ? 'partner_admin' : 'partner_user'
    await user.useTransaction(trx).save()
  },
})

/**
 * DELETE (M5): the account is marked deleted (users.deleted_at; the row and
 * its login stay, so a login is never given twice and the audit keeps its
 * author). It can no longer sign in, and the auth middleware ends its open
 * sessions at their next request. Its password is made unusable.
 */
export const markAccountDeleted = defineEffectAction({
  description: 'Supprime le compte : plus de connexion possible, ses sessions prennent fin',
  params: vine.object({}),
  async run({ trx, instance }) {
    const user = await subjectUser({ trx, instance })
    user.merge({
      deletedAt: DateTime.now(),
      password: randomBytes(32).toString('base64url'),
      mustChangePassword: false,
      temporaryPasswordExpiresAt: null,
      pendingPassword: null,
      pendingPasswordExpiresAt: null,
    })
    await user.useTransaction(trx).save()
  },
})

registry
  .registerAction('issueTemporaryPassword', issueTemporaryPassword)
  .registerAction('requirePasswordChange', requirePasswordChange)
  .registerAction('changeOwnPassword', changeOwnPassword)
  .registerAction('setAdministratorStatus', setAdministratorStatus)
  .registerAction('markAccountDeleted', markAccountDeleted)
