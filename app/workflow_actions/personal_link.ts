import vine from '@vinejs/vine'
import registry, { dataPath, defineEffectAction, mailAddressAt } from '#workflow/registry'
import { formatParisMoment } from '#formatting/french'
import {
  DEFAULT_LINK_DAYS,
  issuePersonalLink,
  MAX_LINK_DAYS,
} from '#services/workflow/personal_links'

/**
 * S4 « the applicant of a record can come back to it »: a mail of the
 * definition, sent to an address of the record, with the applicant's
 * personal link ({{lienPersonnel}}) to the record's current screen. With
 * it an analyst can add a state such as « Pièces complémentaires
 * demandées » whose events a visitor sends, without code: the link is
 * issued in the transition's transaction, so it exists only if the
 * transition does. app/services/workflow/personal_links.ts
 */
export const sendPersonalLink = defineEffectAction({
  description:
    'Envoie un email (modèle des notifications) contenant le lien personnel du demandeur vers son dossier, valable quelques jours, sans compte',
  params: vine.object({
    template: vine.string().minLength(1),
    to: dataPath(),
    days: vine.number().withoutDecimals().min(1).max(MAX_LINK_DAYS).optional(),
  }),
  templateParams: ['template'],
  valuePathParams: ['to'],
  templateVariables: {
    lienPersonnel: {
      label: 'Lien personnel du demandeur vers son dossier',
      sample: 'https://portail.example.fr/suivi/exemple-de-lien-personnel',
    },
    lienValableJusquau: {
      label: 'Fin de validité du lien personnel',
      sample: '9 décembre 2026 à 18 h 00 (heure de Paris)',
    },
  },
  async run(effect) {
    const to = mailAddressAt(effect.params.to, effect)
    const link = await issuePersonalLink(
      effect.trx,
      effect.instance.id,
      effect.params.days ?? DEFAULT_LINK_DAYS
    )
    effect.enqueueMail(effect.params.template, to, {
      ...effect.context,
      ...effect.event.payload,
      lienPersonnel: link.url,
      lienValableJusquau: formatParisMoment(link.expiresAt),
    })
  },
})

registry.registerAction('sendPersonalLink', sendPersonalLink)
