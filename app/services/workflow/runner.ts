import db from '@adonisjs/lucid/services/db'
import type WorkflowInstance from '#models/workflow_instance'
import engine, { type SendEvent, type SendOptions } from '#workflow/engine'
import { isAllowed } from '#workflow/permissions'
import { WorkflowForbiddenError } from '#workflow/errors'
import type { WorkflowActor } from '#workflow/types'

/**
 * Moves records for the generic pages: the first event of a journey starts
 * its record, the others go to the engine as they are.
 */
export class WorkflowRunner {
  /**
   * Starts a record of `key` and sends it its first event. A refused first
   * event leaves no record behind: the form is checked before the start
   * when it can be (a captcha is single use: it is only checked once, by
   * the engine), and the record is removed if the engine refuses the event.
   */
  async startWith(key: string, event: SendEvent, actor: WorkflowActor) {
    const definition = await engine.publishedDefinition(key)
    const routing = {
      subjectType: definition.body.subjectType ?? null,
      subjectId: null,
      caisseId: null,
      partnerId: null,
    }
    if (!isAllowed(definition.body.startPermissions, actor, routing)) {
      throw new WorkflowForbiddenError()
    }
    const { queries } = definition
    const form = queries.accepts(queries.valueOf(queries.initialState()), event.type)
      ? definition.forms.get(event.type)
      : null
    if (form && !form.fields.some((field) => field.type === 'captcha')) {
      await form.validate(event.payload ?? {})
    }
    /** When the first event was sent: the record's data keeps it (R1: when the conditions were accepted) */
    const instance = await engine.start(
      key,
      { context: { startedAt: new Date().toISOString() } },
      actor
    )
    try {
      return await engine.send(instance.id, event, actor)
    } catch (error) {
      await this.discard(instance.id)
      throw error
    }
  }

  send(
    instanceId: number,
    event: SendEvent,
    actor: WorkflowActor,
    options: SendOptions = {}
  ): Promise<WorkflowInstance> {
    return engine.send(instanceId, event, actor, options)
  }

  /** A record whose first event was refused: nobody has seen it */
  private async discard(instanceId: number) {
    await db.transaction(async (trx) => {
      await trx.from('workflow_transitions').where('instance_id', instanceId).delete()
      await trx.from('workflow_instances').where('id', instanceId).delete()
    })
  }
}

const workflowRunner = new WorkflowRunner()
export default workflowRunner
