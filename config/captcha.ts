import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * CAPTCHA_TEST_CODE lets automated tests pass the captcha. It must never
 * reach production: the app refuses to start there with it set.
 */
const testCode = env.get('CAPTCHA_TEST_CODE')
if (testCode && app.inProduction) {
  throw new Error('CAPTCHA_TEST_CODE is set: refusing to start in production with a captcha bypass')
}

export default {
  /** Characters shown; no look-alikes (0/O, 1/l/I, 5/S, 2/Z) */
  alphabet: 'ABCDEFGHJKMNPQRTUVWXYabcdefghjkmnpqrtuvwxy346789',
  length: 6,
  /** A challenge left unanswered this long is refused */
  ttlSeconds: 10 * 60,
  testCode: app.inProduction ? undefined : testCode,
}
