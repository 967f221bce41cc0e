import { test } from '@japa/runner'
import type { Page } from 'playwright'
import type { Assert } from '@japa/assert'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { PARTNER_UPDATED } from '#controllers/administration/partner_controller'
import { ADDRESS_UPDATED } from '#controllers/administration/address_controller'

const CONVENTION_NOTICE =
  'Pour toute modification d’une convention déjà validée, merci de vous rapprocher de l’administrateur caisse de la région concernée.'

/** The selected tab, once the keyboard moved to it: its panel shows and the address names it */
async function expectTab(page: Page, assert: Assert, name: string, onglet: string) {
  const tab = page.getByRole('tab', { name, selected: true })
  await page.assertVisible(tab)
  assert.isTrue(
    await tab.evaluate((element) => element === document.activeElement),
    `the focus is on « ${name} »`
  )
  await page.waitForURL(new RegExp(`[?&]onglet=${onglet}$`))
  await page.assertVisible(page.getByRole('tabpanel', { name }))
}

/**
 * « Les services » › « Administration » › « Modification inscription » in
 * Chromium, the manual's chapter 2 for the partner's data and address: the
 * demo administrator partenaire1 (« Association Démo ») goes through the
 * tabs with the keyboard, changes the email and the boîte postale, and sees
 * the confirmations, the updated values and the history of the changes.
 */
test.group('M1 M7 partner administration in the browser', () => {
  test('M1 M2 M6 M7 M8 partenaire1 changes the email and the boîte postale through the tabs', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await page.getByLabel(/^Identifiant/).fill('partenaire1')
    await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/services')

    /** « Les services » › « Administration » */
    await page.getByRole('link', { name: /^Administration/ }).click()
    await page.assertPath('/administration')
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Modification inscription' })
    )
    await page.assertVisible(page.getByRole('heading', { level: 2, name: 'Association Démo' }))
    await page.assertVisible(page.getByRole('tab', { name: 'Partenaires', selected: true }))
    await page.assertInputValue(page.getByLabel(/^Email/), 'contact@association-demo.fr')
    await expectNoSeriousA11yViolations(page, 'M1 « Partenaires »')

    /** The tabs with the keyboard: arrows move and open */
    await page.getByRole('tab', { name: 'Partenaires' }).focus()
    await page.keyboard.press('ArrowRight')
    await expectTab(page, assert, 'Utilisateurs', 'utilisateurs')
    const users = page.getByRole('tabpanel', { name: 'Utilisateurs' })
    await page.assertVisible(users.getByRole('columnheader', { name: 'Login' }))
    await page.assertVisible(users.getByRole('cell', { name: 'partenaire1', exact: true }))
    await page.assertVisible(users.getByRole('cell', { name: 'Administrateur', exact: true }))
    await expectNoSeriousA11yViolations(page, 'M2 « Utilisateurs »')

    await page.keyboard.press('ArrowRight')
    await expectTab(page, assert, 'Adresse', 'adresse')
    await page.assertInputValue(page.getByLabel(/^Raison sociale/), 'Association Démo')
    assert.isNotNull(await page.getByLabel(/^Raison sociale/).getAttribute('readonly'))
    await expectNoSeriousA11yViolations(page, 'M7 « Adresse »')

    await page.keyboard.press('ArrowRight')
    await expectTab(page, assert, 'Conventions', 'conventions')
    const conventions = page.getByRole('tabpanel', { name: 'Conventions' })
    await page.assertVisible(conventions.getByText(CONVENTION_NOTICE))
    await page.assertVisible(conventions.getByRole('cell', { name: 'DEMO0001', exact: true }))
    await page.assertVisible(conventions.getByRole('cell', { name: 'validé', exact: true }))
    await expectNoSeriousA11yViolations(page, 'M6 M8 « Conventions »')

    /** A reload lands on the tab named in the address */
    await page.reload()
    await page.assertVisible(page.getByRole('tab', { name: 'Conventions', selected: true }))

    await page.getByRole('tab', { name: 'Conventions' }).focus()
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowLeft')
    await expectTab(page, assert, 'Partenaires', 'partenaires')

    /** M1: a new email, « Valider », the confirmation and the new value at once */
    const partnerPanel = page.getByRole('tabpanel', { name: 'Partenaires' })
    await partnerPanel.getByLabel(/^Email/).fill('contact@nouvelle-adresse.fr')
    await partnerPanel.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByRole('status').getByText(PARTNER_UPDATED))
    await page.assertVisible(
      page.getByRole('definition').getByText('contact@nouvelle-adresse.fr', { exact: true })
    )
    await page.assertInputValue(partnerPanel.getByLabel(/^Email/), 'contact@nouvelle-adresse.fr')
    await page.assertVisible(
      partnerPanel.getByText(
        'Email : « contact@association-demo.fr » → « contact@nouvelle-adresse.fr »'
      )
    )
    await page.assertVisible(partnerPanel.getByRole('cell', { name: 'Paul MARTIN (partenaire1)' }))
    await expectNoSeriousA11yViolations(page, 'M1 after « Valider »')

    /** M7: a refused CP shows its message next to the field, then the boîte postale */
    await page.getByRole('tab', { name: 'Partenaires' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expectTab(page, assert, 'Adresse', 'adresse')
    const addressPanel = page.getByRole('tabpanel', { name: 'Adresse' })
    await addressPanel.getByLabel(/^CP/).fill('2A004')
    await addressPanel.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(addressPanel.getByText(/2A et 2B sont des codes de département/))
    await page.assertInputValue(addressPanel.getByLabel(/^CP/), '2A004')
    await expectNoSeriousA11yViolations(page, 'M7 a refused CP')

    await addressPanel.getByLabel(/^CP/).fill('62000')
    await addressPanel.getByLabel(/^Boîte postale/).fill('BP 42')
    await addressPanel.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByRole('status').getByText(ADDRESS_UPDATED))
    await page.assertInputValue(addressPanel.getByLabel(/^Boîte postale/), 'BP 42')
    await page.assertNotExists(addressPanel.getByText(/2A et 2B sont des codes de département/))
    await page.assertVisible(addressPanel.getByText('Boîte postale : « (vide) » → « BP 42 »'))
    await expectNoSeriousA11yViolations(page, 'M7 after « Valider »')

    /** Both changes are kept after a reload */
    await page.reload()
    await page.assertInputValue(
      page.getByRole('tabpanel', { name: 'Adresse' }).getByLabel(/^Boîte postale/),
      'BP 42'
    )
  })
})
