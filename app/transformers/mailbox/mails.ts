import { DateTime } from 'luxon'
import type { CaughtMail } from '#services/mailbox/catcher'
import { formatParisDateTime } from '#formatting/french'

/**
 * The demo mailbox's pages (inertia/pages/mailbox/index.tsx and show.tsx):
 * what the catcher received, its receipt time in French. The HTML body
 * never leaves the server: the pages show text only, never sender-supplied
 * markup.
 */

export type MailSummary = {
  id: string
  from: string
  to: string[]
  subject: string
  /** ISO 8601, for <time dateTime> */
  date: string
  /** « 30/11/2026 à 09:41 », Paris time */
  receivedAt: string
}

export type MailboxIndexProps = { mails: MailSummary[] }

export type MailboxShowProps = {
  mail: MailSummary & { replyTo: string | null; text: string; hasHtml: boolean }
}

function summaryOf({ id, from, to, subject, date }: CaughtMail): MailSummary {
  return { id, from, to, subject, date, receivedAt: formatParisDateTime(DateTime.fromISO(date)) }
}

export function mailboxIndexProps(mails: CaughtMail[]): MailboxIndexProps {
  return { mails: mails.map(summaryOf) }
}

export function mailboxShowProps(mail: CaughtMail): MailboxShowProps {
  return {
    mail: {
      ...summaryOf(mail),
      replyTo: mail.replyTo,
      text: mail.text,
      hasHtml: mail.html !== null,
    },
  }
}
