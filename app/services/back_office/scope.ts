import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import type { WorkflowActor } from '#workflow/types'
import { CAISSE_ROLE, decisionDefinition } from '#services/back_office/definitions'

/**
 * Who a caisse administrator is for the back office: the caisses they work
 * for (caisse_user) and the engine's actor built from them. Read from the
 * database on each request, so a caisse removed from a user takes effect at once.
 */

const memo = new WeakMap<User, Promise<number[]>>()

/** The caisses of `user` as read with them this request (app/services/auth/user_provider.ts) */
export function rememberCaisseIds(user: User, caisseIds: number[]) {
  memo.set(user, Promise.resolve(caisseIds))
}

/** The caisses a caisse administrator works for (none for any other role) */
export function caisseIdsOf(user: User): Promise<number[]> {
  if (user.role !== CAISSE_ROLE) return Promise.resolve([])
  let ids = memo.get(user)
  if (!ids) {
    ids = db
      .from('caisse_user')
      .where('user_id', user.id)
      .select('caisse_id')
      .then((rows: Array<{ caisse_id: number }>) => rows.map((row) => Number(row.caisse_id)))
    memo.set(user, ids)
  }
  return ids
}

/** The actor the engine expects (app/workflow/types.ts WorkflowActor) */
export async function caisseActorOf(user: User): Promise<WorkflowActor> {
  return {
    id: user.id,
    role: CAISSE_ROLE,
    partnerId: null,
    caisseIds: await caisseIdsOf(user),
  }
}

/**
 * The record is in the back office of this user: routed to one of their
 * caisses, and of a workflow in which a caisse decides.
 */
export async function isInScope(user: User, instance: WorkflowInstance): Promise<boolean> {
  if (user.role !== CAISSE_ROLE || instance.caisseId === null) return false
  const caisseIds = await caisseIdsOf(user)
  if (!caisseIds.includes(Number(instance.caisseId))) return false
  return (await decisionDefinition(instance.definitionId)) !== null
}
