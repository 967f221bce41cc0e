import mail from '@adonisjs/mail/services/main'
import limiter from '@adonisjs/limiter/services/main'
import OutboxWorker from '#outbox/outbox_worker'
import User from '#models/user'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { mailbox } from '#tests/helpers/mailbox'
import captchaConfig from '#config/captcha'

/** Shared set-up of the accounts functional tests (not a spec file) */

export const accounts = new AccountLifecycleService()

/** Delivers the outbox over SMTP, as the worker does */
export async function deliverOutbox() {
  return new OutboxWorker(mail.use()).drain()
}

/** The temporary password a mail gives, read as the user reads it */
export function temporaryPasswordIn(text: string): string {
  const match = /mot de passe temporaire : ([A-Za-z0-9]+)/.exec(text)
  if (!match) throw new Error(`No temporary password in:\n${text}`)
  return match[1]
}

/** Delivers the outbox and waits for the mail to `email`; returns it with its password */
export async function receiveTemporaryPassword(email: string) {
  await deliverOutbox()
  const received = await mailbox.waitFor((caught) => caught.to.includes(email))
  return { mail: received, password: temporaryPasswordIn(received.text) }
}

/** The state of the account's lifecycle record */
export async function stateOf(user: User) {
  const instance = await accounts.instanceOf(user)
  return instance?.state
}

/** An active account with its own password and its lifecycle record */
export async function activeUser(login: string, password = 'Secret2026') {
  const user = await User.create({
    login,
    lastName: 'TEST',
    firstName: 'Test',
    email: `${login.toLowerCase()}@example.fr`,
    password,
    role: 'partner_user',
  })
  await accounts.startActive(user)
  return user
}

/** An invited account: its temporary password is in the outbox */
export async function invitedUser(login: string) {
  return accounts.createWithTemporaryPassword({
    login,
    lastName: 'INVITE',
    firstName: 'Test',
    email: `${login.toLowerCase()}@example.fr`,
    role: 'partner_user',
  })
}

/** Forgets every limiter counter (sign-in, lockout, forgot-password): tests all come from one IP */
export async function clearLimiters() {
  await limiter.use({ requests: 1, duration: '1 min' }).clear()
}

/** The code that passes every captcha in tests (CAPTCHA_TEST_CODE, else "TEST42") */
export const CAPTCHA_CODE = captchaConfig.testCode ?? process.env.CAPTCHA_TEST_CODE ?? 'TEST42'

/**
 * Lets CAPTCHA_CODE pass the captcha for a group (`group.setup(useCaptchaCode)`):
 * .env.test leaves the bypass off, the captcha tests check it.
 */
export function useCaptchaCode() {
  const previous = captchaConfig.testCode
  captchaConfig.testCode = CAPTCHA_CODE
  return () => {
    captchaConfig.testCode = previous
  }
}
