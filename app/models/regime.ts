import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Caisse from '#models/caisse'
import { booleanColumn } from '#models/columns'

/** A retirement scheme ("régime"): CNAV, MSA, SSI… */
export default class Regime extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @booleanColumn()
  declare active: boolean

  @hasMany(() => Caisse)
  declare caisses: HasMany<typeof Caisse>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
