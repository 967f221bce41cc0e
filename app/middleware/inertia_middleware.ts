import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import { flashProps, sharedProps } from '#transformers/portal/shared'

export default class InertiaMiddleware extends BaseInertiaMiddleware {
  /**
   * Props every page receives. A page may render before the session or auth
   * middleware ran (a 404, say): the context is then only partly hydrated.
   */
  share(ctx: HttpContext) {
    const { auth } = ctx as Partial<HttpContext>
    /** The portal uses no error bags: one message per field */
    const errors = this.getValidationErrors(ctx) as Record<string, string>
    const props = sharedProps(auth?.user, errors)
    return {
      errors: ctx.inertia.always(props.errors),
      currentUser: ctx.inertia.always(props.currentUser),
    }
  }

  flash(ctx: HttpContext) {
    const { session } = ctx as Partial<HttpContext>
    return flashProps((key) => session?.flashMessages.get(key))
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}
