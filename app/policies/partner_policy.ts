import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Partner from '#models/partner'
import type User from '#models/user'

/**
 * M9 « Administration » › « Modification inscription »: only the
 * administrators of a partner (role partner_admin) reach it, and only for
 * their own partner. Partner users who are not administrators, caisse
 * administrators and analysts are refused (403); guests never get here
 * (no @allowGuest: the auth middleware sends them to sign in first).
 */
export default class PartnerPolicy extends BasePolicy {
  /** The « Administration » service itself (menu entry and every route) */
  administerOwnPartner(user: User): AuthorizerResponse {
    return user.role === 'partner_admin' && user.partnerId !== null && user.deletedAt === null
  }

  /** Reading or changing this partner's data, users, address and conventions */
  administer(user: User, partner: Partner): AuthorizerResponse {
    return this.administerOwnPartner(user) === true && Number(user.partnerId) === partner.id
  }
}
