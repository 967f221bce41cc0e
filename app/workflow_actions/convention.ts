import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import registry, { defineEffectAction, type EffectContext } from '#workflow/registry'
import { sqlDateTime } from '#models/columns'

/**
 * Domain actions of the convention definition (workflows/convention.json),
 * FEATURES M8 and C2: the caisse's decision sets the state of the
 * convention the record is about, and an invalidation is mailed to every
 * administrator of the partner. They run in the engine's transaction, so
 * the convention row, the record's state, its history and the mails commit
 * (or roll back) together.
 *
 * A record whose subject is not a stored convention (the engine's own tests
 * drive the definition with made-up routing keys) only moves state.
 */

type Routing = Pick<EffectContext<unknown>, 'instance' | 'trx'>

async function subjectConvention({ instance, trx }: Routing) {
  const { subjectType, subjectId } = instance.routing
  if (subjectType !== 'convention' || subjectId === null) return null
  const row: { id: number; code: string; caisse_id: number; partner_id: number } | null = await trx
    .from('conventions')
    .where('id', subjectId)
    .select('id', 'code', 'caisse_id', 'partner_id')
    .first()
  return row ?? null
}

/** VALIDATE / INVALIDATE: the convention reads « validé » / « invalidé » on the partner's tab */
export const setConventionState = defineEffectAction({
  description: 'Fixe l’état de la convention du dossier (validée ou invalidée)',
  params: vine.object({ state: vine.enum(['validated', 'invalidated'] as const) }),
  async run({ trx, params, instance }) {
    const convention = await subjectConvention({ trx, instance })
    if (!convention) return
    await trx
      .from('conventions')
      .where('id', convention.id)
      .update({ state: params.state, updated_at: sqlDateTime(DateTime.now()) })
  },
})

/**
 * INVALIDATE: mails every administrator of the convention's partner (role
 * partner_admin, not deleted), naming the convention number ({{code}}) and
 * the caisse ({{caisse}}), with the reason ({{reason}}). Only for a record
 * about a stored convention of the record's partner.
 */
export const notifyPartnerAdministrators = defineEffectAction({
  description:
    'Envoie un email (modèle des notifications) à chaque administrateur du partenaire du dossier',
  params: vine.object({ template: vine.string().minLength(1) }),
  templateParams: ['template'],
  async run({ trx, params, instance, context, event, enqueueMail }) {
    const partnerId = instance.routing.partnerId
    const convention = await subjectConvention({ trx, instance })
    if (!convention || partnerId === null || Number(convention.partner_id) !== partnerId) return
    const caisse = await trx
      .from('caisses')
      .where('id', convention.caisse_id)
      .select('name')
      .first()
    const partner = await trx.from('partners').where('id', partnerId).select('name').first()
    const administrators: Array<{ email: string; first_name: string; last_name: string }> =
      await trx
        .from('users')
        .where('partner_id', partnerId)
        .where('role', 'partner_admin')
        .whereNull('deleted_at')
        .orderBy('id')
        .select('email', 'first_name', 'last_name')
    const decision = (context.decision ?? {}) as { reason?: unknown }
    for (const administrator of administrators) {
      enqueueMail(params.template, administrator.email, {
        ...context,
        ...event.payload,
        code: convention.code,
        caisse: caisse?.name ?? context.caisseName ?? '',
        partnerName: partner?.name ?? context.partnerName ?? '',
        reason: event.payload.reason ?? decision.reason ?? '',
        recipientFirstName: administrator.first_name,
        recipientLastName: administrator.last_name,
      })
    }
  },
})

registry
  .registerAction('setConventionState', setConventionState)
  .registerAction('notifyPartnerAdministrators', notifyPartnerAdministrators)
