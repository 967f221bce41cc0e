import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'

/**
 * Every mail leaves over SMTP. With MAIL_TRANSPORT=catcher (the embedded
 * demo) the app itself listens on SMTP_HOST:SMTP_PORT and keeps the mails
 * for the development mailbox page instead of relaying them.
 */
const smtpUser = env.get('SMTP_USERNAME')

const mailConfig = defineConfig({
  default: 'smtp',
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@ppas.localhost'),
    name: env.get('MAIL_FROM_NAME', 'Portail Partenaires Action Sociale'),
  },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 2525),
      secure: env.get('SMTP_SECURE', false),
      ...(smtpUser
        ? { auth: { type: 'login' as const, user: smtpUser, pass: env.get('SMTP_PASSWORD', '') } }
        : {}),
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
