import type { HttpContext } from '@adonisjs/core/http'
import PartnerPolicy from '#policies/partner_policy'
import { registrationPageProps } from '#transformers/administration/registration'
import { AdministrationRuleError } from '#services/administration/errors'
import {
  createPartnerUser,
  deletePartnerUser,
  partnerUser,
  PartnerUserNotFoundError,
  updatePartnerUser,
} from '#services/administration/users'
import {
  newPartnerUserValidator,
  partnerUserMessages,
  partnerUserValidator,
} from '#validators/administration'
import UserSessions from '#services/auth/user_sessions'
import {
  NOTHING_CHANGED,
  administeredPartner,
  redirectToTab,
} from '#services/administration/administered_partner'
import { fieldErrorsOf } from '#validators/form_input'

export const USER_CREATED = (login: string) =>
  `L’utilisateur ${login} a été créé : son mot de passe temporaire lui est envoyé par email.`
export const USER_UPDATED = (login: string) =>
  `Les informations de l’utilisateur ${login} ont été modifiées.`
export const USER_DELETED = (login: string) => `L’utilisateur ${login} a été supprimé.`

/** The account named by the route, if it is one of the partner's (404 otherwise) */
async function managedUser(ctx: HttpContext, partnerId: number) {
  const target = await partnerUser(partnerId, Number(ctx.params.id))
  if (await ctx.bouncer.with(PartnerPolicy).denies('manageUser', target)) {
    throw new PartnerUserNotFoundError()
  }
  return target
}

/**
 * M2–M5 « Utilisateurs »: create (POST /administration/utilisateurs),
 * change (PUT …/:id), delete (DELETE …/:id) an account of the signed-in
 * administrator's own partner. An id of another partner's account is a 404
 * and changes nothing. A refusal answers 422 with the page on the tab and
 * a French message next to the field; the form keeps what was typed.
 */
export default class UsersController {
  async store(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const [invalid, input] = await newPartnerUserValidator.tryValidate(ctx.request.all(), {
      messagesProvider: partnerUserMessages,
    })
    if (invalid) return this.refuse(ctx, fieldErrorsOf(invalid))
    try {
      const user = await createPartnerUser(partner.id, ctx.auth.getUserOrFail(), input)
      ctx.session.flash('success', USER_CREATED(user.login))
    } catch (error) {
      if (error instanceof AdministrationRuleError) return this.refuse(ctx, error.fieldErrors)
      throw error
    }
    return redirectToTab(ctx, 'utilisateurs')
  }

  async update(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    /** Another partner's account: 404 before anything is read from the body */
    const target = await managedUser(ctx, partner.id)

    const [invalid, input] = await partnerUserValidator.tryValidate(ctx.request.all(), {
      messagesProvider: partnerUserMessages,
    })
    if (invalid) return this.refuse(ctx, fieldErrorsOf(invalid))
    try {
      const { changes, status } = await updatePartnerUser(
        partner.id,
        ctx.auth.getUserOrFail(),
        target.id,
        input
      )
      const changed = Object.keys(changes).length > 0 || status !== null
      ctx.session.flash('success', changed ? USER_UPDATED(target.login) : NOTHING_CHANGED)
    } catch (error) {
      if (error instanceof AdministrationRuleError) return this.refuse(ctx, error.fieldErrors)
      throw error
    }
    return redirectToTab(ctx, 'utilisateurs')
  }

  async destroy(ctx: HttpContext) {
    const partner = await administeredPartner(ctx)
    const target = await managedUser(ctx, partner.id)
    try {
      await deletePartnerUser(partner.id, ctx.auth.getUserOrFail(), target.id)
    } catch (error) {
      if (error instanceof AdministrationRuleError) return this.refuse(ctx, error.fieldErrors)
      throw error
    }
    /** Its sessions end now, not at their next request */
    await new UserSessions().endAll(target)
    ctx.session.flash('success', USER_DELETED(target.login))
    return redirectToTab(ctx, 'utilisateurs')
  }

  private async refuse(ctx: HttpContext, errors: Record<string, string>) {
    const partner = await administeredPartner(ctx)
    ctx.response.status(422)
    return ctx.inertia.render('administration/show', {
      ...(await registrationPageProps(partner, 'utilisateurs')),
      errors,
    })
  }
}
