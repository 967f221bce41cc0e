import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import env from '#start/env'
import ContactMessage from '#models/contact_message'
import type User from '#models/user'
import { queueMail } from '#services/mail/outbox'
import { formatParisDateTime } from '#formatting/french'

/** What the sender typed, once validated */
export type ContactInput = { name: string; email: string; subject: string; message: string }

/**
 * Submissions of the contact form allowed per client IP, whatever their
 * outcome (a wrong captcha counts too: no brute force of the challenges).
 */
export const CONTACT_RATE_LIMIT = { requests: 10, duration: '15 mins', blockDuration: '15 mins' }

export function contactRateLimitKey(clientIp: string) {
  return `contact:ip:${clientIp}`
}

/**
 * P2: the footer's "contact" form. A message is stored and its mail to the
 * functional support (SUPPORT_EMAIL) queued in the same transaction; the
 * outbox worker delivers it after commit.
 */
export default class ContactService {
  /** Counts one submission; returns the seconds to wait when the IP is over its limit, else 0 */
  async throttle(clientIp: string): Promise<number> {
    try {
      await limiter.use(CONTACT_RATE_LIMIT).consume(contactRateLimitKey(clientIp))
      return 0
    } catch (error) {
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
        return Math.max(1, error.response.availableIn)
      }
      throw error
    }
  }

  async send(input: ContactInput, sender: User | null): Promise<ContactMessage> {
    const supportEmail = env.get('SUPPORT_EMAIL')
    return db.transaction(async (trx) => {
      const stored = await ContactMessage.create(
        { ...input, userId: sender?.id ?? null },
        { client: trx }
      )
      if (supportEmail) {
        await queueMail(trx, {
          to: supportEmail,
          subject: `[PPAS contact] ${input.subject}`,
          text: this.render(stored, sender),
          template: 'contact.support',
          replyTo: input.email,
        })
      } else {
        logger.error(
          { contactMessageId: stored.id },
          'SUPPORT_EMAIL is not set: contact message stored but not mailed'
        )
      }
      return stored
    })
  }

  /** The plain-text mail to the support: what was typed, as typed */
  private render(message: ContactMessage, sender: User | null) {
    const sentAt = formatParisDateTime(message.createdAt ?? DateTime.utc())
    return [
      'Bonjour,',
      '',
      'Un message a été envoyé à l’assistance fonctionnelle depuis le formulaire « contact » du Portail Partenaires Action Sociale.',
      '',
      `Nom : ${message.name}`,
      `Adresse email : ${message.email}`,
      ...(sender ? [`Compte sur le portail : ${sender.login}`] : []),
      `Date : ${sentAt} (heure de Paris)`,
      `Objet : ${message.subject}`,
      '',
      'Message :',
      message.message,
      '',
      `Pour répondre, écrivez à ${message.email}.`,
      `Référence du message : ${message.id}`,
    ].join('\n')
  }
}
