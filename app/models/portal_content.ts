import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const PORTAL_CONTENT_KINDS = ['actualite', 'texte_reference', 'bareme'] as const
export type PortalContentKind = (typeof PORTAL_CONTENT_KINDS)[number]

/** An item the public home page publishes (P1) */
export default class PortalContent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: PortalContentKind

  @column()
  declare title: string

  @column()
  declare summary: string

  @column()
  declare link: string | null

  @column.date()
  declare publishedOn: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
