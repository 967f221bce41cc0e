import { test } from '@japa/runner'
import User from '#models/user'

test.group('Error pages', () => {
  test('an unknown address gets the French "Page introuvable" page with a 404', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/cette-page-n-existe-pas').withInertia()
    response.assertStatus(404)
    response.assertInertiaComponent('errors/status')
    assert.equal(response.inertiaProps.status, 404)
  })

  test('a refusal gets the French "Accès refusé" page with a 403', async ({ client }) => {
    const analyst = await User.findByOrFail('login_key', 'analyste')
    const response = await client.get('/caisse/dossiers').loginAs(analyst).withInertia()
    response.assertStatus(403)
    response.assertInertiaComponent('errors/status')
  })
})
