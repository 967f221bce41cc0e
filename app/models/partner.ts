import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, HasOne } from '@adonisjs/lucid/types/relations'
import PartnerType from '#models/partner_type'
import PartnerAddress from '#models/partner_address'
import Convention from '#models/convention'
import User from '#models/user'

/** A structure conventioned with one or more caisses */
export default class Partner extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare siret: string | null

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column()
  declare partnerTypeId: number

  @belongsTo(() => PartnerType)
  declare partnerType: BelongsTo<typeof PartnerType>

  @hasOne(() => PartnerAddress)
  declare address: HasOne<typeof PartnerAddress>

  @hasMany(() => Convention)
  declare conventions: HasMany<typeof Convention>

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
