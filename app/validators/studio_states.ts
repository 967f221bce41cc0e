import vine from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { messages } from '#validators/administration'

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

export const STATE_LABELS = {
  title: 'Titre',
  id: 'Nom technique',
  final: 'État final',
  event: 'Événement',
  label: 'Libellé',
  target: 'Vers',
} as const

export const stateMessages = messages(STATE_LABELS, ['title', 'id', 'event', 'target'])
