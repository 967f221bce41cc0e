import { test } from '@japa/runner'
import type { Page } from 'playwright'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import Partner from '#models/partner'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { mailbox } from '#tests/helpers/mailbox'
import {
  deliverOutbox,
  submitCielBleu,
  temporaryPasswordIn,
} from '#tests/functional/onboarding/support'

/**
 * The manual's chapter 1 in Chromium, from the home page to the first
 * signed-in screen: the pre-registration of « Association Ciel Bleu », the
 * CARSAT Hauts-de-France's decision in its back office, the mail received
 * over SMTP, the forced password change, « Les services ». axe runs on
 * every page of the journeys.
 */

const CAPTCHA_TEST_CODE = process.env.CAPTCHA_TEST_CODE ?? 'TEST42'
const CAPTCHA_LABEL = /^Recopiez les caractères de l’image/
const LOGIN = 'Alex7'
const EMAIL = 'alex7@cielbleu.fr'

async function signIn(page: Page, login: string, password: string) {
  await page.goto(new URL('/connexion', page.url()).toString())
  await page.getByLabel(/^Identifiant/).fill(login)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click()
  await page.waitForURL((url) => url.pathname === '/')
}

test.group('R6 the manual’s example in the browser', () => {
  test('R1 R2 R3 R5 R6 A1 A2 C1 C2 the manual’s example from pre-registration to the first sign-in', async ({
    visit,
    assert,
  }) => {
    /** R1: « Vous n’êtes pas encore inscrit ? » → the general conditions */
    const page = await visit('/')
    await expectNoSeriousA11yViolations(page, 'P1 accueil')
    await page.getByRole('link', { name: 'Vous n’êtes pas encore inscrit ?' }).click()
    await page.assertPath('/parcours/preinscription')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Conditions générales' }))
    await expectNoSeriousA11yViolations(page, 'R1 conditions générales')
    await page.getByRole('checkbox', { name: /J’accepte/ }).check()
    await page.getByRole('button', { name: 'Valider' }).click()

    /** R2: the convention code is known: « OK » */
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Code convention' }))
    await expectNoSeriousA11yViolations(page, 'R2 code convention')
    await page.getByRole('button', { name: 'OK', exact: true }).click()

    /** R3: the form, as the manual fills it */
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
    await admin.getByLabel(/^Login/).fill(LOGIN)
    await admin.getByLabel(/^Téléphone/).fill('03 21 00 00 00')
    await admin.getByLabel(/^Email/).fill(EMAIL)
    await page.assertInputValue(
      address.getByLabel(/^Identité destinataire/),
      'Association Ciel Bleu'
    )
    await address.getByLabel(/^CP/).fill('62000')
    await address.getByLabel(/^Nom commune/).fill('Arras')
    await page.getByLabel(CAPTCHA_LABEL).fill(CAPTCHA_TEST_CODE)
    await page.getByRole('button', { name: 'Enregistrer' }).click()

    /** R5: the confirmation */
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Préinscription en attente de validation' })
    )
    await page.assertVisible(page.getByText(/Votre préinscription est enregistrée/))
    await expectNoSeriousA11yViolations(page, 'R5 confirmation')
    const instanceId = Number(new URL(page.url()).pathname.split('/').pop())

    /** C1: the CARSAT Hauts-de-France's administrator finds it in « Dossiers à traiter » */
    await signIn(page, 'caissehdf', DEMO_PASSWORD)
    await page.assertPath('/services')
    await page.getByRole('link', { name: /Dossiers à traiter/ }).click()
    await page.assertPath('/caisse/dossiers')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Dossiers à traiter' }))
    await expectNoSeriousA11yViolations(page, 'C1 dossiers à traiter')
    await page.goto(new URL(`/caisse/dossiers/${instanceId}`, page.url()).toString())

    /** C2 R6: the item, then « Valider » */
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Préinscription – Association Ciel Bleu' })
    )
    await page.assertVisible(page.getByText(LOGIN, { exact: true }).first())
    await expectNoSeriousA11yViolations(page, 'C2 préinscription à valider')
    await page.getByRole('button', { name: 'Valider', exact: true }).click()
    await page.assertVisible(page.getByText('Décision enregistrée : Préinscription validée.'))
    await page.assertNotExists(page.getByRole('button', { name: 'Valider', exact: true }))
    await expectNoSeriousA11yViolations(page, 'C2 préinscription validée')
    await signOut(page)

    /** What the validation created */
    const instance = await WorkflowInstance.findOrFail(instanceId)
    assert.equal(instance.state, 'validated')
    const created = await Partner.findOrFail(instance.partnerId)
    assert.equal(created.name, 'Association Ciel Bleu')
    const carsat = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    const convention = await Convention.query().where('partner_id', created.id).firstOrFail()
    assert.containsSubset(convention.serialize(), {
      caisseId: carsat.id,
      code: '757300',
      state: 'validated',
    })
    const administrator = await User.findByOrFail('login_key', 'alex7')
    assert.containsSubset(administrator.serialize(), {
      login: LOGIN,
      lastName: 'GRIZZI',
      firstName: 'Alexandre',
      email: EMAIL,
      phone: '03 21 00 00 00',
      role: 'partner_admin',
      partnerId: created.id,
    })
    const lifecycle = await new AccountLifecycleService().instanceOf(administrator)
    assert.equal(lifecycle?.state, 'password_change_required')

    /** R6: the mail with the temporary password, received over SMTP */
    await deliverOutbox()
    const received = await mailbox.waitFor(
      (mail) => mail.to.includes(EMAIL) && mail.subject === 'PPAS – Votre compte'
    )
    assert.include(received.text, `Votre identifiant est ${LOGIN}`)
    const temporary = temporaryPasswordIn(received.text)

    /** A1 A2: the first sign-in forces « Changer mon mot de passe » */
    await signIn(page, LOGIN, temporary)
    await page.assertPath('/mot-de-passe')
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Changer mon mot de passe' })
    )
    await expectNoSeriousA11yViolations(page, 'A2 changer mon mot de passe (première connexion)')
    await page.getByLabel(/^Ancien mot de passe/).fill(temporary)
    await page.getByLabel(/^Nouveau mot de passe/).fill('CielBleu2026')
    await page.getByLabel(/^Confirmer le nouveau mot de passe/).fill('CielBleu2026')
    await page.getByRole('button', { name: 'OK' }).click()

    /** A3: « Les services » */
    await page.assertPath('/services')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Les services' }))
    await expectNoSeriousA11yViolations(page, 'A3 les services')
    await administrator.refresh()
    assert.isFalse(administrator.mustChangePassword)
    const changed = await new AccountLifecycleService().instanceOf(administrator)
    assert.equal(changed?.state, 'active')
  })

  test('R6 an invalidated pre-registration: the applicant receives the reason', async ({
    visit,
    client,
    assert,
  }) => {
    const { instance, payload } = await submitCielBleu(client)
    const email = String(payload.adminEmail)
    const reason = 'Le code convention 757300 ne correspond à aucune convention de la caisse.'

    const page = await visit('/connexion')
    await signIn(page, 'caissehdf', DEMO_PASSWORD)
    await page.assertPath('/services')
    await page.goto(new URL(`/caisse/dossiers/${instance.id}`, page.url()).toString())
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Préinscription – Association Ciel Bleu' })
    )
    await expectNoSeriousA11yViolations(page, 'C2 préinscription à invalider')

    await page.getByLabel(/^Motif de l.invalidation/).fill(reason)
    await page.getByRole('button', { name: 'Invalider', exact: true }).click()
    await page.assertVisible(page.getByText('Décision enregistrée : Préinscription invalidée.'))
    await page.assertVisible(page.getByText(`Motif de l'invalidation : ${reason}`))
    await expectNoSeriousA11yViolations(page, 'C2 préinscription invalidée')

    await instance.refresh()
    assert.equal(instance.state, 'invalidated')
    assert.isNull(instance.partnerId)
    assert.isNull(await User.findBy('login_key', String(payload.adminLogin).toLowerCase()))

    await deliverOutbox()
    const received = await mailbox.waitFor(
      (mail) => mail.to.includes(email) && mail.subject === 'PPAS – Préinscription invalidée'
    )
    assert.include(received.text, reason)
    assert.include(received.text, 'devra être à nouveau saisi dans sa globalité')
  })
})
