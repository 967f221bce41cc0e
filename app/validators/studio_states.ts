import vine from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { messages } from '#validators/administration'
import { EVENT_TONES } from '#workflow/types'

/**
 * S4 the outline of states and transitions: « Ajouter un état » (titre,
 * nom technique, final), an état renamed, « Ajouter une transition »
 * (événement, libellé, vers). The formats of the names are the service's
 * (app/services/studio/states.ts), which says what is wrong in French.
 */
export const newStateValidator = vine.create({
  title: fields.text(150).minLength(1),
  id: fields.text(60).optional(),
  final: vine.boolean().optional(),
})

export const stateRenameValidator = vine.create({
  id: fields.text(60).minLength(1),
})

export const newTransitionValidator = vine.create({
  event: fields.text(60).minLength(1),
  label: fields.text(150).optional(),
  target: fields.text(60).minLength(1),
})

/** « Renommer la transition »: the event's new « Libellé » and how its button looks */
export const eventLabelValidator = vine.create({
  label: fields.text(150).minLength(1),
  tone: vine.enum(EVENT_TONES).optional(),
})

export const STATE_LABELS = {
  title: 'Titre',
  id: 'Nom technique',
  final: 'État final',
  event: 'Événement',
  label: 'Libellé',
  target: 'Vers',
  tone: 'Apparence du bouton',
} as const

export const stateMessages = messages(STATE_LABELS, ['title', 'id', 'event', 'label', 'target'], {
  'tone.enum': 'Choisissez « Neutre », « Accepter » ou « Refuser ».',
})

/**
 * S4 a guard or an action of a transition: its name in the registry's
 * catalogue and its params as the form typed them. What the params must
 * be is the entry's own VineJS schema, which the service applies
 * (app/services/studio/states.ts checkedRule).
 */
export const transitionRuleValidator = vine.create({
  type: fields.text(100).minLength(1),
  params: vine.record(vine.any().nullable().optional()).optional(),
})

export const transitionRuleMessages = messages({ type: 'Nom' }, [], {
  'type.required': 'Choisissez dans la liste.',
  'type.minLength': 'Choisissez dans la liste.',
  'params.record': 'Les paramètres n’ont pas la forme d’un formulaire.',
})
