/*
|--------------------------------------------------------------------------
| Embedded mail catcher (demo and development only)
|--------------------------------------------------------------------------
|
| With MAIL_TRANSPORT=catcher the web server itself listens on
| SMTP_HOST:SMTP_PORT, where config/mail.ts sends every mail, so the
| one-command demo needs no mail server. Each mail is kept as JSON under
| tmp/mailbox/, which the page /boite-mails lists. Never in production:
| there mails must leave for a real SMTP relay.
|
*/
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { MailCatcher } from '#services/mailbox/catcher'

if (env.get('MAIL_TRANSPORT') === 'catcher' && !app.inProduction) {
  const catcher = new MailCatcher({
    host: env.get('SMTP_HOST', '127.0.0.1'),
    port: env.get('SMTP_PORT', 2525),
    folder: app.tmpPath('mailbox'),
  })
  await catcher.listen()
  logger.info(
    'mail catcher listening on smtp://%s:%d (mails under tmp/mailbox)',
    catcher.host,
    catcher.port
  )
  app.terminating(() => catcher.close())
}
