import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Exception } from '@adonisjs/core/exceptions'
import { readMail, readMailbox } from '#services/mailbox/catcher'
import { mailboxIndexProps, mailboxShowProps } from '#transformers/mailbox/mails'

/** Where the embedded catcher writes (start/mail_catcher.ts) */
const mailboxFolder = () => app.tmpPath('mailbox')

/**
 * The development mailbox: the mails the embedded catcher received, so a
 * demo user can read them. Routed only outside production with
 * MAIL_TRANSPORT=catcher (start/routes.ts).
 */
export default class MailboxController {
  async index({ inertia }: HttpContext) {
    const mails = await readMailbox(mailboxFolder())
    return inertia.render('mailbox/index', mailboxIndexProps(mails))
  }

  async show({ inertia, params }: HttpContext) {
    const mail = await readMail(mailboxFolder(), String(params.id))
    if (!mail) {
      throw new Exception('Ce mail n’existe pas ou plus.', {
        status: 404,
        code: 'E_MAIL_NOT_FOUND',
      })
    }
    return inertia.render('mailbox/show', mailboxShowProps(mail))
  }
}
