import { publishDefinition } from '#workflow/definition_store'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { publishedOf } from './support.js'

/** S8 set-up shared by the functional and browser specs of « Comparer » (not a spec file) */

export const KEY = 'convention'

/**
 * Version 2 of « convention », published once for the file: a state
 * « pieces_demandees » with its two transitions, one more rule for
 * VALIDATE, one more field in the form of INVALIDATE
 */
export async function secondVersion() {
  const first = await publishedOf(KEY)
  if (first.version >= 2) return first
  const body = structuredClone(first.body) as WorkflowDefinitionBody
  body.machine.states.pending.on!.REQUEST_DOCUMENTS = { target: 'pieces_demandees' }
  body.machine.states.pieces_demandees = { on: { SEND_DOCUMENTS: { target: 'pending' } } }
  body.screens.pieces_demandees = {
    page: 'workflow/status',
    title: 'Pièces complémentaires demandées',
  }
  body.events = {
    ...body.events,
    REQUEST_DOCUMENTS: { label: 'Demander des pièces' },
    SEND_DOCUMENTS: { label: 'Envoyer les pièces' },
  }
  body.permissions.REQUEST_DOCUMENTS = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.SEND_DOCUMENTS = [{ role: 'partner_admin', scope: 'instance_partner' }]
  body.permissions.VALIDATE.push({ role: 'platform_admin', scope: 'any' })
  body.forms.INVALIDATE.fields.push({
    name: 'contact',
    label: 'Personne à contacter',
    type: 'text',
  })
  const outcome = await publishDefinition(body, { author: 'analyste' })
  if (outcome.status !== 'published') throw new Error(`not published: ${outcome.status}`)
  return outcome.definition
}
