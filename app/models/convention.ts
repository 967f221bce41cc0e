import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Caisse from '#models/caisse'
import ConventionType from '#models/convention_type'

export const CONVENTION_STATES = ['pending', 'validated', 'invalidated'] as const
export type ConventionState = (typeof CONVENTION_STATES)[number]

/** A convention between a partner and a caisse, identified by the caisse's code */
export default class Convention extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare partnerId: number

  @column()
  declare caisseId: number

  @column()
  declare conventionTypeId: number | null

  @column()
  declare code: string

  @column()
  declare state: ConventionState

  @belongsTo(() => Caisse)
  declare caisse: BelongsTo<typeof Caisse>

  @belongsTo(() => ConventionType)
  declare conventionType: BelongsTo<typeof ConventionType>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
