import { test } from '@japa/runner'
import type { Page } from 'playwright'
import Partner from '#models/partner'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowDefinition from '#models/workflow_definition'
import { tabTo } from '#tests/helpers/keyboard'
import { signIn, signOut } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { openPreinscriptionForm, submitPreinscription } from '#tests/helpers/preinscription_form'

const DOSSIER = /Dossiers à traiter/

/** C2 « Valider » on the item of a partner, from « Dossiers à traiter » */
async function validateItemOf(page: Page, partnerName: string) {
  await page.goto(new URL('/caisse/dossiers', page.url()).toString())
  await page.getByRole('link', { name: partnerName }).click()
  await page.assertVisible(page.getByRole('heading', { level: 1, name: /Préinscription/ }))
  const decision = page.getByRole('button', { name: 'Valider', exact: true })
  await decision.click()
  await page.assertVisible(page.getByText(/Décision enregistrée/))
}

/**
 * S5 S9 in Chromium, the FEATURES scenarios 3 and 7: the analyst adds an
 * optional « Numéro FINESS » to the pre-registration form of a new
 * version with the keyboard alone, and publishes it. A visitor who started
 * before keeps the old form; one who starts after fills the new field; the
 * caisse administrator sees its value and validates both.
 */
test.group('S5 S9 a new field in a new version of the pre-registration', () => {
  test('S5 S9 scenarios 3 and 7: « Numéro FINESS » added with the keyboard, published; records started before keep their version; both are decided', async ({
    visit,
    browser,
    assert,
  }) => {
    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin

    /** A visitor who reaches the form before the publication, in a browser of their own */
    const earlyContext = await browser.newContext()
    const early = await earlyContext.newPage()
    await early.goto(`${origin}/`)
    await openPreinscriptionForm(early)
    await early.assertNotExists(early.getByLabel(/^Numéro FINESS/))
    const before = await WorkflowDefinition.query()
      .where({ key: 'preinscription', status: 'published' })
      .firstOrFail()

    /** The analyst: « Nouvelle version », then the form editor with the keyboard alone */
    await signIn(page, 'analyste')
    await page.goto(`${origin}/atelier/parcours`)
    await page
      .getByRole('button', { name: 'Nouvelle version de « Préinscription d\u2019un partenaire »' })
      .or(
        page.getByRole('button', { name: "Nouvelle version de « Préinscription d'un partenaire »" })
      )
      .click()
    await page.assertPath('/atelier/parcours/preinscription/brouillon')

    const formsTabs = page.getByRole('tablist', { name: 'Formulaires du brouillon' })
    await tabTo(page, formsTabs.getByRole('tab', { selected: true }))
    await page.keyboard.press('ArrowRight')
    await page.assertVisible(
      formsTabs.getByRole('tab', { name: 'Formulaire de préinscription', selected: true })
    )
    const adding = page.getByRole('form', { name: 'Ajouter un champ' })
    await tabTo(page, adding.getByLabel(/^Libellé/))
    await page.keyboard.type('Numéro FINESS')
    await tabTo(page, adding.getByLabel(/^Aide/))
    await page.keyboard.type('9 chiffres, sur l’arrêté d’autorisation.')
    await tabTo(page, adding.getByLabel(/^Groupe/))
    await page.keyboard.type('Informations partenaire')
    await page.keyboard.press('Escape')
    await tabTo(page, adding.getByRole('button', { name: 'Ajouter le champ' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByText('Le champ « Numéro FINESS » est ajouté au brouillon.'))
    await page.assertVisible(page.getByRole('rowheader', { name: 'Numéro FINESS' }))

    /** Above the captcha, with « Monter » */
    await tabTo(page, page.getByRole('button', { name: 'Monter « Numéro FINESS »' }))
    await page.keyboard.press('Enter')
    const fieldRows = page
      .getByRole('region', { name: 'Champs de « Formulaire de préinscription »' })
      .locator('tbody th[scope="row"]')
    await fieldRows.last().filter({ hasNotText: 'Numéro FINESS' }).waitFor()
    const order = await fieldRows.allTextContents()
    assert.equal(order.indexOf('Numéro FINESS'), order.length - 2, 'just above the captcha')
    await expectNoSeriousA11yViolations(page, 'S5 éditeur de formulaire')

    await tabTo(page, page.getByRole('button', { name: 'Publier' }))
    await page.keyboard.press('Enter')
    await page.assertPath('/atelier/parcours')
    await page.assertVisible(page.getByText(/La version \d+ de .* est publiée/))
    await signOut(page)

    /** S9: a visitor who starts now gets the new field */
    const lateContext = await browser.newContext()
    const late = await lateContext.newPage()
    await late.goto(`${origin}/`)
    await openPreinscriptionForm(late)
    await late.getByLabel(/^Numéro FINESS/).fill('620000123')
    await submitPreinscription(late, {
      caisse: 'CARSAT Hauts-de-France',
      conventionCode: 'FIN2026',
      partnerName: 'Association Finess',
      adminLogin: 'AdminFiness',
      adminEmail: 'admin@association-finess.fr',
    })

    /** S9: the early visitor's form has not changed; they submit it as it was */
    await early.assertNotExists(early.getByLabel(/^Numéro FINESS/))
    await submitPreinscription(early, {
      caisse: 'CARSAT Hauts-de-France',
      conventionCode: 'AVANT2026',
      partnerName: 'Association Avant',
      adminLogin: 'AdminAvant',
      adminEmail: 'admin@association-avant.fr',
    })
    await earlyContext.close()
    await lateContext.close()

    const records = await WorkflowInstance.query()
      .where('state', 'submitted')
      .preload('definition')
      .orderBy('id', 'desc')
      .limit(2)
    const [lateRecord, earlyRecord] = [
      records.find((record) => record.snapshot.context.partnerName === 'Association Finess')!,
      records.find((record) => record.snapshot.context.partnerName === 'Association Avant')!,
    ]
    assert.equal(earlyRecord.definitionId, before.id)
    assert.isAbove(lateRecord.definition.version, before.version)
    assert.equal(lateRecord.snapshot.context.numeroFiness, '620000123')

    /** The caisse administrator sees the value and decides both, without error */
    await signIn(page, 'caissehdf')
    await page.getByRole('link', { name: DOSSIER }).click()
    await page.getByRole('link', { name: 'Association Finess' }).click()
    await page.assertVisible(page.getByText('Numéro FINESS'))
    await page.assertVisible(page.getByText('620000123'))
    await expectNoSeriousA11yViolations(page, 'C2 dossier avec « Numéro FINESS »')
    await validateItemOf(page, 'Association Finess')
    await validateItemOf(page, 'Association Avant')

    assert.isNotNull(await Partner.findBy('name', 'Association Finess'))
    assert.isNotNull(await Partner.findBy('name', 'Association Avant'))
  })
})
