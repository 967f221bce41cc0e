import vine from '@vinejs/vine'
import type WorkflowInstance from '#models/workflow_instance'
import engine from '#workflow/engine'
import { WorkflowEventRejectedError, WorkflowForbiddenError } from '#workflow/errors'
import type { WorkflowActor } from '#workflow/types'
import type { DecisionDefinition } from '#services/back_office/definitions'
import { safeNumber } from '#validators/rules/fields'

/**
 * C2: a caisse administrator's decision, sent through the engine with the
 * lock_version seen on the page. The engine validates the decision's form
 * (the reason of an invalidation), checks the definition's permissions and
 * refuses a decision taken on a record someone else already moved
 * (WorkflowConflictError, 409 « Ce dossier a déjà été traité. »).
 */

export const decisionValidator = vine.create({
  event: vine.string().trim().maxLength(100),
  /** The record's version shown on the page */
  lockVersion: safeNumber().withoutDecimals().min(0),
})

export interface DecisionInput {
  event: string
  lockVersion: number
  /** The request's other values; only the event's form fields are sent on */
  values: Record<string, unknown>
}

export async function decide(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  actor: WorkflowActor,
  input: DecisionInput
) {
  if (!definition.decisionEvents.includes(input.event)) {
    /**
     * S6 the record accepts the event now, but this version gives it to no
     * caisse administrator (« Qui peut l’envoyer »): 403, as the engine says
     */
    const state = definition.queries.currentState(instance.snapshot.value)
    if (state && definition.queries.offers(state, input.event)) throw new WorkflowForbiddenError()
    throw new WorkflowEventRejectedError("Cette action n'est pas possible pour ce dossier.")
  }
  const fields = definition.body.forms[input.event]?.fields ?? []
  const payload = Object.fromEntries(
    fields
      .filter((field) => input.values[field.name] !== undefined)
      .map((field) => [field.name, input.values[field.name]])
  )
  const updated = await engine.send(instance.id, { type: input.event, payload }, actor, {
    expectedLockVersion: input.lockVersion,
    /** Read by loadItemInScope in this request: not read again */
    loaded: instance,
  })
  return {
    instance: updated,
    message: `Décision enregistrée : ${definition.queries.storedStateLabel(updated.state)}.`,
  }
}
