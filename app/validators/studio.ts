import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { FRENCH_MESSAGES } from '#workflow/french_messages'
import {
  REFERENCE_FIELD_LABELS,
  REFERENCE_LABEL_MAX_LENGTH,
  type ReferenceList,
} from '#services/studio/reference_lists'

/**
 * S1 « Référentiels »: the forms « Ajouter » and « Enregistrer » of a
 * list. A code is letters without accent, digits, « - » and « _ » (it is
 * stored in capitals); a label is required text. The bounds are the
 * columns' (migrations 0001 and 0070).
 */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

const label = () => fields.text(REFERENCE_LABEL_MAX_LENGTH).minLength(1)
const contactEmail = () => fields.email().optional()

export function newReferenceRowValidator(list: ReferenceList) {
  return vine.create({
    code: fields.text(list.codeMaxLength).minLength(1).regex(CODE_PATTERN),
    label: label(),
    /** Read for the lists in a régime only (ReferenceList.inRegime), where it is required */
    regimeId: vine.number().withoutDecimals().positive().optional(),
    contactEmail: contactEmail(),
  })
}

export const referenceRowChangeValidator = vine.create({
  label: label(),
  contactEmail: contactEmail(),
})

export const referenceRowMessages = new SimpleMessagesProvider(
  {
    ...FRENCH_MESSAGES,
    'code.minLength': FRENCH_MESSAGES.required,
    'label.minLength': FRENCH_MESSAGES.required,
    'code.regex':
      'Le champ « {{ field }} » ne peut contenir que des lettres sans accent, des chiffres, « - » et « _ ».',
    ...Object.fromEntries(
      ['required', 'number', 'withoutDecimals', 'positive'].map((rule) => [
        `regimeId.${rule}`,
        'Choisissez un régime actif de la liste.',
      ])
    ),
  },
  REFERENCE_FIELD_LABELS
)
