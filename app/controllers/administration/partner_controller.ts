import type { HttpContext } from '@adonisjs/core/http'
import { registrationPageProps } from '#transformers/administration/registration'
import { PARTNER_DETAILS_FIELDS, updatePartnerDetails } from '#services/administration/partner'
import { partnerDetailsMessages, partnerDetailsValidator } from '#validators/administration'
import {
  NOTHING_CHANGED,
  administeredPartner,
  redirectToTab,
} from '#services/administration/administered_partner'
import { fieldErrorsOf, typedValues } from '#validators/form_input'

export const PARTNER_UPDATED = 'Les informations du partenaire ont été modifiées.'

/**
 * M1 « Partenaires » › « Valider » (PUT /administration/partenaire). A
 * refusal answers 422 with the page: a message next to each field and what
 * was typed kept; a success goes back to the tab with a confirmation.
 */
export default class PartnerController {
  async update(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const { request, response, inertia, session, auth } = ctx

    const [invalid, input] = await partnerDetailsValidator.tryValidate(request.all(), {
      messagesProvider: partnerDetailsMessages,
    })
    if (invalid) {
      response.status(422)
      return inertia.render('administration/show', {
        ...(await registrationPageProps(partner, 'partenaires', {
          partner: typedValues(ctx, PARTNER_DETAILS_FIELDS),
        })),
        errors: fieldErrorsOf(invalid),
      })
    }

    const changes = await updatePartnerDetails(partner.id, auth.getUserOrFail(), input)
    session.flash('success', Object.keys(changes).length ? PARTNER_UPDATED : NOTHING_CHANGED)
    return redirectToTab(ctx, 'partenaires')
  }
}
