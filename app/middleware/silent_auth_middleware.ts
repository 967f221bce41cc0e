import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Knows who is signed in on every page, public ones included, so that the
 * header shows the user's name and « Les services » on the home page too.
 * A deleted account's session ends here as well.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const signedIn = await ctx.auth.check()
    if (signedIn && ctx.auth.user?.deletedAt) {
      await ctx.auth.use('web').logout()
    }
    return next()
  }
}
