import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OutboxMessage, { type MailPayload } from '#models/outbox_message'

/** A rendered plain-text mail: everything the outbox worker needs to send it */
export type OutboxMail = Pick<MailPayload, 'to' | 'subject' | 'text' | 'template' | 'replyTo'>

/**
 * Queues a rendered mail as an outbox row inside the caller's transaction:
 * it is delivered by the outbox worker (app/outbox/outbox_worker.ts) only if
 * the transaction commits, and rolled back with it otherwise. For code
 * outside the workflow engine (the contact form, say); the engine queues its
 * own notifications.
 *
 *   await db.transaction(async (trx) => {
 *     await Thing.create({ … }, { client: trx })
 *     await queueMail(trx, { to, subject, text, template: 'thing.created' })
 *   })
 */
export async function queueMail(
  trx: TransactionClientContract,
  mail: OutboxMail
): Promise<OutboxMessage> {
  return OutboxMessage.create(
    {
      kind: 'mail',
      payload: { ...mail },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: DateTime.utc(),
      lastError: null,
      sentAt: null,
    },
    { client: trx }
  )
}
