import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/columns'

/** One line of an instance's history (append-only audit) */
export default class WorkflowTransition extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare instanceId: number

  @column()
  declare seq: number

  @column()
  declare event: string

  @column()
  declare actorId: number | null

  @column()
  declare actorRole: string

  @column()
  declare fromState: string | null

  @column()
  declare toState: string

  /** The event's payload without its secret fields */
  @jsonColumn()
  declare payload: Record<string, unknown>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
