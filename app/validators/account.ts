import vine from '@vinejs/vine'
import { fields, MAX_LENGTHS, safeString } from '#validators/rules/fields'
import { frenchMessages } from '#workflow/french_messages'

/**
 * A4 « Mot de passe oublié ? »: identifiant + email (+ captcha, checked by
 * the captcha service so that a challenge is spent whatever the fields hold).
 */
export const forgotPasswordValidator = vine.create({
  login: safeString().trim().maxLength(MAX_LENGTHS.login),
  email: fields.email(),
})

export const forgotPasswordMessages = frenchMessages({
  login: 'Identifiant',
  email: 'Adresse email',
  captcha: 'Caractères de l’image',
})
