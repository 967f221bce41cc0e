import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import CaptchaService from '#services/captcha/captcha'

/** Requests of new captcha characters (the arrow) allowed per client IP */
export const CAPTCHA_RENEWAL_LIMIT = { requests: 30, duration: '1 minute' }
export const CAPTCHA_RENEWAL_LIMITER = 'captcha'
export const CAPTCHA_RENEWAL_MESSAGE =
  'Trop de demandes de nouveaux caractères. Patientez une minute avant de réessayer.'

/**
 * R3: the captcha arrow. GET /captcha answers a new challenge in JSON
 * ({ id, image, question }); rate-limited per IP (start/routes/contact.ts).
 */
@inject()
export default class CaptchaController {
  constructor(private captchas: CaptchaService) {}

  async show({ response }: HttpContext) {
    response.header('Cache-Control', 'no-store')
    return this.captchas.issue()
  }
}
