import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'

/** The labels « Les services » shows to a user */
async function servicesOf(client: ApiClient, user: User): Promise<string[]> {
  const response = await client.get('/services').loginAs(user).withInertia()
  response.assertStatus(200)
  response.assertInertiaComponent('portal/services')
  return response.inertiaProps.services.map((service: { label: string }) => service.label)
}

test.group('A3 « Les services » after sign-in', () => {
  test('A3 each user sees the services of their role, and only those', async ({
    client,
    assert,
  }) => {
    const caisseAdmin = await User.findByOrFail('login_key', 'caissehdf')
    const partnerAdmin = await User.findByOrFail('login_key', 'partenaire1')
    const analyst = await User.findByOrFail('login_key', 'analyste')
    const partnerUser = await UserFactory.merge({ partnerId: partnerAdmin.partnerId }).create()

    assert.sameMembers(await servicesOf(client, caisseAdmin), [
      'Dossiers à traiter',
      'Changer mon mot de passe',
    ])
    assert.sameMembers(await servicesOf(client, partnerAdmin), [
      'Administration',
      'Changer mon mot de passe',
    ])
    assert.sameMembers(await servicesOf(client, partnerUser), ['Changer mon mot de passe'])
    assert.sameMembers(await servicesOf(client, analyst), ['Atelier', 'Changer mon mot de passe'])
  })

  test('A3 the header menu « Les services » of every page lists the same entries', async ({
    client,
    assert,
  }) => {
    const caisseAdmin = await User.findByOrFail('login_key', 'caissehdf')
    const response = await client.get('/').loginAs(caisseAdmin).withInertia()
    assert.deepEqual(response.inertiaProps.currentUser.services, [
      { label: 'Dossiers à traiter', href: '/caisse/dossiers' },
      { label: 'Changer mon mot de passe', href: '/mot-de-passe' },
    ])
  })

  test('A3 a visitor is sent to « Connexion »', async ({ client }) => {
    const response = await client.get('/services').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/connexion')
  })
})
