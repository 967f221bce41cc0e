import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User, { type Role } from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import engine, { type SentInstance } from '#workflow/engine'
import { DOORS } from '#workflow_actions/doors'
import type { WorkflowActor } from '#workflow/types'
import { WorkflowConflictError } from '#workflow/errors'
import {
  prepareTemporaryPassword,
  withPreparedTemporaryPassword,
} from '#services/accounts/password_generator'

/** The key of the definition every account runs on (workflows/user-lifecycle.json) */
export const USER_LIFECYCLE = 'user-lifecycle'

/** The application itself, moving a record (an invitation, a reset asked from the sign-in page) */
export const SYSTEM_ACTOR: WorkflowActor = {
  id: null,
  role: 'system',
  partnerId: null,
  caisseIds: [],
}

/** The workflow actor of a signed-in user (their role, partner and caisses) */
export async function actorOf(user: User): Promise<WorkflowActor> {
  const rows: Array<{ caisse_id: number }> =
    user.role === 'caisse_admin'
      ? await db.from('caisse_user').where('user_id', user.id).select('caisse_id')
      : []
  const caisseIds = rows.map((row) => Number(row.caisse_id))
  return { id: user.id, role: user.role, partnerId: user.partnerId, caisseIds }
}

export interface NewAccount {
  login: string
  lastName: string
  firstName: string
  email: string
  phone?: string | null
  role: Role
  partnerId?: number | null
  /** Caisses of a caisse administrator */
  caisseIds?: number[]
}

/**
 * Every state change of an account goes through its user-lifecycle record
 * (subject_type "user", subject_id = users.id) and the engine; the domain
 * actions of app/workflow_actions/user_lifecycle.ts update the users row in
 * the same transaction. This is the API the other features call.
 */
export default class AccountLifecycleService {
  /** The account's lifecycle record (the newest one still running), if it has one */
  async instanceOf(user: User | number): Promise<WorkflowInstance | null> {
    const userId = typeof user === 'number' ? user : user.id
    return WorkflowInstance.query()
      .where('subject_type', 'user')
      .where('subject_id', userId)
      .whereHas('definition', (query) => query.where('key', USER_LIFECYCLE))
      .orderBy('id', 'desc')
      .first()
  }

  /**
   * Creates an account with a random temporary password mailed to it (M2,
   * R6): the user row, then its record, "invited" → SEND_INVITATION →
   * "password change required". The password is drawn, hashed and mailed
   * (outbox) inside the engine's transaction; the caller never sees it.
   * `actor` is who creates it (a partner administrator, a platform
   * administrator) or SYSTEM_ACTOR (a caisse validating a pre-registration).
   * If the record cannot be started, the user row is removed again.
   */
  async createWithTemporaryPassword(
    input: NewAccount,
    actor: WorkflowActor = SYSTEM_ACTOR
  ): Promise<User> {
    const user = await db.transaction(async (trx) => {
      const created = await User.create(
        {
          login: input.login,
          lastName: input.lastName,
          firstName: input.firstName,
          email: input.email,
          phone: input.phone ?? null,
          role: input.role,
          partnerId: input.partnerId ?? null,
          /** Unusable until the invitation draws the real temporary password */
          password: randomBytes(32).toString('base64url'),
          mustChangePassword: true,
        },
        { client: trx }
      )
      if (input.caisseIds?.length) {
        await created.related('caisses').attach(input.caisseIds, trx)
      }
      return created
    })
    try {
      await this.invite(user, actor)
    } catch (error) {
      await db
        .from('workflow_instances')
        .where('subject_type', 'user')
        .where('subject_id', user.id)
        .delete()
      await user.delete()
      throw error
    }
    await user.refresh()
    return user
  }

  /**
   * For a user row created elsewhere (e.g. inside the pre-registration's
   * own transaction): starts its record and mails the temporary password.
   * Call it after that transaction committed. Safe to call again: a record
   * already past "invited" is left alone.
   */
  async invite(user: User, actor: WorkflowActor = SYSTEM_ACTOR): Promise<SentInstance> {
    const instance = (await this.instanceOf(user)) ?? (await this.start(user, actor))
    if (instance.state !== 'invited') return instance
    return engine.send(instance.id, { type: 'SEND_INVITATION' }, SYSTEM_ACTOR)
  }

