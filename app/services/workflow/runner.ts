import engine, { type SendEvent, type SendOptions, type SentInstance } from '#workflow/engine'
import { GENERIC_PAGES } from '#workflow/registry'
import type { WorkflowActor } from '#workflow/types'

/**
 * Moves records for the generic pages (the door GENERIC_PAGES): the first
 * event of a journey starts its record, the others go to the engine as
 * they are.
 */
export class WorkflowRunner {
  /**
   * Starts a record of `key` and sends it its first event, in one
   * transaction: a refused first event leaves no record behind.
   */
  startWith(key: string, event: SendEvent, actor: WorkflowActor) {
    /** When the first event was sent: the record's data keeps it (R1: when the conditions were accepted) */
    return engine.startWith(
      key,
      { context: { startedAt: new Date().toISOString() } },
      event,
      actor,
      { via: GENERIC_PAGES }
    )
  }

  send(
    instanceId: number,
    event: SendEvent,
    actor: WorkflowActor,
    options: Omit<SendOptions, 'via'> = {}
  ): Promise<SentInstance> {
    return engine.send(instanceId, event, actor, { ...options, via: GENERIC_PAGES })
  }
}

const workflowRunner = new WorkflowRunner()
export default workflowRunner
