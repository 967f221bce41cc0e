import vine from '@vinejs/vine'
import { MAX_LENGTHS, fields } from '#validators/rules/fields'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import { CATALOGUE_TYPES } from '#services/studio/form_fields'
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

/**
 * S5 « Ajouter un champ » and a field's « Enregistrer »: libellé, type
 * from the catalogue, and what the catalogue lets an analyst set. The name
 * is derived from the label when left empty (app/services/studio/form_fields.ts).
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export const formFieldValidator = vine.create({
  label: fields.text(150).minLength(1),
  name: fields.text(50).regex(FIELD_NAME).optional(),
  type: vine.enum(CATALOGUE_TYPES),
  required: vine.boolean().optional(),
  help: fields.textarea(500).optional(),
  group: fields.text(100).optional(),
  maxLength: fields.id().max(MAX_LENGTHS.textarea).optional(),
  source: vine.enum(Object.keys(REFERENCE_SOURCES)).optional(),
  /** « Placer après »: the name of a field of the form; empty: at the end */
  after: fields.text(50).optional(),
  /** « Où va la valeur »: « partner.siret »…; absent: unchanged, empty: the record only */
  destinations: vine.array(fields.text(100)).maxLength(50).optional(),
})

/** « Monter », « Descendre », or « Déplacer après » a field (empty: first) */
export const fieldMoveValidator = vine.create({
  direction: vine.enum(['up', 'down'] as const).optional(),
  after: fields.text(50).optional(),
})

export const FORM_FIELD_LABELS = {
  label: 'Libellé',
  name: 'Nom technique',
  type: 'Type',
  required: 'Obligatoire',
  help: 'Aide',
  group: 'Groupe',
  maxLength: 'Longueur maximale',
  source: 'Liste de référence',
  after: 'Placer après',
  direction: 'Déplacer',
  destinations: 'Où va la valeur',
} as const

export const formFieldMessages = messages(FORM_FIELD_LABELS, ['label'], {
  'name.regex':
    'Le champ « {{ field }} » ne peut contenir que des lettres sans accent, des chiffres et « _ », sans espace, et ne commence pas par un chiffre.',
  'type.enum': 'Choisissez un type du catalogue.',
  'type.required': 'Choisissez un type du catalogue.',
  'source.enum': 'Choisissez une liste de référence.',
  'direction.enum': 'Choisissez « Monter » ou « Descendre ».',
  'destinations.array': 'Choisissez des destinations de la liste.',
})
