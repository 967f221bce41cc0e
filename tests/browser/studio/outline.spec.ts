import { test } from '@japa/runner'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { newDraftWithKeyboard, tabTo } from '#tests/helpers/keyboard'
import { signIn } from '#tests/helpers/browser_session'

/**
 * S4 in Chromium, with the keyboard alone: the analyst adds « Pièces
 * complémentaires demandées » to a draft of « convention » and a
 * transition to it from « pending » in the outline; the graph then shows
 * the new state and the new transition; axe on the page, graph included.
 */
test.group('S4 the outline and the graph of a draft', () => {
  test('S4 a state and a transition added in the outline with the keyboard alone show on the graph', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await newDraftWithKeyboard(page, /^Nouvelle version de « Validation d/, 'convention')

    const addState = page.getByRole('form', { name: 'Ajouter un état' })
    await tabTo(page, addState.getByLabel(/^Titre/))
    await page.keyboard.type('Pièces complémentaires demandées')
    await tabTo(page, addState.getByRole('button', { name: 'Ajouter l’état' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(
      page.getByText('L’état « Pièces complémentaires demandées » est ajouté au brouillon.')
    )

    const pending = page.getByRole('form', {
      name: /^Ajouter une transition depuis « Convention en attente de validation »/,
    })
    await tabTo(page, pending.getByLabel(/^Événement/))
    await page.keyboard.type('DEMANDER_PIECES')
    await page.keyboard.press('Escape')
    await tabTo(page, pending.getByLabel(/^Libellé/))
    await page.keyboard.type('Demander des pièces')
    await tabTo(page, pending.getByLabel(/^Vers/))
    await page.keyboard.type('Pièces')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await tabTo(page, pending.getByRole('button', { name: 'Ajouter la transition' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByText('La transition « Demander des pièces » est ajoutée.'))

    /** The graph, drawn from the same draft */
    const graph = page.getByRole('region', { name: 'Graphe du parcours' })
    await page.assertVisible(
      graph
        .getByRole('group', { name: /État « Pièces complémentaires demandées »/ })
        .or(graph.getByLabel(/État « Pièces complémentaires demandées »/))
    )
    await page.assertVisible(
      graph.getByLabel(
        /« Demander des pièces » de « .+ » vers « Pièces complémentaires demandées »/
      )
    )
    /** The description for screen readers, in the collapsed « Description du graphe » */
    await page.assertExists(
      graph.getByText(/« Demander des pièces » vers « Pièces complémentaires demandées »/)
    )
    await expectNoSeriousA11yViolations(page, 'S4 brouillon avec son graphe')
  })
})
