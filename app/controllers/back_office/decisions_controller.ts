import type { HttpContext } from '@adonisjs/core/http'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowValidationError,
} from '#workflow/errors'
import { decide, decisionValidator } from '#services/back_office/decision'
import { presentItem } from '#services/back_office/item'
import { caisseActorOf } from '#services/back_office/scope'
import { loadItemInScope } from '#services/back_office/scoped_item'
import { eventCreatesPartner } from '#services/onboarding/partner'
import {
  prepareTemporaryPassword,
  withPreparedTemporaryPassword,
} from '#services/accounts/password_generator'

/**
 * C2 « Valider » / « Invalider ». A refusal is shown on the item's page:
 * 422 with the message next to the reason, 409 « Ce dossier a déjà été
 * traité. » when another administrator decided first; never a 500.
 */
export default class DecisionsController {
  async store({ params, request, response, inertia, bouncer, auth, session }: HttpContext) {
    const { definition, instance } = await loadItemInScope(params.id, bouncer, 'decide')
    const actor = await caisseActorOf(auth.getUserOrFail())
    const { event, lockVersion } = await request.validateUsing(decisionValidator)

    try {
      const decision = () =>
        decide(definition, instance, actor, { event, lockVersion, values: request.all() })
      /** R6 « Valider »: the new administrator's password is hashed before the transaction */
      const result = eventCreatesPartner(definition.body, event)
        ? await withPreparedTemporaryPassword(await prepareTemporaryPassword(), decision)
        : await decision()
      session.flash('success', result.message)
      return response.redirect().toRoute('back_office.items.show', { id: instance.id })
    } catch (error) {
      /**
       * A refused decision is shown on the item's page, with the status the
       * engine gave it; any other refusal (403, 404) is the handler's page.
       */
      const shownOnItem =
        error instanceof WorkflowValidationError ||
        error instanceof WorkflowConflictError ||
        error instanceof WorkflowEventRejectedError
      if (!shownOnItem) throw error
      response.status(error.status)
      const errors = error instanceof WorkflowValidationError ? error.fieldErrors : {}
      const alert = error.message
      /** The page as it is now: after a conflict, with the other administrator's decision */
      await instance.refresh()
      return inertia.render('back_office/items/show', {
        ...(await presentItem(definition, instance, actor)),
        errors,
        alert,
      })
    }
  }
}
