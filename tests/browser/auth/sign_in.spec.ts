import { test } from '@japa/runner'
import { INVALID_CREDENTIALS } from '#controllers/auth/session_controller'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'

/**
 * A1 and A6 through a real Chromium: the visitor signs in from the home
 * page with the labelled fields, lands on "Les services", sees their name
 * in the header and signs out.
 */
test.group('A1 sign-in in the browser', () => {
  test('A1 A6 a partner administrator signs in and out in Chromium', async ({ visit }) => {
    const page = await visit('/')
    const header = page.getByRole('banner')

    await header.getByRole('link', { name: 'Connexion', exact: true }).click()
    await page.assertPath('/connexion')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Connexion' }))

    await page.getByLabel(/^Identifiant/).fill('partenaire1')
    await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()

    await page.assertPath('/services')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Les services' }))
    await page.assertVisible(header.getByText('Paul MARTIN', { exact: true }))
    await page.assertVisible(header.getByRole('button', { name: 'Les services' }))
    await expectNoSeriousA11yViolations(page, 'A3 "Les services" signed in')

    await header.getByRole('button', { name: 'Se déconnecter' }).click()

    await page.assertPath('/')
    await page.assertVisible(header.getByRole('link', { name: 'Connexion', exact: true }))
    await page.assertNotExists(header.getByText('Paul MARTIN', { exact: true }))
    await page.assertVisible(page.getByRole('status').getByText('Vous êtes déconnecté.'))
  })

  test('A1 a wrong password shows one message next to the form', async ({ visit, assert }) => {
    const page = await visit('/connexion')

    await page.getByLabel(/^Identifiant/).fill('analyste')
    await page.getByLabel(/^Mot de passe/).fill('pas-le-bon-mot-de-passe')
    await page.getByRole('button', { name: 'Se connecter' }).click()

    const message = page.getByText(INVALID_CREDENTIALS, { exact: true })
    await page.assertVisible(message)
    await page.assertElementsCount(page.getByText(INVALID_CREDENTIALS), 1)
    await page.assertPath('/connexion')

    const login = page.getByLabel(/^Identifiant/)
    await page.assertInputValue(login, 'analyste')
    await page.assertInputValue(page.getByLabel(/^Mot de passe/), '')

    /** The message is announced with the field: aria-describedby points at it */
    const describedBy = (await login.getAttribute('aria-describedby')) ?? ''
    const ids = describedBy.split(/\s+/).filter(Boolean)
    assert.isAbove(ids.length, 0, 'the "Identifiant" field has no aria-describedby')
    const descriptions = await Promise.all(
      ids.map((id) => page.locator(`[id="${id}"]`).innerText())
    )
    assert.include(descriptions.join(' '), INVALID_CREDENTIALS)
    assert.equal(await login.getAttribute('aria-invalid'), 'true')

    /** The message is announced as soon as it appears */
    assert.equal(await message.getAttribute('role'), 'alert')
    await expectNoSeriousA11yViolations(page, 'A1 sign-in with an error')
  })
})
