import { test } from '@japa/runner'
import type { Page } from 'playwright'
import User from '#models/user'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { CONVENTION_ADDED } from '#controllers/administration/conventions_controller'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { mailbox } from '#tests/helpers/mailbox'
import { deliverOutbox } from '#tests/functional/onboarding/support'
import { CIEL_BLEU_PASSWORD, cielBleu } from '#tests/helpers/ciel_bleu'

/**
 * The manual's 2.6 and 2.7 in Chromium, on its example partner: Alex7
 * (« Association Ciel Bleu ») adds the CNAV convention CL19720812 with the CARSAT Hauts-de-France, whose
 * administrator caissehdf validates it in « Dossiers à traiter »; the tab
 * then says « validé ». A second convention is invalidated with a reason,
 * the tab says « invalidé » and the partner's administrator receives the
 * mail naming its number and the caisse. axe runs on each screen.
 */

const FIRST = 'CL19720812'
const SECOND = 'CL20261130'
const CAISSE = 'CARSAT Hauts-de-France'
const REASON = 'Le code convention ne correspond à aucune convention de la caisse.'

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto(new URL('/connexion', page.url()).toString())
  await page.getByLabel(/^Identifiant/).fill(login)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.assertPath('/services')
}

async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click()
  await page.waitForURL((url) => url.pathname === '/')
}

async function openConventions(page: Page) {
  await page.goto(new URL('/administration?onglet=conventions', page.url()).toString())
  await page.assertVisible(page.getByRole('tab', { name: 'Conventions', selected: true }))
  return page.getByRole('tabpanel', { name: 'Conventions' })
}

/** M8: « Ajouter une convention » as the manual fills it */
async function addConvention(page: Page, code: string, type: string) {
  const panel = await openConventions(page)
  const choose = async (name: RegExp, option: string) => {
    await panel.getByRole('combobox', { name }).click()
    await page.getByRole('option', { name: option, exact: true }).click()
  }
  await choose(/^Régime/, 'CNAV – régime général')
  await choose(/^Caisse/, CAISSE)
  await choose(/^Type de convention/, type)
  await panel.getByLabel(/^Code convention/).fill(code)
  await panel.getByRole('button', { name: 'Valider', exact: true }).click()
  await page.assertVisible(page.getByText(CONVENTION_ADDED))
  const row = panel.getByRole('row', { name: new RegExp(code) })
  await page.assertVisible(row.getByRole('cell', { name: 'en attente de validation', exact: true }))
  return panel
}

/** C1 C2: caissehdf finds the convention by its code and decides */
async function decide(page: Page, code: string, decision: 'Valider' | 'Invalider') {
  await signIn(page, 'caissehdf')
  await page.getByRole('link', { name: /Dossiers à traiter/ }).click()
  await page.assertPath('/caisse/dossiers')
  await page.getByRole('searchbox', { name: /Rechercher/ }).fill(code)
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click()
  await page.waitForURL(/recherche=/)
  await page.assertElementsCount(page.getByRole('table').getByRole('link'), 1)
  await page.assertVisible(page.getByRole('cell', { name: code, exact: true }))
  await page.getByRole('link', { name: 'Association Ciel Bleu' }).click()
  await page.assertVisible(
    page.getByRole('heading', { level: 1, name: 'Convention – Association Ciel Bleu' })
  )
  await page.assertVisible(page.getByText(code, { exact: true }).first())
  await expectNoSeriousA11yViolations(page, `C2 convention ${code} à traiter`)
  if (decision === 'Invalider') {
    await page.getByLabel(/^Motif de l.invalidation/).fill(REASON)
  }
  await page.getByRole('button', { name: decision, exact: true }).click()
  await page.assertVisible(page.getByText(/^Décision enregistrée : Convention/))
  await signOut(page)
}

test.group('M6 M8 C1 C2 conventions of the partner administration in the browser', (group) => {
  group.setup(async () => {
    await cielBleu()
  })

  test('M6 M8 C1 C2 Alex7 (Association Ciel Bleu) adds CL19720812, caissehdf validates it; a second one is invalidated and mailed', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'Alex7', CIEL_BLEU_PASSWORD)

    /** M6 M8: the tab, its notice and its form */
    let panel = await openConventions(page)
    await page.assertVisible(
      panel.getByText(
        'Pour toute modification d’une convention déjà validée, merci de vous rapprocher de l’administrateur caisse de la région concernée.'
      )
    )
    await page.assertVisible(panel.getByRole('heading', { name: 'Ajouter une convention' }))
    await expectNoSeriousA11yViolations(page, 'M8 « Conventions »')

    /** A refused « Valider »: the code is required, nothing is added */
    await panel.getByRole('button', { name: 'Valider', exact: true }).click()
    await page.assertVisible(page.getByText('Le champ « Code convention » est obligatoire.'))
    await expectNoSeriousA11yViolations(page, 'M8 « Conventions » refusé')

    panel = await addConvention(page, FIRST, 'Évaluation des besoins à domicile')
    await expectNoSeriousA11yViolations(page, 'M8 convention en attente de validation')
    await signOut(page)

    await decide(page, FIRST, 'Valider')

    await signIn(page, 'Alex7', CIEL_BLEU_PASSWORD)
    panel = await openConventions(page)
    const first = panel.getByRole('row', { name: new RegExp(FIRST) })
    await page.assertVisible(first.getByRole('cell', { name: 'validé', exact: true }))
    await page.assertVisible(first.getByText(/Convention validée par la caisse/))

    /** 2.7: a second convention, invalidated by the caisse */
    await addConvention(page, SECOND, 'Aide à domicile')
    await signOut(page)
    await decide(page, SECOND, 'Invalider')

    await signIn(page, 'Alex7', CIEL_BLEU_PASSWORD)
    panel = await openConventions(page)
    const second = panel.getByRole('row', { name: new RegExp(SECOND) })
    await page.assertVisible(second.getByRole('cell', { name: 'invalidé', exact: true }))
    await page.assertVisible(second.getByText(REASON, { exact: false }))
    await expectNoSeriousA11yViolations(page, 'M8 conventions validée et invalidée')

    /** The mail to the partner's administrator names the number and the caisse */
    const administrator = await User.findByOrFail('login_key', 'alex7')
    await deliverOutbox()
    const received = await mailbox.waitFor(
      (mail) => mail.to.includes(administrator.email) && mail.text.includes(SECOND)
    )
    assert.include(received.subject, SECOND)
    assert.include(received.text, `La convention n° ${SECOND}`)
    assert.include(received.text, `auprès de la caisse ${CAISSE}`)
    assert.include(received.text, REASON)
  })
})
