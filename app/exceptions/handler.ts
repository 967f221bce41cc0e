import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

/**
 * Errors as a French page of the portal: refusals (403), unknown pages
 * (404) and, in production, server errors. In development a server error
 * shows the detailed debug page instead.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { inertia }) => inertia.render('errors/status', { status: 403 }),
    '404': (_, { inertia }) => inertia.render('errors/status', { status: 404 }),
    ...(app.inProduction
      ? {
          '500..599': ((_, { inertia }) =>
            inertia.render('errors/status', { status: 500 })) as StatusPageRenderer,
        }
      : {}),
  }

  async handle(error: unknown, ctx: HttpContext) {
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
