import type { HttpContext } from '@adonisjs/core/http'
import Partner from '#models/partner'
import PartnerPolicy from '#policies/partner_policy'
import type { AdministrationTab } from '#transformers/administration/registration'
import { AdministrationForbiddenError } from '#services/administration/errors'

/** Where « Administration » › « Modification inscription » lives */
export const ADMINISTRATION_PATH = '/administration'

/** The confirmation of a « Valider » that changed nothing */
export const NOTHING_CHANGED = 'Aucune modification à enregistrer : les données sont inchangées.'

/**
 * The partner the signed-in user administers, after PartnerPolicy agreed
 * (403 otherwise, the French « Accès refusé » page). Always the user's own
 * partner: no route or body of the administration names a partner, and any
 * partner_id sent is ignored.
 */
export async function administeredPartner({ auth, bouncer }: HttpContext): Promise<Partner> {
  const user = auth.getUserOrFail()
  const policy = bouncer.with(PartnerPolicy)
  if (await policy.denies('administerOwnPartner')) throw new AdministrationForbiddenError()
  const partner = await Partner.find(user.partnerId)
  if (!partner || (await policy.denies('administer', partner))) {
    throw new AdministrationForbiddenError()
  }
  return partner
}

/** Back to the page on a tab, where the flashed confirmation is shown */
export function redirectToTab({ response }: HttpContext, tab: AdministrationTab) {
  return response.redirect().withQs({ onglet: tab }).toPath(ADMINISTRATION_PATH)
}
