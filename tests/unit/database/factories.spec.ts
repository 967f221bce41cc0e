import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { PartnerFactory, validSiret } from '#database/factories/partner_factory'
import { FACTORY_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { ConventionFactory } from '#database/factories/convention_factory'

test.group('Domain model factories', () => {
  test('a partner comes with its address and a SIRET whose Luhn key is valid', async ({
    assert,
  }) => {
    const partner = await PartnerFactory.with('address').create()
    await partner.load('address')
    assert.equal(partner.address.partnerId, partner.id)
    assert.match(partner.siret!, /^\d{14}$/)
    assert.equal(validSiret(partner.siret!.slice(0, 13)), partner.siret)
  })

  test('a partner administrator belongs to a partner; the login key is lower-cased', async ({
    assert,
  }) => {
    const user = await UserFactory.apply('partnerAdmin')
      .with('partner')
      .merge({ login: 'MixedCase9' })
      .create()
    assert.equal(user.role, 'partner_admin')
    assert.isNotNull(user.partnerId)
    assert.equal(user.loginKey, 'mixedcase9')
    assert.isTrue(await hash.verify(user.password, FACTORY_PASSWORD))
  })

  test('booleans read back as booleans on both engines', async ({ assert }) => {
    const user = await UserFactory.merge({ mustChangePassword: true }).create()
    await user.refresh()
    assert.strictEqual(user.mustChangePassword, true)
  })

  test('a pending convention of a partner', async ({ assert }) => {
    const partner = await PartnerFactory.create()
    const convention = await ConventionFactory.apply('pending')
      .merge({ partnerId: partner.id })
      .create()
    assert.equal(convention.state, 'pending')
  })
})
