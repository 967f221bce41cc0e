import type { HttpContext } from '@adonisjs/core/http'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowValidationError,
} from '#workflow/errors'
import { decide, decisionValidator } from '#services/back_office/decision'
import { presentItem } from '#services/back_office/item'
import { caisseActorOf } from '#services/back_office/scope'
import { loadInScope } from '#controllers/back_office/items_controller'

/**
 * C2 « Valider » / « Invalider ». A refusal is shown on the item's page:
 * 422 with the message next to the reason, 409 « Ce dossier a déjà été
 * traité. » when another administrator decided first; never a 500.
 */
export default class DecisionsController {
  async store({ params, request, response, inertia, bouncer, auth, session }: HttpContext) {
    const { definition, instance } = await loadInScope(params.id, bouncer, 'decide')
    const actor = await caisseActorOf(auth.getUserOrFail())
    const { event, lockVersion } = await request.validateUsing(decisionValidator)

    try {
      const result = await decide(definition, instance, actor, {
        event,
        lockVersion,
        values: request.all(),
      })
      session.flash('success', result.message)
      return response.redirect().toRoute('back_office.items.show', { id: instance.id })
    } catch (error) {
      let errors: Record<string, string> = {}
      let alert: string
      if (error instanceof WorkflowValidationError) {
        response.status(422)
        errors = error.fieldErrors
        alert = error.message
      } else if (error instanceof WorkflowConflictError) {
        response.status(409)
        alert = error.message
      } else if (error instanceof WorkflowEventRejectedError) {
        response.status(422)
        alert = error.message
      } else {
        throw error
      }
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
