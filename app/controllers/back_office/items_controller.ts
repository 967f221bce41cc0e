import type { HttpContext } from '@adonisjs/core/http'
import WorkflowInstancePolicy from '#policies/workflow_instance_policy'
import { WorkflowForbiddenError } from '#workflow/errors'
import { loadItemInScope } from '#services/back_office/scoped_item'
import { listPending } from '#services/back_office/queue'
import { caisseActorOf, caisseIdsOf } from '#services/back_office/scope'
import { presentItem } from '#services/back_office/item'

/**
 * C1–C2 « Dossiers à traiter »: a caisse administrator's queue and the page
 * of one item. Scope is checked on the server by WorkflowInstancePolicy: a
 * record of another caisse is refused (403) whatever id is typed.
 */
export default class ItemsController {
  /** C1: pending items of the user's caisses, oldest first, 20 a page (?apres= / ?avant= a row) */
  async index({ request, inertia, bouncer, auth }: HttpContext) {
    if (await bouncer.with(WorkflowInstancePolicy).denies('viewQueue')) {
      throw new WorkflowForbiddenError('Cette page est réservée aux administrateurs de caisse.')
    }
    const kind = request.input('type')
    const search = request.input('recherche')
    const queue = await listPending(await caisseIdsOf(auth.getUserOrFail()), {
      after: request.input('apres'),
      before: request.input('avant'),
      kind: typeof kind === 'string' && kind ? kind : null,
      search: typeof search === 'string' ? search : null,
    })
    return inertia.render('back_office/items/index', queue)
  }

  /** C2: what was submitted, the history and the decisions */
  async show({ params, inertia, bouncer, auth }: HttpContext) {
    const { definition, instance } = await loadItemInScope(params.id, bouncer, 'view')
    const actor = await caisseActorOf(auth.getUserOrFail())
    return inertia.render('back_office/items/show', {
      ...(await presentItem(definition, instance, actor)),
      alert: null,
    })
  }
}
