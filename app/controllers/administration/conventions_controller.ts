import type { HttpContext } from '@adonisjs/core/http'
import { registrationPageProps } from '#transformers/administration/registration'
import { CONVENTION_FIELDS, addConvention } from '#services/administration/conventions'
import { AdministrationRuleError } from '#services/administration/errors'
import { newConventionMessages, newConventionValidator } from '#validators/administration'
import { administeredPartner, redirectToTab } from '#services/administration/administered_partner'
import { fieldErrorsOf, typedValues } from '#validators/form_input'

export const CONVENTION_ADDED =
  'La convention a été ajoutée : elle est en attente de validation par l’administrateur régional de la caisse.'

/**
 * M8 « Conventions » › « Valider » (POST /administration/conventions): adds
 * a convention of the administrator's own partner, pending its caisse. A
 * refusal answers 422 with the page, what was typed kept and nothing
 * created. M6: there is no route changing an existing convention.
 */
export default class ConventionsController {
  async store(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const { request, response, inertia, session, auth } = ctx
    const refuse = async (errors: Record<string, string>) => {
      response.status(422)
      return inertia.render('administration/show', {
        ...(await registrationPageProps(partner, 'conventions', {
          convention: typedValues(ctx, CONVENTION_FIELDS),
        })),
        errors,
      })
    }

    const [invalid, input] = await newConventionValidator.tryValidate(request.all(), {
      messagesProvider: newConventionMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))

    try {
      await addConvention(partner.id, auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof AdministrationRuleError) return refuse(error.fieldErrors)
      throw error
    }
    session.flash('success', CONVENTION_ADDED)
    return redirectToTab(ctx, 'conventions')
  }
}
