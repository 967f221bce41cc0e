import type { HttpContext } from '@adonisjs/core/http'
import workflowScreens, { type ScreenView } from '#services/workflow/screens'
import workflowRunner from '#services/workflow/runner'
import { actorOf, canOpen, rememberStarted, startedInstances } from '#services/workflow/access'
import WorkflowInstance from '#models/workflow_instance'
import { WorkflowForbiddenError, WorkflowNotFoundError } from '#workflow/errors'

/**
 * The generic pages of any workflow (W2): the screen of the state a record
 * is in, rendered from its definition, and the events its forms send. The
 * engine decides who may do what; its refusals are French pages rendered
 * by app/exceptions/handler.ts, never a 500.
 */
export default class WorkflowPagesController {
  /** GET /parcours/:key: the first screen; its first event starts the record */
  async start(ctx: HttpContext) {
    return render(ctx, await workflowScreens.forStart(ctx.params.key, await actorOf(ctx)))
  }

  /** POST /parcours/:key/evenements/:event */
  async startWith(ctx: HttpContext) {
    const instance = await workflowRunner.startWith(
      ctx.params.key,
      { type: ctx.params.event, payload: payloadOf(ctx) },
      await actorOf(ctx)
    )
    rememberStarted(ctx, instance.id)
    return ctx.response.redirect().status(303).toPath(`/dossiers/${instance.id}`)
  }

  /** GET /dossiers/:id */
  async show(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    const instance = await this.open(ctx, actor)
    return render(ctx, await workflowScreens.forInstance(instance, actor))
  }

  /** POST /dossiers/:id/evenements/:event */
  async send(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    const instance = await this.open(ctx, actor)
    const expected = ctx.request.input('expectedLockVersion')
    await workflowRunner.send(
      instance.id,
      { type: ctx.params.event, payload: payloadOf(ctx) },
      actor,
      expected === undefined || expected === null || expected === ''
        ? {}
        : { expectedLockVersion: Number(expected) }
    )
    return ctx.response.redirect().status(303).toPath(`/dossiers/${instance.id}`)
  }

  /** The record, if this actor may open it (a visitor: only those of their session) */
  private async open(ctx: HttpContext, actor: Awaited<ReturnType<typeof actorOf>>) {
    const id = Number(ctx.params.id)
    const instance = Number.isSafeInteger(id) && id > 0 ? await WorkflowInstance.find(id) : null
    if (!instance) throw new WorkflowNotFoundError()
    if (!(await canOpen(instance, actor, startedInstances(ctx)))) {
      throw new WorkflowForbiddenError("Vous n'êtes pas autorisé à consulter ce dossier.")
    }
    return instance
  }
}

function render(ctx: HttpContext, view: ScreenView) {
  return view.page === 'workflow/step'
    ? ctx.inertia.render('workflow/step', view.props)
    : ctx.inertia.render('workflow/status', view.props)
}

/** The submitted fields, without the page's own keys */
function payloadOf(ctx: HttpContext): Record<string, unknown> {
  return ctx.request.except(['expectedLockVersion', '_csrf'])
}
