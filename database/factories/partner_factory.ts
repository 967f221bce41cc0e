import factory from '@adonisjs/lucid/factories'
import Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import PartnerType from '#models/partner_type'

/** A SIRET with a valid Luhn key, as the portal's rules demand */
export function validSiret(digits13: string) {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${digits13}${check}`
    const sum = [...candidate].reverse().reduce((total, char, index) => {
      const doubled = index % 2 === 1 ? Number(char) * 2 : Number(char)
      return total + (doubled > 9 ? doubled - 9 : doubled)
    }, 0)
    if (sum % 10 === 0) return candidate
  }
  throw new Error('unreachable: one check digit always fits')
}

export const PartnerAddressFactory = factory
  .define(PartnerAddress, async ({ faker }) => {
    const postalCode = faker.string.numeric({ length: 5, allowLeadingZeros: false })
    return {
      companyName: faker.company.name(),
      street: faker.location.streetAddress(),
      postalCode,
      city: faker.location.city(),
    }
  })
  .build()

export const PartnerFactory = factory
  .define(Partner, async ({ faker, $trx }) => {
    /** Inside the factory's transaction: SQLite has a single connection */
    const type = await PartnerType.query({ client: $trx }).firstOrFail()
    return {
      name: `Association ${faker.company.name()}`.slice(0, 150),
      siret: validSiret(faker.string.numeric(13)),
      email: faker.internet.email().toLowerCase(),
      phone: faker.helpers.replaceSymbols('0# ## ## ## ##'),
      partnerTypeId: type.id,
    }
  })
  .relation('address', () => PartnerAddressFactory)
  .build()
