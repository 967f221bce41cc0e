import type { HttpContext } from '@adonisjs/core/http'
import { registrationPageProps } from '#transformers/administration/registration'
import { PARTNER_ADDRESS_FIELDS, updatePartnerAddress } from '#services/administration/address'
import { AdministrationRuleError } from '#services/administration/errors'
import { partnerAddressMessages, partnerAddressValidator } from '#validators/administration'
import {
  NOTHING_CHANGED,
  administeredPartner,
  redirectToTab,
} from '#services/administration/administered_partner'
import { fieldErrorsOf, typedValues } from '#validators/form_input'

export const ADDRESS_UPDATED = 'L’adresse du partenaire a été modifiée.'

/**
 * M7 « Adresse » › « Valider » (PUT /administration/adresse): every field
 * but the raison sociale; a request changing it is refused (422, nothing
 * written). Refusals answer 422 with the page, what was typed kept.
 */
export default class AddressController {
  async update(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const { request, response, inertia, session, auth } = ctx
    const refuse = async (errors: Record<string, string>) => {
      response.status(422)
      return inertia.render('administration/show', {
        ...(await registrationPageProps(partner, 'adresse', {
          address: typedValues(ctx, PARTNER_ADDRESS_FIELDS),
        })),
        errors,
      })
    }

    const [invalid, input] = await partnerAddressValidator.tryValidate(request.all(), {
      messagesProvider: partnerAddressMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))

    try {
      const changes = await updatePartnerAddress(partner.id, auth.getUserOrFail(), input)
      session.flash('success', Object.keys(changes).length ? ADDRESS_UPDATED : NOTHING_CHANGED)
    } catch (error) {
      if (error instanceof AdministrationRuleError) return refuse(error.fieldErrors)
      throw error
    }
    return redirectToTab(ctx, 'adresse')
  }
}
