/*
| Routes of the contact capability (imported by start/routes.ts): the
| footer's "contact" form (P2) and the captcha arrow (R3) every captcha
| form uses.
*/
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import {
  CAPTCHA_RENEWAL_LIMIT,
  CAPTCHA_RENEWAL_LIMITER,
  CAPTCHA_RENEWAL_MESSAGE,
} from '#controllers/captcha/captcha_controller'

const ContactController = () => import('#controllers/contact/contact_controller')
const CaptchaController = () => import('#controllers/captcha/captcha_controller')

/** Per client IP; a 429 answers { errors: [{ message, retryAfter }] } to a JSON request */
const captchaRenewalThrottle = limiter.define(CAPTCHA_RENEWAL_LIMITER, () =>
  limiter
    .allowRequests(CAPTCHA_RENEWAL_LIMIT.requests)
    .every(CAPTCHA_RENEWAL_LIMIT.duration)
    .limitExceeded((error) => error.setMessage(CAPTCHA_RENEWAL_MESSAGE))
)

router.get('/contact', [ContactController, 'create']).as('contact.create')
router.post('/contact', [ContactController, 'store']).as('contact.store')
router.get('/captcha', [CaptchaController, 'show']).as('captcha.show').use(captchaRenewalThrottle)
