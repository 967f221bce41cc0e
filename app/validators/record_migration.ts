import vine, { SimpleMessagesProvider } from '@vinejs/vine'

/**
 * S10 « Migrer les dossiers »: the versions (de, a), the state chosen for
 * each state of the old version (etats: { oldState: newState | '' for « ils
 * restent » }), the values given to the records that lack them (valeurs),
 * and for the run the number of records typed to confirm.
 */
/** A version number in the page's address (?de=1&a=2): a text of digits */
const numberInQuery = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{1,9}$/)
    .transform(Number)

/**
 * A number in a JSON body: a number, never a text (strict: vine.number()
 * would otherwise convert an object by calling its own toString)
 */
const numberInBody = () => vine.number({ strict: true }).withoutDecimals().min(0)

const mapping = {
  etats: vine.record(vine.string().trim().maxLength(255).optional()).optional(),
  valeurs: vine.record(vine.string().trim().maxLength(255).optional()).optional(),
}

export const migrationPreviewValidator = vine.create({
  de: numberInQuery(),
  a: numberInQuery(),
  ...mapping,
})

const choices = { de: numberInBody(), a: numberInBody(), ...mapping }

/** The choices of a run, to show them again after its refusal */
export const migrationChoicesValidator = vine.create(choices)

export const migrationRunValidator = vine.create({ ...choices, confirmation: numberInBody() })

export const migrationMessages = new SimpleMessagesProvider({
  'de.required': 'Choisissez la version d’où partent les dossiers.',
  'de.string': 'Choisissez la version d’où partent les dossiers.',
  'de.regex': 'Choisissez la version d’où partent les dossiers.',
  'de.number': 'Choisissez la version d’où partent les dossiers.',
  'de.withoutDecimals': 'Choisissez la version d’où partent les dossiers.',
  'de.min': 'Choisissez la version d’où partent les dossiers.',
  'a.required': 'Choisissez la version où vont les dossiers.',
  'a.string': 'Choisissez la version où vont les dossiers.',
  'a.regex': 'Choisissez la version où vont les dossiers.',
  'a.number': 'Choisissez la version où vont les dossiers.',
  'a.withoutDecimals': 'Choisissez la version où vont les dossiers.',
  'a.min': 'Choisissez la version où vont les dossiers.',
  'etats.record': 'Choisissez un état pour chaque état de l’ancienne version.',
  'etats.*.string': 'Choisissez un état de la nouvelle version.',
  'etats.*.maxLength': 'Choisissez un état de la nouvelle version.',
  'valeurs.record': 'Les valeurs à donner sont des textes.',
  'valeurs.*.string': 'Cette valeur est un texte.',
  'valeurs.*.maxLength': 'Cette valeur compte au plus 255 caractères.',
  'confirmation.required': 'Tapez le nombre de dossiers à déplacer pour confirmer.',
  'confirmation.number': 'Tapez le nombre de dossiers à déplacer, en chiffres.',
  'confirmation.withoutDecimals': 'Tapez le nombre de dossiers à déplacer, en chiffres.',
  'confirmation.min': 'Tapez le nombre de dossiers à déplacer, en chiffres.',
})
