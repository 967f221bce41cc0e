import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { signIn, signOut } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { mailbox } from '#tests/helpers/mailbox'
import { deliverOutbox, temporaryPasswordIn } from '#tests/functional/onboarding/support'
import { openPreinscriptionForm, submitPreinscription } from '#tests/helpers/preinscription_form'

async function choose(
  page: Page,
  scope: Page | ReturnType<Page['locator']>,
  name: RegExp,
  option: string
) {
  await scope.getByRole('combobox', { name }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** « Les services » › « Atelier » › « Référentiels », on the list named */
async function openList(page: Page, list: string) {
  await page.goto(new URL('/services', page.url()).toString())
  await page.getByRole('link', { name: /^Atelier/ }).click()
  await page.assertPath('/atelier/referentiels')
  await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Référentiels' }))
  await page.getByRole('tab', { name: list }).click()
  await page.assertVisible(page.getByRole('tab', { name: list, selected: true }))
}

/** « Ajouter » on the open list */
async function addRow(
  page: Page,
  list: string,
  row: { code: string; label: string; regime?: string; contactEmail?: string }
) {
  const form = page.getByRole('form', { name: `Ajouter à la liste « ${list} »` })
  if (row.regime) await choose(page, form, /^Régime/, row.regime)
  await form.getByLabel(/^Code/).fill(row.code)
  await form.getByLabel(/^Libellé/).fill(row.label)
  if (row.contactEmail) await form.getByLabel(/^Email de contact/).fill(row.contactEmail)
  await form.getByRole('button', { name: 'Ajouter' }).click()
  await page.assertVisible(page.getByText(`« ${row.label} » a été ajouté à la liste « ${list} ».`))
  await page.assertVisible(page.getByRole('rowheader', { name: row.label, exact: true }))
}

/**
 * S1 in Chromium, each change ending with someone else seeing it, with no
 * restart: the demo analyst adds a caisse and its administrator, then a
 * régime; a visitor and a partner administrator are offered them.
 */
test.group('S1 « Atelier » › « Référentiels » in the browser', () => {
  test('S1 scenario 1: the analyst adds a caisse to « CNAV – régime général » and its administrator; a visitor pre-registers with it; its administrator finds the item in « Dossiers à traiter »', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await openList(page, 'Caisses')
    await expectNoSeriousA11yViolations(page, 'S1 « Caisses »')

    await addRow(page, 'Caisses', {
      regime: 'CNAV – régime général',
      code: 'carsat-atl',
      label: 'CARSAT Atelier',
      contactEmail: 'action-sociale@carsat-atelier.fr',
    })
    const row = page.getByRole('row', { name: /CARSAT Atelier/ })
    await page.assertVisible(row.getByRole('cell', { name: 'CARSAT-ATL', exact: true }))
    await page.assertVisible(row.getByRole('cell', { name: 'actif', exact: true }))

    /** Its administrator, created with the keyboard from the row's button */
    await row.getByRole('button', { name: 'Administrateurs de « CARSAT Atelier »' }).click()
    const panel = page.getByRole('region', { name: 'Administrateurs de « CARSAT Atelier »' })
    await page.assertVisible(panel.getByText(/Aucun administrateur/))
    const create = panel.getByRole('form', { name: 'Créer un administrateur' })
    await create.getByLabel(/^Nom/).fill('DURAND')
    await create.getByLabel(/^Prénom/).fill('Inès')
    await create.getByLabel(/^Email/).fill('ines.durand@carsat-atelier.fr')
    await create.getByLabel(/^Login/).fill('InesAtelier')
    await expectNoSeriousA11yViolations(page, 'S1 administrateurs d’une caisse')
    await create.getByRole('button', { name: 'Créer' }).click()
    await page.assertVisible(page.getByText(/Le compte « InesAtelier » est créé/))
    await page.assertVisible(
      page
        .getByRole('row', { name: /CARSAT Atelier/ })
        .getByRole('cell', { name: 'InesAtelier', exact: true })
    )
    await page.assertVisible(
      page
        .getByRole('region', { name: 'Historique des modifications' })
        .getByText('Création d’un administrateur de la caisse (mot de passe temporaire envoyé)')
    )
    await signOut(page)

    /** A visitor: the pre-registration form offers the new caisse under the CNAV */
    await openPreinscriptionForm(page)
    await submitPreinscription(page, {
      caisse: 'CARSAT Atelier',
      conventionCode: 'ATL2026',
      partnerName: 'Association Atelier',
      adminLogin: 'MarcAtelier',
      adminEmail: 'marc@association-atelier.fr',
    })

    /** The new administrator: temporary password by mail, then « Dossiers à traiter » */
    await deliverOutbox()
    const received = await mailbox.waitFor(
      (mail) =>
        mail.to.includes('ines.durand@carsat-atelier.fr') && mail.subject === 'PPAS – Votre compte'
    )
    const temporary = temporaryPasswordIn(received.text)
    await signIn(page, 'InesAtelier', temporary)
    await page.assertPath('/mot-de-passe')
    await page.getByLabel(/^Ancien mot de passe/).fill(temporary)
    await page.getByLabel(/^Nouveau mot de passe/).fill('Atelier2026')
    await page.getByLabel(/^Confirmer le nouveau mot de passe/).fill('Atelier2026')
    await page.getByRole('button', { name: 'OK' }).click()
    await page.assertPath('/services')
    await page.getByRole('link', { name: /Dossiers à traiter/ }).click()
    await page.assertPath('/caisse/dossiers')
    await page.assertVisible(page.getByRole('link', { name: 'Association Atelier' }))
    assert.equal(
      await page.getByRole('table').getByRole('link').count(),
      1,
      'the new caisse has exactly this item'
    )
  })

  test('S1 scenario 2: the analyst adds a régime with one caisse; a partner administrator’s « Conventions » tab offers both', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await openList(page, 'Régimes')
    await addRow(page, 'Régimes', { code: 'CULTES', label: 'Régime des cultes (essai)' })
    await expectNoSeriousA11yViolations(page, 'S1 « Régimes »')
    await page.getByRole('tab', { name: 'Caisses' }).click()
    await page.assertVisible(page.getByRole('tab', { name: 'Caisses', selected: true }))
    await addRow(page, 'Caisses', {
      regime: 'Régime des cultes (essai)',
      code: 'CULTES-NAT',
      label: 'Caisse des cultes (essai)',
    })
    await signOut(page)

    await signIn(page, 'partenaire1')
    await page.goto(new URL('/administration?onglet=conventions', page.url()).toString())
    const panel = page.getByRole('tabpanel', { name: 'Conventions' })
    await choose(page, panel, /^Régime/, 'Régime des cultes (essai)')
    await panel.getByRole('combobox', { name: /^Caisse/ }).click()
    await page.assertVisible(
      page.getByRole('option', { name: 'Caisse des cultes (essai)', exact: true })
    )
    await page.assertElementsCount(page.getByRole('option'), 1)
  })
})
