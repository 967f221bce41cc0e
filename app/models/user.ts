import { DateTime } from 'luxon'
import { BaseModel, beforeSave, belongsTo, column, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import hash from '@adonisjs/core/services/hash'
import Partner from '#models/partner'
import Caisse from '#models/caisse'
import { booleanColumn } from '#models/columns'
import { preparedHashOf } from '#services/accounts/password_generator'

export const ROLES = [
  'partner_user',
  'partner_admin',
  'caisse_admin',
  'analyst',
  'platform_admin',
] as const
export type Role = (typeof ROLES)[number]

export default class User extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare login: string

  /** Lower-cased login, unique: "Alex7" and "alex7" are the same account */
  @column()
  declare loginKey: string

  @column()
  declare lastName: string

  @column()
  declare firstName: string

  @column()
  declare phone: string | null

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @booleanColumn()
  declare mustChangePassword: boolean

  @column.dateTime()
  declare temporaryPasswordExpiresAt: DateTime | null

  /**
   * The hash of a temporary password mailed by a reset (A4), kept aside:
   * it works alongside the current password until either is used.
   */
  @column({ serializeAs: null })
  declare pendingPassword: string | null

  @column.dateTime()
  declare pendingPasswordExpiresAt: DateTime | null

  @column()
  declare role: Role

  @column()
  declare partnerId: number | null

  @column()
  declare failedSignInCount: number

  @column.dateTime()
  declare lockedUntil: DateTime | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @belongsTo(() => Partner)
  declare partner: BelongsTo<typeof Partner>

  @manyToMany(() => Caisse, { pivotTable: 'caisse_user' })
  declare caisses: ManyToMany<typeof Caisse>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  get isPartnerMember() {
    return this.role === 'partner_user' || this.role === 'partner_admin'
  }

  static loginKeyOf(login: string) {
    return login.trim().toLowerCase()
  }

  @beforeSave()
  static async normaliseAndHash(user: User) {
    if (user.$dirty.login) {
      user.loginKey = User.loginKeyOf(user.login)
    }
    if (user.$dirty.password) {
      /** A temporary password hashed before its transaction opened (password_generator.ts) */
      user.password = preparedHashOf(user.password) ?? (await hash.make(user.password))
    }
    if (user.$dirty.pendingPassword && user.pendingPassword) {
      user.pendingPassword =
        preparedHashOf(user.pendingPassword) ?? (await hash.make(user.pendingPassword))
    }
  }
}
