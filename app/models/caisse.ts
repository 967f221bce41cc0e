import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Regime from '#models/regime'
import { booleanColumn } from '#models/columns'

/** A pension fund of one régime (a CARSAT, an MSA caisse…) */
export default class Caisse extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare regimeId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @booleanColumn()
  declare active: boolean

  /** Where partners and the portal write to the caisse (S1) */
  @column()
  declare contactEmail: string | null

  @belongsTo(() => Regime)
  declare regime: BelongsTo<typeof Regime>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
