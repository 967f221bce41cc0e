import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { CIEL_BLEU_PASSWORD, cielBleu } from '#tests/helpers/ciel_bleu'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { clearLimiters, receiveTemporaryPassword } from '#tests/functional/accounts/support'
import {
  USER_CREATED,
  USER_DELETED,
  USER_UPDATED,
} from '#controllers/administration/users_controller'
import { ADDRESS_UPDATED } from '#controllers/administration/address_controller'

/** The « Utilisateurs » panel */
const panelOf = (page: Page) => page.getByRole('tabpanel', { name: 'Utilisateurs' })

/** The row of a login in the users table */
const rowOf = (page: Page, login: string) =>
  panelOf(page)
    .getByRole('table', { name: /^Utilisateurs du partenaire/ })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: login, exact: true }) })

async function createUser(
  page: Page,
  user: { lastName: string; firstName: string; email: string; login: string; admin: boolean }
) {
  const panel = panelOf(page)
  await panel.getByRole('button', { name: 'Créer utilisateur' }).click()
  await panel.getByLabel(/^Nom/).fill(user.lastName)
  await panel.getByLabel(/^Prénom/).fill(user.firstName)
  await panel.getByLabel(/^Email/).fill(user.email)
  await panel.getByLabel(/^Login/).fill(user.login)
  if (user.admin) await panel.getByRole('checkbox', { name: 'Administrateur' }).check()
  await panel.getByRole('button', { name: 'Valider' }).click()
  await page.assertVisible(page.getByRole('status').getByText(USER_CREATED(user.login)))
}

/**
 * The manual's chapter 2 for the users (1.1.3, 2.1–2.3) in Chromium, on
 * the manual's example partner « Association Ciel Bleu »: Alex7 creates MARTIN Mikael
 * (Martin37, not administrator) and SOLEIL Solange (Solange778,
 * administrator), both receive their mail; then changes Solange's phone,
 * makes Martin37 administrator, removes Solange778's status and deletes
 * Solange778 (the cross in « Action », « OK »). axe runs on the tab and on
 * the confirmation.
 */
