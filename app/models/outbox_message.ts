import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { openPayload, sealPayload } from '#outbox/sealed_payload'

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

/** A rendered mail, ready to send: the worker needs nothing else */
export interface MailPayload {
  to: string
  subject: string
  text: string
  template: string
  /** Where an answer goes (the contact form's sender), if not to the portal */
  replyTo?: string
  workflowInstanceId?: number
}

/** A message to deliver after the transaction that wrote it commits */
export default class OutboxMessage extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: string

  /** Encrypted at rest (app/outbox/sealed_payload.ts) */
  @column({ prepare: sealPayload, consume: openPayload })
  declare payload: MailPayload | Record<string, unknown>

  @column()
  declare status: OutboxStatus

  @column()
  declare attempts: number

  @column.dateTime()
  declare nextAttemptAt: DateTime

  @column()
  declare lastError: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare sentAt: DateTime | null
}
