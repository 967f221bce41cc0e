import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { WorkflowRefusal } from '#workflow/errors'
import { refusedPageProps } from '#transformers/workflow/refused'
import { statusPageProps } from '#transformers/errors/status'
import { isDatabaseUnavailable, isDeadlock } from '#database/errors'

/** How long a client is asked to wait before trying again when the database did not answer */
const RETRY_AFTER_SECONDS = 5

/**
 * A database node that died under the request (or a cluster that lost its
 * quorum) is no bug of the request; nor is a deadlock no retry took care of
 * (on a cluster, a limiter's bucket written on two nodes at once: the
 * server rolled it back whole). Trying again is all there is to do.
 */
const tryAgainLater = (error: unknown) => isDatabaseUnavailable(error) || isDeadlock(error)

/**
 * Errors as a French page of the portal: refusals (403), unknown pages
 * (404) and, in production, server errors. In development a server error
 * shows the detailed debug page instead. The workflow engine's refusals are
 * mapped here and nowhere else: each carries its status and French message.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { inertia }) => inertia.render('errors/status', statusPageProps(403)),
    '404': (_, { inertia }) => inertia.render('errors/status', statusPageProps(404)),
    ...(app.inProduction
      ? {
          '500..599': ((_, { inertia }) =>
            inertia.render('errors/status', statusPageProps(500))) as StatusPageRenderer,
        }
      : {}),
    /** After the 500 range: a database that did not answer is its own page */
    '503': (_, { inertia }) => inertia.render('errors/status', statusPageProps(503)),
  }

  async handle(error: unknown, ctx: HttpContext) {
    /** Elsewhere a refusal is the portal's status page of its status (403, 404) */
    if (error instanceof WorkflowRefusal && ctx.route?.name?.startsWith('workflow.')) {
      return this.renderRefusal(error, ctx)
    }
    /** 503 with Retry-After: the client tries again, on the node the pool moved to (database/cluster_hosts.ts) */
    if (tryAgainLater(error)) {
      ctx.response.header('Retry-After', String(RETRY_AFTER_SECONDS))
      return super.handle(
        new Exception('The database did not answer', {
          status: 503,
          code: 'E_DATABASE_UNAVAILABLE',
          cause: error,
        }),
        ctx
      )
    }
    return super.handle(error, ctx)
  }

  /**
   * On the generic workflow pages, the refusal's own page with its message
   * (or JSON for an API client). A record that moved on or refused the
   * action can be opened again from there; one out of reach (403, 404) cannot.
   */
  private async renderRefusal(error: WorkflowRefusal, ctx: HttpContext) {
    const status = error.status
    ctx.response.status(status)
    if (ctx.request.accepts(['html', 'json']) === 'json' && !ctx.request.header('x-inertia')) {
      return ctx.response.send({ error: { status, code: error.code, message: error.message } })
    }
    const page = await ctx.inertia.render(
      'workflow/refused',
      refusedPageProps(error, Number(ctx.params.id))
    )
    return ctx.response.send(page)
  }

  async report(error: unknown, ctx: HttpContext) {
    /** Answered 503 (handle above): a warning with its cause, not an error of ours */
    if (tryAgainLater(error)) {
      ctx.logger.warn({ err: error }, 'database unavailable: answered 503, Retry-After')
      return
    }
    return super.report(error, ctx)
  }
}