  /**
   * An account that already has its own password (demo accounts, data
   * taken over): its record starts straight in "active".
   */
  async startActive(user: User): Promise<WorkflowInstance> {
    return (
      (await this.instanceOf(user)) ?? this.start(user, SYSTEM_ACTOR, { existingAccount: true })
    )
  }

  /**
   * A4 and administrator resets: RESET_PASSWORD ("invited": SEND_INVITATION)
   * → a temporary password is mailed; the record keeps its state. It works
   * alongside the current one until either is used (users.pending_password):
   * signing in with it sends TEMPORARY_PASSWORD_USED (temporaryPasswordUsed);
   * signing in with the current one discards it
   * (docs/decisions/0014-forgotten-password-keeps-current.md).
   * The sign-in lockout stays: the current password still works, so
   * guessing it is not made easier; the temporary one opens a locked login.
   */
  async resetPassword(user: User, actor: WorkflowActor = SYSTEM_ACTOR): Promise<SentInstance> {
    const instance = (await this.instanceOf(user)) ?? (await this.startActive(user))
    /** Hashed before the engine's transaction opens (password_generator.ts) */
    const prepared = await prepareTemporaryPassword()
    return withPreparedTemporaryPassword(prepared, () =>
      instance.state === 'invited'
        ? engine.send(instance.id, { type: 'SEND_INVITATION' }, SYSTEM_ACTOR)
        : engine.send(instance.id, { type: 'RESET_PASSWORD' }, actor)
    )
  }

  /**
   * A2, A6: the user changes their own password (CHANGE_PASSWORD, as
   * themselves). Refusals are WorkflowValidationError (422) with one French
   * message per field: currentPassword, newPassword, confirmation.
   */
  async changePassword(
    user: User,
    input: { currentPassword?: unknown; newPassword?: unknown; confirmation?: unknown }
  ): Promise<SentInstance> {
    const instance = (await this.instanceOf(user)) ?? (await this.startActive(user))
    return engine.send(
      instance.id,
      {
        type: 'CHANGE_PASSWORD',
        payload: {
          currentPassword: input.currentPassword,
          newPassword: input.newPassword,
          confirmation: input.confirmation,
        },
      },
      await actorOf(user),
      { via: DOORS.passwordChange }
    )
  }

  /**
   * A2, A4: the sign-in took a mailed temporary password (a reset's pending
   * one, or the invitation's): TEMPORARY_PASSWORD_USED, as the system,
   * through the sign-in's door. What follows is the definition's: the record
   * moves to "password change required" and its action makes the temporary
   * password the password and sets users.must_change_password. Two parallel
   * sign-ins with it: the loser of the record's lock sends it again, from
   * the state the winner left (docs/decisions/0014).
   */
  async temporaryPasswordUsed(user: User): Promise<SentInstance> {
    for (let attempt = 1; ; attempt++) {
      const instance = (await this.instanceOf(user)) ?? (await this.startActive(user))
      try {
        return await engine.send(instance.id, { type: 'TEMPORARY_PASSWORD_USED' }, SYSTEM_ACTOR, {
          via: DOORS.signIn,
        })
      } catch (error) {
        const lostTheLock = error instanceof WorkflowConflictError && error.reason === 'stale'
        if (!lostTheLock || attempt >= 3) throw error
      }
    }
  }

  private start(user: User, actor: WorkflowActor, extra: Record<string, unknown> = {}) {
    return engine.start(
      USER_LIFECYCLE,
      {
        subjectType: 'user',
        subjectId: user.id,
        partnerId: user.partnerId,
        context: {
          login: user.login,
          email: user.email,
          isAdmin: user.role === 'partner_admin',
          ...extra,
        },
      },
      actor
    )
  }
}
