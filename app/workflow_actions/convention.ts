import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import registry, { defineEffectAction, type EffectContext } from '#workflow/registry'
import { sqlDateTime } from '#models/columns'
import { WorkflowSubjectMissingError } from '#workflow/errors'

/**
 * Domain actions of the convention definition (workflows/convention.json),
 * FEATURES M8 and C2: the caisse's decision sets the state of the
 * convention the record is about, and an invalidation is mailed to every
 * administrator of the partner. They run in the engine's transaction, so
 * the convention row, the record's state, its history and the mails commit
 * (or roll back) together.
 */

type Routing = Pick<EffectContext<unknown>, 'instance' | 'trx'>

interface ConventionRow {
  id: number
  code: string
  partner_id: number
  caisse_name: string
  partner_name: string
}

/**
 * The convention the record is about, of the record's partner. Every
 * convention record is started for a stored convention of that partner
 * (app/services/administration/conventions.ts) and conventions are never
 * deleted, so anything else is inconsistent data: the transition rolls back.
 */
async function subjectConvention({ instance, trx }: Routing) {
  const { subjectType, subjectId, partnerId } = instance.routing
  const row: ConventionRow | undefined =
    subjectType === 'convention' && subjectId !== null
      ? await trx
          .from('conventions')
          .join('caisses', 'caisses.id', 'conventions.caisse_id')
          .join('partners', 'partners.id', 'conventions.partner_id')
          .where('conventions.id', subjectId)
          .select(
            'conventions.id',
            'conventions.code',
            'conventions.partner_id',
            'caisses.name as caisse_name',
            'partners.name as partner_name'
          )
          .first()
      : undefined
  if (!row || partnerId === null || Number(row.partner_id) !== partnerId) {
    throw new WorkflowSubjectMissingError(instance.id, subjectType, subjectId)
  }
  return row
}

/** VALIDATE / INVALIDATE: the convention reads « validé » / « invalidé » on the partner's tab */
export const setConventionState = defineEffectAction({
  description: 'Fixe l’état de la convention du dossier (validée ou invalidée)',
  params: vine.object({ state: vine.enum(['validated', 'invalidated'] as const) }),
  async run({ trx, params, instance }) {
    const convention = await subjectConvention({ trx, instance })
    await trx
      .from('conventions')
      .where('id', convention.id)
      .update({ state: params.state, updated_at: sqlDateTime(DateTime.now()) })
  },
})

/**
 * INVALIDATE: mails every administrator of the convention's partner (role
 * partner_admin, not deleted), naming the convention number ({{code}}) and
 * the caisse ({{caisse}}), with the reason ({{reason}}).
 */
export const notifyPartnerAdministrators = defineEffectAction({
  description:
    'Envoie un email (modèle des notifications) à chaque administrateur du partenaire du dossier',
  params: vine.object({ template: vine.string().minLength(1) }),
  templateParams: ['template'],
  templateVariables: {
    code: { label: 'Numéro de la convention', sample: 'CL19720812' },
    caisse: { label: 'Nom de la caisse', sample: 'CARSAT Hauts-de-France' },
    partnerName: { label: 'Nom du partenaire', sample: 'Association Ciel Bleu' },
    reason: { label: 'Motif de l’invalidation', sample: 'La convention n’est plus en vigueur.' },
    recipientFirstName: { label: 'Prénom du destinataire', sample: 'Camille' },
    recipientLastName: { label: 'Nom du destinataire', sample: 'MARTIN' },
  },
  async run({ trx, params, instance, context, event, enqueueMail }) {
    const convention = await subjectConvention({ trx, instance })
    const partnerId = Number(convention.partner_id)
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
        caisse: convention.caisse_name,
        partnerName: convention.partner_name,
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
