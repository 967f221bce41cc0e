import vine from '@vinejs/vine'
import { MAX_LENGTHS, safeString } from '#validators/rules/fields'

export const signInValidator = vine.create({
  login: safeString().trim().maxLength(MAX_LENGTHS.login),
  password: vine.string().maxLength(MAX_LENGTHS.password),
})
