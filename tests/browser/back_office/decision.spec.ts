import { test } from '@japa/runner'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { submittedPreinscription, unique } from '#tests/functional/back_office/support'

/**
 * C1–C2 in Chromium: the demo caisse administrator of the CARSAT
 * Hauts-de-France opens « Dossiers à traiter » from « Les services », finds
 * a pre-registration, is told a reason is needed, invalidates it with one
 * and sees its new state and the reason in the history.
 */
test.group('C1 C2 caisse back office in the browser', () => {
  test('C1 C2 a caisse administrator invalidates a pre-registration with a reason', async ({
    visit,
  }) => {
    const partnerName = `Association Ciel Bleu ${unique()}`
    await submittedPreinscription({ caisseCode: 'CARSAT-HDF', partnerName })

    const page = await visit('/connexion')
    await page.getByLabel(/^Identifiant/).fill('caissehdf')
    await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/services')

    await page.getByRole('link', { name: /Dossiers à traiter/ }).click()
    await page.assertPath('/caisse/dossiers')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Dossiers à traiter' }))
    for (const header of [
      'Reçu le',
      'Type',
      'État',
      'Partenaire',
      'SIRET',
      'Code convention',
      'Caisse',
    ]) {
      await page.assertVisible(page.getByRole('columnheader', { name: header, exact: true }))
    }
    await expectNoSeriousA11yViolations(page, 'C1 « Dossiers à traiter »')

    await page.getByRole('searchbox', { name: /Rechercher/ }).fill(partnerName)
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click()
    await page.waitForURL(/recherche=/)
    await page.assertElementsCount(page.getByRole('table').getByRole('link'), 1)
    await page.getByRole('link', { name: partnerName }).click()

    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: `Préinscription – ${partnerName}` })
    )
    await page.assertVisible(page.getByText('Préinscription en attente de validation').first())
    await page.assertVisible(page.getByRole('columnheader', { name: 'Date' }))
    await expectNoSeriousA11yViolations(page, 'C2 an item of « Dossiers à traiter »')

    /** No reason: the message is shown next to the field */
    const reason = page.getByLabel(/^Motif de l.invalidation/)
    await page.getByRole('button', { name: 'Invalider', exact: true }).click()
    await page.assertVisible(
      page.getByText(/Le champ « Motif de l.invalidation » est obligatoire\./)
    )
    await expectNoSeriousA11yViolations(page, 'C2 an invalidation without a reason')

    await reason.fill('Le code convention ne correspond à aucune convention de la caisse.')
    await page.getByRole('button', { name: 'Invalider', exact: true }).click()

    await page.assertVisible(page.getByText('Décision enregistrée : Préinscription invalidée.'))
    await page.assertVisible(page.getByText('Préinscription invalidée', { exact: true }).first())
    await page.assertNotExists(page.getByRole('button', { name: 'Invalider', exact: true }))
    await page.assertVisible(
      page.getByText(
        "Motif de l'invalidation : Le code convention ne correspond à aucune convention de la caisse."
      )
    )
    await expectNoSeriousA11yViolations(page, 'C2 an item after its decision')
  })
})
