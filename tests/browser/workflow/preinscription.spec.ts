import { test } from '@japa/runner'
import WorkflowInstance from '#models/workflow_instance'
import Caisse from '#models/caisse'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'

const CAPTCHA_TEST_CODE = process.env.CAPTCHA_TEST_CODE ?? 'TEST42'
const CAPTCHA_LABEL = /^Recopiez les caractères de l’image/

/**
 * The manual's example (chapter 1.1.1) in Chromium: a visitor pre-registers
 * « Association Ciel Bleu », a structure d'évaluation of the département 62
 * conventionnée with the CARSAT Hauts-de-France, code convention 757300.
 */
test.group('R1–R5 pre-registration in the browser', () => {
  test('R1 R2 R3 R5 a visitor pre-registers Association Ciel Bleu', async ({ visit, assert }) => {
    const page = await visit('/')

    /** R1: from the home page to the general conditions */
    await page.getByRole('link', { name: 'Vous n’êtes pas encore inscrit ?' }).click()
    await page.assertPath('/parcours/preinscription')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Conditions générales' }))
    await page.assertVisible(page.getByText(/Article 8 – Évolution des conditions/))
    await expectNoSeriousA11yViolations(page, 'R1 conditions générales')

    await page.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByText('Vous devez cocher « J’accepte ».').first())
    await expectNoSeriousA11yViolations(page, 'R1 conditions générales, case non cochée')
    await page.getByRole('checkbox', { name: /J’accepte/ }).check()
    await page.getByRole('button', { name: 'Valider' }).click()

    /** R2: the convention-code question */
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Code convention' }))
    await page.assertVisible(
      page.getByText(/contactez la caisse avec laquelle vous avez passé convention/)
    )
    await expectNoSeriousA11yViolations(page, 'R2 code convention')
    await page.getByRole('button', { name: 'OK', exact: true }).click()

    /** R3: the form, its three blocks and the captcha */
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Formulaire de préinscription' })
    )
    await expectNoSeriousA11yViolations(page, 'R3 formulaire de préinscription')
    const partner = page.getByRole('group', { name: 'Informations partenaire' })
    const admin = page.getByRole('group', { name: 'Administrateur' })
    const address = page.getByRole('group', { name: 'Adresse' })

    const choose = async (name: RegExp, option: string) => {
      await page.getByRole('combobox', { name }).click()
      await page.getByRole('option', { name: option, exact: true }).click()
    }
    await choose(/^Régime/, 'CNAV – régime général')
    await choose(/^Caisse/, 'CARSAT Hauts-de-France')
    await partner.getByLabel(/^Code convention/).fill('757300')
    await choose(/^Type partenaire/, 'Structure d’évaluation')
    await partner.getByLabel(/^Nom partenaire/).fill('Association Ciel Bleu')
    await partner.getByLabel(/^Téléphone/).fill('03 21 00 00 00')
    await admin.getByLabel(/^Nom/).fill('GRIZZI')
    await admin.getByLabel(/^Prénom/).fill('Alexandre')
    await admin.getByLabel(/^Login/).fill('Alex7')
    await admin.getByLabel(/^Téléphone/).fill('03 21 00 00 00')
    await admin.getByLabel(/^Email/).fill('alex7@cielbleu.fr')
    /** "Identité destinataire" is not typed: it follows "Nom partenaire" */
    await page.assertInputValue(
      address.getByLabel(/^Identité destinataire/),
      'Association Ciel Bleu'
    )
    /** A Corsican department code instead of a postal code, and a wrong captcha */
    await address.getByLabel(/^CP/).fill('2A004')
    await address.getByLabel(/^Nom commune/).fill('Arras')
    const firstImage = await page
      .getByAltText('Caractères à recopier')
      .getAttribute('data-captcha-id')
    await page.getByLabel(CAPTCHA_LABEL).fill('faux')
    await page.getByRole('button', { name: 'Enregistrer' }).click()

    /** R4: the message next to the field, what was typed kept, a new captcha to type */
    await page.assertVisible(page.getByText(/2A et 2B sont des codes de département/).first())
    await page.assertInputValue(partner.getByLabel(/^Nom partenaire/), 'Association Ciel Bleu')
    await page.assertInputValue(admin.getByLabel(/^Login/), 'Alex7')
    await page.assertInputValue(page.getByLabel(CAPTCHA_LABEL), '')
    const secondImage = await page
      .getByAltText('Caractères à recopier')
      .getAttribute('data-captcha-id')
    assert.notEqual(secondImage, firstImage)
    await expectNoSeriousA11yViolations(page, 'R4 formulaire avec erreurs')

    await address.getByLabel(/^CP/).fill('62000')
    await page.getByLabel(CAPTCHA_LABEL).fill(CAPTCHA_TEST_CODE)
    await page.getByRole('button', { name: 'Enregistrer' }).click()

    /** R5: the confirmation; the record waits for the CARSAT Hauts-de-France */
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Préinscription en attente de validation' })
    )
    await page.assertVisible(page.getByText(/Votre préinscription est enregistrée/))
    await expectNoSeriousA11yViolations(page, 'R5 confirmation')

    const id = Number(new URL(page.url()).pathname.split('/').pop())
    const instance = await WorkflowInstance.findOrFail(id)
    const carsat = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    assert.equal(instance.state, 'submitted')
    assert.equal(instance.caisseId, carsat.id)
    assert.containsSubset(instance.snapshot.context, {
      partnerName: 'Association Ciel Bleu',
      conventionCode: '757300',
      adminLogin: 'Alex7',
      adminEmail: 'alex7@cielbleu.fr',
      postalCode: '62000',
      city: 'Arras',
      conditionsVersion: '2026-01',
    })
  })
})
