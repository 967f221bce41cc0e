import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlDateTime } from '#models/columns'
import { retriedTransaction } from '#database/transactions'
import type { Mailer } from '@adonisjs/mail'
import type { MailTransportContract } from '@adonisjs/mail/types'
import type { MailPayload } from '#models/outbox_message'
import { DELIVERED_BODY, openPayload, sealPayload } from '#outbox/sealed_payload'

export type OutboxWorkerOptions = {
  /** Messages claimed per round */
  batchSize?: number
  /** Attempts before a message is marked failed, its last error kept */
  maxAttempts?: number
  /** First retry delay; doubled at each attempt, capped at maxDelaySeconds */
  baseDelaySeconds?: number
  maxDelaySeconds?: number
  /**
   * How long a claimed message stays reserved. A worker that dies while
   * sending leaves it "sending"; another worker takes it back after this.
   */
  leaseSeconds?: number
}

type ClaimedMessage = { id: number; kind: string; payload: string | MailPayload; attempts: number }

const TABLE = 'outbox_messages'

/**
 * Delivers the transactional outbox: rows written in the same transaction
 * as the change that caused them, sent after commit. Several workers may run
 * at once (on several machines): a row is claimed by exactly one of them,
 * with FOR UPDATE SKIP LOCKED on MySQL and a conditional update on SQLite,
 * whose single writer serialises the claims. Each mail carries a Message-ID
 * derived from its row, so a receiving server can drop a resend.
 */
export default class OutboxWorker {
  readonly #mailer: Mailer<MailTransportContract>
  readonly #options: Required<OutboxWorkerOptions>
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined

  constructor(mailer: Mailer<MailTransportContract>, options: OutboxWorkerOptions = {}) {
    this.#mailer = mailer
    this.#options = {
      batchSize: 20,
      maxAttempts: 5,
      baseDelaySeconds: 30,
      maxDelaySeconds: 3600,
      leaseSeconds: 300,
      ...options,
    }
  }

  /** Delivers every message due now; returns how many were handled */
  async drain(): Promise<number> {
    let handled = 0
    for (;;) {
      const batch = await this.claim()
      if (batch.length === 0) return handled
      for (const message of batch) await this.deliver(message)
      handled += batch.length
    }
  }

  /** Polls the outbox until stop() */
  start(intervalMs = 1000) {
    const tick = async () => {
      this.#running = this.drain()
      await this.#running.catch(() => 0)
      this.#running = undefined
      if (this.#timer !== undefined) this.#timer = setTimeout(tick, intervalMs)
    }
    this.#timer = setTimeout(tick, 0)
  }

  async stop() {
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#running?.catch(() => 0)
  }

  /**
   * Reserves due messages: pending ones whose time has come, and "sending"
   * ones whose lease ran out. The reservation moves next_attempt_at forward
   * by the lease, so no other worker sees them meanwhile.
   */
  private async claim(): Promise<ClaimedMessage[]> {
    const now = DateTime.utc()
    const leaseEnd = sqlDateTime(now.plus({ seconds: this.#options.leaseSeconds }))
    const due = (query: any) =>
      query
        .from(TABLE)
        .whereIn('status', ['pending', 'sending'])
        .where('next_attempt_at', '<=', sqlDateTime(now))
        .orderBy('id')
        .limit(this.#options.batchSize)
        .select('id', 'kind', 'payload', 'attempts')

    if (db.connection().dialect.name === 'mysql') {
      /**
       * On a Galera cluster SKIP LOCKED sees only its own node's locks: two
       * workers on two nodes may claim one row, and the second commit fails
       * certification. That claim is dropped whole (rolled back, never
       * delivered) and taken again, without the rows the winner now holds.
       */
      return retriedTransaction(async (trx) => {
        const rows: ClaimedMessage[] = await due(trx).forUpdate().skipLocked()
        if (rows.length) {
          await trx
            .from(TABLE)
            .whereIn(
              'id',
              rows.map((row) => row.id)
            )
            .update({
              status: 'sending',
              next_attempt_at: leaseEnd,
              attempts: db.raw('attempts + 1'),
            })
        }
        return rows.map((row) => ({ ...row, attempts: row.attempts + 1 }))
      })
    }

    const candidates: ClaimedMessage[] = await due(db)
    const claimed: ClaimedMessage[] = []
    for (const row of candidates) {
      const won = await db
        .from(TABLE)
        .where('id', row.id)
        .where('attempts', row.attempts)
        .whereIn('status', ['pending', 'sending'])
        .update({ status: 'sending', next_attempt_at: leaseEnd, attempts: row.attempts + 1 })
      if (Number(Array.isArray(won) ? won[0] : won) === 1)
        claimed.push({ ...row, attempts: row.attempts + 1 })
    }
    return claimed
  }

  private async deliver(message: ClaimedMessage) {
    let payload: MailPayload
    try {
      if (message.kind !== 'mail') throw new Error(`Unknown outbox message kind "${message.kind}"`)
      payload = openPayload(message.payload)
      await this.#mailer.send((mail) => {
        mail.to(payload.to).subject(payload.subject).text(payload.text)
        if (payload.replyTo) mail.replyTo(payload.replyTo)
        mail.messageId(`<outbox-${message.id}@ppas>`)
      })
    } catch (error) {
      const lastError = error instanceof Error ? error.message : String(error)
      const exhausted = message.attempts >= this.#options.maxAttempts
      const delay = Math.min(
        this.#options.baseDelaySeconds * 2 ** (message.attempts - 1),
        this.#options.maxDelaySeconds
      )
      await db
        .from(TABLE)
        .where('id', message.id)
        .update({
          status: exhausted ? 'failed' : 'pending',
          last_error: lastError.slice(0, 2000),
          next_attempt_at: sqlDateTime(DateTime.utc().plus({ seconds: delay })),
        })
      return
    }
    await this.#markSent(message.id, payload)
  }

  /**
   * The mail is gone: a failure to say so is never taken for a failed send
   * (it would be sent again at once). The update is tried a few times (on a
   * cluster, the pool's next connection goes to the next node); if it never
   * lands, the row stays "sending" and is sent again when its lease ends,
   * with the same Message-ID.
   */
  async #markSent(id: number, payload: MailPayload) {
    for (let attempt = 1; ; attempt++) {
      try {
        await db
          .from(TABLE)
          .where('id', id)
          .update({
            status: 'sent',
            sent_at: sqlDateTime(DateTime.utc()),
            last_error: null,
            payload: sealPayload({ ...payload, text: DELIVERED_BODY }),
          })
        return
      } catch (error) {
        if (attempt >= 3) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  }
}
