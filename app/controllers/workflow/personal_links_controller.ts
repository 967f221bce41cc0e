import type { HttpContext } from '@adonisjs/core/http'
import { rememberStarted } from '#services/workflow/access'
import { recordOfPersonalLink } from '#services/workflow/personal_links'
import { WorkflowNotFoundError } from '#workflow/errors'

export const PERSONAL_LINK_INVALID =
  'Ce lien n’est pas ou plus valable. Les liens personnels expirent après quelques jours : si votre dossier attend encore une réponse de votre part, demandez un nouveau lien à votre caisse.'

/**
 * S4 GET /suivi/:token, the applicant's personal link from a mail: the
 * record joins this browser session's own records and the applicant lands
 * on its screen (/dossiers/:id), the token out of the address bar. An
 * unknown, malformed or expired token is one 404 page.
 */
export default class PersonalLinksController {
  async open(ctx: HttpContext) {
    const instanceId = await recordOfPersonalLink(String(ctx.params.token))
    if (instanceId === null) throw new WorkflowNotFoundError(PERSONAL_LINK_INVALID)
    /** A fresh session id: whatever id the link's holder came with cannot follow the record */
    ctx.session.regenerate()
    rememberStarted(ctx, instanceId)
    ctx.response.header('Referrer-Policy', 'no-referrer')
    return ctx.response.redirect().status(303).toPath(`/dossiers/${instanceId}`)
  }
}
