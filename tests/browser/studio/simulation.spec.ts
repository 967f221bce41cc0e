import { test } from '@japa/runner'
import { signIn } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'

/**
 * S7 « Simuler » in Chromium: the analyst makes a new version of
 * « preinscription », simulates it as a visitor (« J’accepte » ticked,
 * « Envoyer »), sees the state move and the graph mark it, switches
 * « Qui agit », goes back one step; nothing is saved.
 */
test.group('S7 « Simuler » the draft of « preinscription »', () => {
  test('S7 the analyst simulates a visitor accepting the conditions, then goes back one step', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin
    await signIn(page, 'analyste')
    await page.goto(`${origin}/atelier/parcours`)
    await page
      .getByRole('button', { name: /^Nouvelle version de « Préinscription d.un partenaire »$/ })
      .click()
    await page.assertPath('/atelier/parcours/preinscription/brouillon')

    const panel = page.getByRole('region', { name: 'Simuler' })
    await panel.getByRole('button', { name: 'Simuler', exact: true }).click()
    await page.assertVisible(panel.getByText(/^État actuel : Conditions générales$/))
    await panel
      .getByRole('group', { name: /^Actions possibles pour un visiteur/ })
      .getByRole('button')
      .first()
      .click()
    await panel.getByLabel(/J’accepte/).check()
    await panel.getByRole('button', { name: 'Envoyer' }).click()
    await page.assertVisible(panel.getByText(/^État actuel : Code convention$/))
    await page.assertVisible(
      panel.getByText(/par un visiteur : Conditions générales → Code convention/)
    )
    /** The graph marks the states the simulation went through, and the transition it took */
    await page.assertExists(
      page.locator('[aria-label="État « Code convention », parcouru par la simulation"]')
    )
    await page.assertExists(
      page.locator('[aria-label$="vers « Code convention », prise par la simulation"]')
    )
    await expectNoSeriousA11yViolations(page, 'S7 simuler')

    await panel.getByRole('combobox', { name: 'Qui agit' }).click()
    await page.getByRole('option', { name: 'administrateur caisse', exact: true }).click()
    await page.assertVisible(panel.getByText(/ne peut rien envoyer dans cet état/))

    await panel.getByRole('button', { name: 'Revenir d’une étape' }).click()
    await page.assertVisible(panel.getByText(/^État actuel : Conditions générales$/))
    /** Back at the start, no transition is marked as taken any more */
    await page.assertNotExists(page.locator('[aria-label$=", prise par la simulation"]'))
  })
})
