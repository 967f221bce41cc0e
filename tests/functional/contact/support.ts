import limiter from '@adonisjs/limiter/services/main'
import captchaConfig from '#config/captcha'
import { challengeContent } from '#services/captcha/captcha'
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
 * The characters a challenge's image shows, derived from its id on the
 * server (nothing is stored when a challenge is shown): what a person reads.
 */
export function captchaAnswer(id: string) {
  return challengeContent(id).characters
}

/** The same characters in the other case: wrong, since the captcha is case-sensitive */
export function otherCase(characters: string) {
  return [...characters]
    .map((character) =>
      character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase()
    )
    .join('')
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
