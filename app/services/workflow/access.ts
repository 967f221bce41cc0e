import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import engine, { routingOf } from '#workflow/engine'
import { isAllowed } from '#workflow/permissions'
import { GENERIC_PAGES } from '#workflow/registry'
import type { WorkflowActor } from '#workflow/types'

/**
 * Who acts on the generic workflow pages, and which records they may open.
 * A visitor (not signed in) reaches only the records started in their own
 * session; a signed-in user the records routed to them (their caisse, their
 * partner, their own account) or on which they may act now.
 */

/** Session key: ids of the instances this browser session started */
const STARTED_KEY = 'workflow.startedInstances'
/** A session keeps the last few only */
const STARTED_KEPT = 20

export const VISITOR: WorkflowActor = Object.freeze({
  id: null,
  role: 'visitor',
  partnerId: null,
  caisseIds: [],
}) as WorkflowActor

/** The engine's actor for a signed-in user (their caisses read from caisse_user) */
export async function actorOfUser(user: User): Promise<WorkflowActor> {
  let caisseIds: number[] = []
  if (user.role === 'caisse_admin') {
    const rows: Array<{ caisse_id: number }> = await db
      .from('caisse_user')
      .where('user_id', user.id)
      .select('caisse_id')
    caisseIds = rows.map((row) => Number(row.caisse_id))
  }
  return { id: user.id, role: user.role, partnerId: user.partnerId ?? null, caisseIds }
}

/** The signed-in user's actor, or the visitor's */
export async function actorOf(ctx: HttpContext): Promise<WorkflowActor> {
  const user = (await ctx.auth.check()) ? ctx.auth.user : undefined
  return user ? actorOfUser(user) : VISITOR
}

export function startedInstances(ctx: HttpContext): number[] {
  const ids = ctx.session.get(STARTED_KEY, [])
  return Array.isArray(ids) ? ids.map(Number) : []
}

export function rememberStarted(ctx: HttpContext, instanceId: number) {
  const ids = startedInstances(ctx).filter((id) => id !== instanceId)
  ctx.session.put(STARTED_KEY, [...ids, instanceId].slice(-STARTED_KEPT))
}

/**
 * May this actor open the record on the generic pages? A visitor the
 * records of their own session; anybody else as the definition's `viewers`
 * declare, or when they may send it an event there now. The engine still
 * checks each event.
 */
export async function canOpen(
  instance: WorkflowInstance,
  actor: WorkflowActor,
  started: number[]
): Promise<boolean> {
  if (started.includes(instance.id)) return true
  if (actor.role === 'visitor') return false
  const definition = await engine.definitionById(instance.definitionId)
  if (isAllowed(definition.body.viewers, actor, routingOf(instance))) return true
  const events = await engine.availableEvents(instance, actor, GENERIC_PAGES)
  return events.length > 0
}
