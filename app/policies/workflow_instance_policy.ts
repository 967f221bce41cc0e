import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import { CAISSE_ROLE } from '#services/back_office/definitions'
import { isInScope } from '#services/back_office/scope'

/**
 * C1–C2 scope of the caisse back office: only caisse administrators have a
 * list, and they open and decide only the records routed to their caisses.
 * Guests are refused (no @allowGuest). The engine checks the definition's
 * permissions again when the decision is sent.
 */
export default class WorkflowInstancePolicy extends BasePolicy {
  /** « Dossiers à traiter » */
  viewQueue(user: User): AuthorizerResponse {
    return user.role === CAISSE_ROLE
  }

  /** An item's page: submitted data and history */
  async view(user: User, instance: WorkflowInstance): Promise<AuthorizerResponse> {
    return isInScope(user, instance)
  }

  /** « Valider » / « Invalider »; whether the state still accepts it is the engine's answer */
  async decide(user: User, instance: WorkflowInstance): Promise<AuthorizerResponse> {
    return isInScope(user, instance)
  }
}
