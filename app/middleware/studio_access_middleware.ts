import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { canUseStudio } from '#services/studio/access'
import { StudioForbiddenError } from '#services/studio/errors'

/**
 * Every route of the studio (start/routes/studio.ts), after "auth": only
 * analysts and platform administrators pass; everyone else gets the French
 * « Accès refusé » page (403). One check for the whole group, so a new
 * studio route cannot forget it.
 */
export default class StudioAccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!canUseStudio(ctx.auth.getUserOrFail())) throw new StudioForbiddenError()
    return next()
  }
}
