import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import CaptchaService from '#services/captcha/captcha'
import ContactService from '#services/contact/contact'
import { contactMessages, contactValidator } from '#validators/contact'
import {
  contactFormValues,
  contactPageProps,
  type ContactValues,
} from '#transformers/contact/create'

export const CONTACT_SENT = 'Votre message a bien été envoyé à l’assistance fonctionnelle.'
/** Same wording as the other captcha forms: a new image is shown after a refusal (R4) */

const TEXT_FIELDS = ['name', 'email', 'subject', 'message'] as const

/**
 * P2: "Contacter l’assistance fonctionnelle", the footer's "contact" form.
 * A refused submission answers 422 with the page again: a message next to
 * each field, what was typed kept, and a new captcha (R4).
 */
@inject()
export default class ContactController {
  constructor(
    private contacts: ContactService,
    private captchas: CaptchaService
  ) {}

  async create({ inertia, auth }: HttpContext) {
    await auth.check()
    const user = auth.user
    return inertia.render(
      'contact/create',
      contactPageProps(await this.captchas.issue(), contactFormValues(user ?? null))
    )
  }

  async store({ request, response, inertia, auth, session }: HttpContext) {
    await auth.check()
    const typed = Object.fromEntries(
      TEXT_FIELDS.map((field) => {
        const value = request.input(field)
        return [field, typeof value === 'string' ? value : '']
      })
    ) as ContactValues
    const again = async (errors: Record<string, string>) =>
      inertia.render('contact/create', contactPageProps(await this.captchas.issue(), typed, errors))

    const wait = await this.contacts.throttle(request.ip())
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60)
      response.header('Retry-After', String(wait))
      response.status(429)
      return again({
        form: `Trop de messages envoyés depuis votre connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      })
    }

    const [invalid, input] = await contactValidator.tryValidate(request.all(), {
      messagesProvider: contactMessages,
    })
    const errors = await this.captchas.formErrors(request.only(['captchaId', 'captcha']), invalid)
    if (errors || !input) {
      response.status(422)
      return again(errors ?? {})
    }

    await this.contacts.send(input, auth.user ?? null)
    session.flash('success', CONTACT_SENT)
    return response.redirect().toPath('/contact')
  }
}
