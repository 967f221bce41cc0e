import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Exception } from '@adonisjs/core/exceptions'
import { readMail, readMailbox } from '#services/mailbox/catcher'

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
    return inertia.render('mailbox/index', {
      mails: mails.map(({ id, from, to, subject, date }) => ({ id, from, to, subject, date })),
    })
  }

  async show({ inertia, params }: HttpContext) {
    const mail = await readMail(mailboxFolder(), String(params.id))
    if (!mail) {
      throw new Exception('Ce mail n’existe pas ou plus.', {
        status: 404,
        code: 'E_MAIL_NOT_FOUND',
      })
    }
    /** The HTML body stays out: the page shows text only, never sender-supplied markup */
    const { html, ...shown } = mail
    return inertia.render('mailbox/show', { mail: { ...shown, hasHtml: html !== null } })
  }
}
