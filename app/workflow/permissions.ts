import type { PermissionJson, PermissionScope, RoutingKeys, WorkflowActor } from '#workflow/types'

/**
 * Scope rules: given the instance's routing keys and the actor, does the
 * rule hold? The engine only compares ids; who works for which caisse or
 * partner is decided by whoever builds the actor.
 */
export const SCOPE_RULES: Record<
  PermissionScope,
  (actor: WorkflowActor, routing: RoutingKeys) => boolean
> = {
  any: () => true,
  /** A caisse administrator of the caisse the record is routed to */
  instance_caisse: (actor, routing) =>
    routing.caisseId !== null && actor.caisseIds.includes(routing.caisseId),
  /** A member (or administrator) of the partner the record belongs to */
  instance_partner: (actor, routing) =>
    routing.partnerId !== null && actor.partnerId === routing.partnerId,
  /** The record is about the actor themselves (their own account) */
  self: (actor, routing) =>
    actor.id !== null && routing.subjectType === 'user' && routing.subjectId === actor.id,
}

export function isAllowed(
  rules: PermissionJson[] | undefined,
  actor: WorkflowActor,
  routing: RoutingKeys
): boolean {
  return (rules ?? []).some(
    (rule) =>
      rule.role === actor.role &&
      (SCOPE_RULES[rule.scope as PermissionScope]?.(actor, routing) ?? false)
  )
}