test.group('M2 M3 M4 M5 « Utilisateurs » in the browser', (group) => {
  group.each.setup(() => clearLimiters())
  group.setup(async () => {
    await cielBleu()
  })

  test('M2 M3 M4 M5 M7 Alex7 (Association Ciel Bleu) creates Martin37 and Solange778, changes them, deletes Solange778 and edits the boîte postale', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await page.getByLabel(/^Identifiant/).fill('Alex7')
    await page.getByLabel(/^Mot de passe/).fill(CIEL_BLEU_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/services')

    await page.getByRole('link', { name: /^Administration/ }).click()
    await page.assertPath('/administration')
    await page.getByRole('tab', { name: 'Utilisateurs' }).click()
    await page.waitForURL(/[?&]onglet=utilisateurs$/)
    const panel = panelOf(page)
    for (const column of ['Login', 'Nom', 'Prénom', 'Statut', 'Action']) {
      await page.assertVisible(panel.getByRole('columnheader', { name: column, exact: true }))
    }
    await expectNoSeriousA11yViolations(page, 'M2 « Utilisateurs »')

    /** M2: « Créer utilisateur » drops what was being typed */
    await panel.getByLabel(/^Nom/).fill('BROUILLON')
    await panel.getByRole('button', { name: 'Créer utilisateur' }).click()
    await page.assertInputValue(panel.getByLabel(/^Nom/), '')

    /** M2: the manual's two users */
    await createUser(page, {
      lastName: 'MARTIN',
      firstName: 'Mikael',
      email: 'martin37@fr.fr',
      login: 'Martin37',
      admin: false,
    })
    await page.assertVisible(
      rowOf(page, 'Martin37').getByRole('cell', { name: 'Utilisateur', exact: true })
    )
    await page.assertInputValue(panel.getByLabel(/^Login/), '')
    await createUser(page, {
      lastName: 'SOLEIL',
      firstName: 'Solange',
      email: 'solange778@fr.fr',
      login: 'Solange778',
      admin: true,
    })
    await page.assertVisible(
      rowOf(page, 'Solange778').getByRole('cell', { name: 'Administrateur', exact: true })
    )
    const martinMail = await receiveTemporaryPassword('martin37@fr.fr')
    const solangeMail = await receiveTemporaryPassword('solange778@fr.fr')
    assert.include(martinMail.mail.text, 'Martin37')
    assert.include(solangeMail.mail.text, 'Solange778')
    await expectNoSeriousA11yViolations(page, 'M2 after the creations')

    /** M3: Solange's row opens her, the login read-only; her phone changes */
    await rowOf(page, 'Solange778').getByRole('button', { name: 'Solange778', exact: true }).click()
    const form = panel.getByRole('form', { name: 'Modifier l’utilisateur Solange778' })
    await page.assertVisible(form)
    assert.isNotNull(await form.getByLabel(/^Login/).getAttribute('readonly'))
    await form.getByLabel(/^Téléphone/).fill('0321456789')
    await form.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByRole('status').getByText(USER_UPDATED('Solange778')))
    await page.assertInputValue(form.getByLabel(/^Téléphone/), '03 21 45 67 89')
    await page.assertVisible(
      panel
        .getByRole('region', { name: 'Historique de l’utilisateur Solange778' })
        .getByText('Téléphone : « (vide) » → « 03 21 45 67 89 »')
    )

    /** M4: Martin37 becomes administrator */
    await rowOf(page, 'Martin37').getByRole('button', { name: 'Martin37', exact: true }).click()
    const martin = panel.getByRole('form', { name: 'Modifier l’utilisateur Martin37' })
    await martin.getByRole('checkbox', { name: 'Administrateur' }).check()
    await martin.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByRole('status').getByText(USER_UPDATED('Martin37')))
    await page.assertVisible(
      rowOf(page, 'Martin37').getByRole('cell', { name: 'Administrateur', exact: true })
    )

    /** M4: Solange778 loses the status */
    await rowOf(page, 'Solange778').getByRole('button', { name: 'Solange778', exact: true }).click()
    await form.getByRole('checkbox', { name: 'Administrateur' }).uncheck()
    await form.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(
      rowOf(page, 'Solange778').getByRole('cell', { name: 'Utilisateur', exact: true })
    )

    /** M4: the administrator's own row has no « Administrateur » checkbox and no cross */
    await rowOf(page, 'Alex7').getByRole('button', { name: 'Alex7', exact: true }).click()
    const own = panel.getByRole('form', { name: 'Modifier l’utilisateur Alex7' })
    await page.assertVisible(own)
    await page.assertNotExists(own.getByRole('checkbox', { name: 'Administrateur' }))
    await page.assertNotExists(rowOf(page, 'Alex7').getByRole('button', { name: /^Supprimer/ }))

    /** M5: the cross of Solange778, the confirmation with the keyboard, « OK » */
    await rowOf(page, 'Solange778')
      .getByRole('button', { name: 'Supprimer l’utilisateur Solange778' })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Supprimer un utilisateur' })
    await page.assertVisible(dialog)
    await page.assertVisible(dialog.getByText(/Solange778/))
    /** Its opening animation over: axe judges the colours as they end */
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[role="dialog"]')).every(
        (element) => getComputedStyle(element).opacity === '1'
      )
    )
    await expectNoSeriousA11yViolations(page, 'M5 the confirmation')
    /** « Annuler » has the focus; Échap closes without deleting */
    await page.keyboard.press('Escape')
    await page.assertNotExists(dialog)
    await page.assertVisible(rowOf(page, 'Solange778'))

    await rowOf(page, 'Solange778')
      .getByRole('button', { name: 'Supprimer l’utilisateur Solange778' })
      .click()
    await page.assertVisible(dialog)
    const ok = dialog.getByRole('button', { name: 'OK' })
    await ok.focus()
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByRole('status').getByText(USER_DELETED('Solange778')))
    /** The confirmation is gone (its closing animation over) */
    await page.assertNotExists(dialog)
    await page.assertNotExists(rowOf(page, 'Solange778'))
    await page.assertVisible(rowOf(page, 'Martin37'))
    await expectNoSeriousA11yViolations(page, 'M5 after the deletion')

    /** M7 (2.5): the boîte postale of Association Ciel Bleu */
    await page.getByRole('tab', { name: 'Adresse' }).click()
    const addressPanel = page.getByRole('tabpanel', { name: 'Adresse' })
    await addressPanel.getByLabel(/^Boîte postale/).fill('BP 62')
    await addressPanel.getByRole('button', { name: 'Valider' }).click()
    await page.assertVisible(page.getByRole('status').getByText(ADDRESS_UPDATED))
    await page.assertInputValue(addressPanel.getByLabel(/^Boîte postale/), 'BP 62')
    await page.assertVisible(addressPanel.getByText('Boîte postale : « (vide) » → « BP 62 »'))
  })
})
