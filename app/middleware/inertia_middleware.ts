import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import { presentCurrentUser } from '#services/portal/current_user'

export default class InertiaMiddleware extends BaseInertiaMiddleware {
  /**
   * Props every page receives. A page may render before the session or auth
   * middleware ran (a 404, say): the context is then only partly hydrated.
   */
  share(ctx: HttpContext) {
    const { auth } = ctx as Partial<HttpContext>
    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      currentUser: ctx.inertia.always(auth?.user ? presentCurrentUser(auth.user) : null),
    }
  }

  flash(ctx: HttpContext) {
    const { session } = ctx as Partial<HttpContext>
    return {
      success: session?.flashMessages.get('success') as string | undefined,
      error: session?.flashMessages.get('error') as string | undefined,
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}
