import factory from '@adonisjs/lucid/factories'
import User from '#models/user'
import { PartnerFactory } from '#database/factories/partner_factory'

export const FACTORY_PASSWORD = 'Secret2026'

/**
 * Users of every role: a partner user by default; the states give the
 * other roles. Logins are unique letters and digits, as the rules demand.
 */
export const UserFactory = factory
  .define(User, async ({ faker }) => {
    return {
      login: `u${faker.string.alphanumeric(10)}`,
      lastName: faker.person.lastName().toUpperCase(),
      firstName: faker.person.firstName(),
      email: faker.internet.email().toLowerCase(),
      phone: faker.helpers.replaceSymbols('06 ## ## ## ##'),
      password: FACTORY_PASSWORD,
      role: 'partner_user' as const,
      mustChangePassword: false,
    }
  })
  .state('partnerAdmin', (user) => (user.role = 'partner_admin'))
  .state('caisseAdmin', (user) => (user.role = 'caisse_admin'))
  .state('analyst', (user) => (user.role = 'analyst'))
  .relation('partner', () => PartnerFactory)
  .build()
