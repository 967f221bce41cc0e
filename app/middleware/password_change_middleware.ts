import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** « Changer mon mot de passe » (A2, A6); services/service_catalogue.ts links here too */
export const CHANGE_PASSWORD_PATH = '/mot-de-passe'

/** Routes a user who must change their password may still reach */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'accounts.password.edit',
  'accounts.password.update',
  'session.destroy',
])

/**
 * A2: a signed-in user whose password must be changed (an emailed temporary
 * password: users.must_change_password, kept in step with the
 * "password_change_required" state of their user-lifecycle record by its
 * actions) is sent to « Changer mon mot de passe » before any other page.
 * Only that page and sign-out stay open.
 *
 * A router middleware (start/kernel.ts), after the silent authentication:
 * it covers every route a signed-in user reaches, those open to visitors
 * too (the workflow pages, the home page), so a route added anywhere is
 * covered without doing anything.
 */
export default class PasswordChangeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (mustChangePasswordFirst(ctx)) {
      return ctx.response.redirect(CHANGE_PASSWORD_PATH)
    }
    return next()
  }
}

/** True when the request must be turned away to « Changer mon mot de passe » */
export function mustChangePasswordFirst(ctx: HttpContext): boolean {
  const user = ctx.auth.user
  if (!user?.mustChangePassword) return false
  const routeName = ctx.route?.name
  return !(routeName && ALLOWED_BEFORE_PASSWORD_CHANGE.has(routeName))
}
