import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The postal address of a partner; the raison sociale is fixed at registration */
export default class PartnerAddress extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare partnerId: number

  @column()
  declare companyName: string

  @column()
  declare recipient: string | null

  @column()
  declare street: string | null

  @column()
  declare complement: string | null

  @column()
  declare poBox: string | null

  @column()
  declare postalCode: string

  @column()
  declare city: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
