import vine from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { accountFields, messages, newLogin } from '#validators/administration'
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
    regimeId: fields.id().optional(),
    contactEmail: contactEmail(),
  })
}

export const referenceRowChangeValidator = vine.create({
  label: label(),
  contactEmail: contactEmail(),
})

/** One message for every way a list choice can be wrong */
const choiceMessages = (field: string, message: string) =>
  Object.fromEntries(
    ['required', 'number', 'withoutDecimals', 'positive'].map((rule) => [
      `${field}.${rule}`,
      message,
    ])
  )

export const referenceRowMessages = messages(REFERENCE_FIELD_LABELS, ['code', 'label'], {
  'code.regex':
    'Le champ « {{ field }} » ne peut contenir que des lettres sans accent, des chiffres, « - » et « _ ».',
  ...choiceMessages('regimeId', 'Choisissez un régime actif de la liste.'),
})

/**
 * S1 a caisse's administrators: « Rattacher » an existing caisse
 * administrator, or « Créer » one (who gets a temporary password by mail).
 */
export const caisseAdministratorChoiceValidator = vine.create({
  userId: fields.id(),
})

export const newCaisseAdministratorValidator = vine.create({
  ...accountFields,
  login: newLogin(),
})

export const CAISSE_ADMINISTRATOR_LABELS = {
  userId: 'Administrateur à rattacher',
  lastName: 'Nom',
  firstName: 'Prénom',
  phone: 'Téléphone',
  email: 'Email',
  login: 'Login',
} as const

export const caisseAdministratorMessages = messages(
  CAISSE_ADMINISTRATOR_LABELS,
  ['lastName', 'firstName'],
  choiceMessages('userId', 'Choisissez un administrateur caisse de la liste.')
)
