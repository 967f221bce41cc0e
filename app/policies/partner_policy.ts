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

  /**
   * M3–M5: opening, changing or deleting an account of the partner: an
   * administrator of the account's own partner, and only while the account
   * exists. Another partner's account is "not found" for them (404).
   */
  manageUser(user: User, target: User): AuthorizerResponse {
    return (
      this.administerOwnPartner(user) === true &&
      target.partnerId !== null &&
      Number(target.partnerId) === Number(user.partnerId) &&
      target.deletedAt === null
    )
  }

  /** M4: granting or removing « Administrateur », never on oneself */
  changeAdministratorStatus(user: User, target: User): AuthorizerResponse {
    return this.manageUser(user, target) === true && target.id !== user.id
  }
}
