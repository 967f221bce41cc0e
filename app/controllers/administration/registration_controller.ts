import type { HttpContext } from '@adonisjs/core/http'
import { registrationPageProps, tabFrom } from '#transformers/administration/registration'
import { administeredPartner } from '#services/administration/administered_partner'

/**
 * « Les services » › « Administration » › « Modification inscription »:
 * one page, the tabs « Partenaires », « Utilisateurs », « Adresse »,
 * « Conventions »; `?onglet=` names the open one.
 */
export default class RegistrationController {
  async show(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const tab = tabFrom(ctx.request.qs().onglet)
    return ctx.inertia.render('administration/show', await registrationPageProps(partner, tab))
  }
}
