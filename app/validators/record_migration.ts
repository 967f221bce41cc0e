import vine, { SimpleMessagesProvider } from '@vinejs/vine'

/**
 * S10 « Migrer les dossiers »: the versions (de, a), the state chosen for
 * each state of the old version (etats: { oldState: newState | '' for « ils
 * restent » }), the values given to the records that lack them (valeurs),
 * and for the run the number of records typed to confirm.
 */
const choices = {
  de: vine.number().withoutDecimals().positive(),
  a: vine.number().withoutDecimals().positive(),
  etats: vine.record(vine.string().trim().maxLength(255).optional()).optional(),
  valeurs: vine.record(vine.string().trim().maxLength(255).optional()).optional(),
}

export const migrationPreviewValidator = vine.create(choices)

export const migrationRunValidator = vine.create({
  ...choices,
  confirmation: vine.number().withoutDecimals().min(0),
})

export const migrationMessages = new SimpleMessagesProvider({
  'de.required': 'Choisissez la version d’où partent les dossiers.',
  'de.number': 'Choisissez la version d’où partent les dossiers.',
  'de.withoutDecimals': 'Choisissez la version d’où partent les dossiers.',
  'de.positive': 'Choisissez la version d’où partent les dossiers.',
  'a.required': 'Choisissez la version où vont les dossiers.',
  'a.number': 'Choisissez la version où vont les dossiers.',
  'a.withoutDecimals': 'Choisissez la version où vont les dossiers.',
  'a.positive': 'Choisissez la version où vont les dossiers.',
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
