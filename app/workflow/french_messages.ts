import { SimpleMessagesProvider } from '@vinejs/vine'
import { FIELD_RULE_MESSAGES } from '#validators/rules/fields'

/**
 * VineJS messages in French, shared by the form compiler (users see them next
 * to each field) and the definition schema (analysts see them in the editor).
 * {{ field }} is replaced by the field's label when one is given.
 */
export const FRENCH_MESSAGES: Record<string, string> = {
  required: 'Le champ « {{ field }} » est obligatoire.',
  string: 'Le champ « {{ field }} » doit être un texte.',
  number: 'Le champ « {{ field }} » doit être un nombre.',
  boolean: 'Le champ « {{ field }} » doit être vrai ou faux.',
  object: 'Le champ « {{ field }} » doit être un objet.',
  array: 'Le champ « {{ field }} » doit être une liste.',
  record: 'Le champ « {{ field }} » doit être un objet.',
  enum: 'Le champ « {{ field }} » doit valoir l’une de ces valeurs : {{ choices }}.',
  email: 'Le champ « {{ field }} » doit être une adresse email valide.',
  regex: 'Le champ « {{ field }} » n’a pas le bon format.',
  minLength: 'Le champ « {{ field }} » doit compter au moins {{ min }} caractères.',
  maxLength: 'Le champ « {{ field }} » doit compter au plus {{ max }} caractères.',
  fixedLength: 'Le champ « {{ field }} » doit compter exactement {{ size }} caractères.',
  min: 'Le champ « {{ field }} » doit être au moins {{ min }}.',
  max: 'Le champ « {{ field }} » doit être au plus {{ max }}.',
  positive: 'Le champ « {{ field }} » doit être positif.',
  withoutDecimals: 'Le champ « {{ field }} » doit être un nombre entier.',
  accepted: 'Vous devez cocher « {{ field }} ».',
  unionOfTypes: 'Le champ « {{ field }} » n’a pas un type accepté.',
  union: 'Le champ « {{ field }} » n’a pas un type accepté.',
  in: 'La valeur choisie pour « {{ field }} » n’est pas dans la liste.',
  notIn: 'La valeur de « {{ field }} » n’est pas permise.',
  minItems: 'Le champ « {{ field }} » doit contenir au moins {{ min }} élément(s).',
  ...FIELD_RULE_MESSAGES,
  captcha:
    'Les caractères saisis ne correspondent pas à l’image : saisissez ceux de la nouvelle image.',
  referenceExists: 'La valeur choisie pour « {{ field }} » n’existe pas.',
  referenceMatchesParent:
    'La valeur choisie pour « {{ field }} » ne correspond pas au choix « {{ parent }} ».',
}

export function frenchMessages(fieldLabels: Record<string, string> = {}) {
  return new SimpleMessagesProvider(FRENCH_MESSAGES, fieldLabels)
}
