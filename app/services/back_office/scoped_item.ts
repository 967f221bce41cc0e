import type { HttpContext } from '@adonisjs/core/http'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowInstancePolicy from '#policies/workflow_instance_policy'
import { WorkflowForbiddenError, WorkflowNotFoundError } from '#workflow/errors'
import { decisionDefinition } from '#services/back_office/definitions'

/**
 * The back-office item and its definition, if the signed-in user may see it
 * or decide on it (WorkflowInstancePolicy): 404 for no record, 403 for a
 * record out of their scope, whatever id is typed.
 */
export async function loadItemInScope(
  id: unknown,
  bouncer: HttpContext['bouncer'],
  ability: 'view' | 'decide'
) {
  const numericId = Number(id)
  const instance = Number.isSafeInteger(numericId) ? await WorkflowInstance.find(numericId) : null
  if (!instance) throw new WorkflowNotFoundError()
  if (await bouncer.with(WorkflowInstancePolicy).denies(ability, instance)) {
    throw new WorkflowForbiddenError()
  }
  const definition = await decisionDefinition(instance.definitionId)
  if (!definition) throw new WorkflowForbiddenError()
  return { definition, instance }
}
