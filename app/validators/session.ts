import vine from '@vinejs/vine'

export const signInValidator = vine.create({
  login: vine.string().trim().maxLength(50),
  password: vine.string().maxLength(128),
})
