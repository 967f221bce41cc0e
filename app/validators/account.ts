import vine from '@vinejs/vine'
import { frenchMessages } from '#workflow/french_messages'

/**
 * A4 « Mot de passe oublié ? »: identifiant + email (+ captcha, checked by
 * the captcha service so that a challenge is spent whatever the fields hold).
 */
export const forgotPasswordValidator = vine.create({
  login: vine.string().trim().maxLength(50),
  email: vine.string().trim().maxLength(254).email(),
})

export const forgotPasswordMessages = frenchMessages({
  login: 'Identifiant',
  email: 'Adresse email',
  captcha: 'Caractères de l’image',
})
