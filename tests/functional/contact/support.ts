import { createHmac } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import captchaConfig from '#config/captcha'
import { appKey } from '#config/app'
import {
  CAPTCHA_RENEWAL_LIMIT,
  CAPTCHA_RENEWAL_LIMITER,
} from '#controllers/captcha/captcha_controller'
import { CONTACT_RATE_LIMIT, contactRateLimitKey } from '#services/contact/contact'

/**
 * The code that passes every captcha in tests: CAPTCHA_TEST_CODE when the
 * environment sets it, else "TEST42", set for the duration of a group.
 */
export const TEST_CODE = captchaConfig.testCode ?? 'TEST42'

export function useCaptchaTestCode() {
  const previous = captchaConfig.testCode
  captchaConfig.testCode = TEST_CODE
  return () => {
    captchaConfig.testCode = previous
  }
}

/**
 * The drawn characters are never stored: a test learns them by planting a
 * known answer digest, exactly as CaptchaService.issue() writes it.
 */
export async function plantCaptchaAnswer(id: string, answer: string) {
  const digest = createHmac('sha256', appKey.release()).update(`${id}:${answer}`).digest('hex')
  await db.from('captcha_challenges').where('id', id).update({ answer_digest: digest })
}

/** Every address a local test client may come from */
const LOCAL_IPS = ['127.0.0.1', '::1', '::ffff:127.0.0.1']

/** Clears the per-IP counters of the contact form and the captcha arrow */
export async function resetContactRateLimits() {
  for (const ip of LOCAL_IPS) {
    await limiter.use(CONTACT_RATE_LIMIT).delete(contactRateLimitKey(ip))
    await limiter.use(CAPTCHA_RENEWAL_LIMIT).delete(`${CAPTCHA_RENEWAL_LIMITER}_ip_${ip}`)
  }
}
