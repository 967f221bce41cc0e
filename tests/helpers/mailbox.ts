import env from '#start/env'
import { MailCatcher } from '#services/mailbox/catcher'

/**
 * The SMTP server every test run sends to: config/mail.ts points at
 * SMTP_HOST:SMTP_PORT (a free port per run, bin/test.ts), and this catcher
 * listens there for the whole run (tests/bootstrap.ts), so a test asserts on
 * the mails that really left over SMTP:
 * `await mailbox.waitFor((mail) => mail.to.includes(…))`, the newest
 * matching mail of the current test.
 */
export const mailbox = new MailCatcher({
  host: env.get('SMTP_HOST', '127.0.0.1'),
  port: env.get('SMTP_PORT', 2526),
})

export async function startMailbox() {
  await mailbox.listen()
}

export async function stopMailbox() {
  await mailbox.close()
}

/**
 * Run before each test (tests/bootstrap.ts): a test reads only the mails
 * received since it started, never one an earlier test of the file caused.
 */
export function forgetEarlierMails() {
  mailbox.clear()
}
