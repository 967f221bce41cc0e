import { test } from '@japa/runner'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import {
  addStateWithKeyboard,
  addTransitionWithKeyboard,
  newDraftWithKeyboard,
} from '#tests/helpers/keyboard'
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

    const outline = page.getByRole('region', { name: 'États et transitions' })
    await addStateWithKeyboard(page, outline, 'Pièces complémentaires demandées')
    const pending = outline.getByRole('form', {
      name: /^Ajouter une transition depuis « Convention en attente de validation »/,
    })
    await addTransitionWithKeyboard(page, pending, {
      event: 'DEMANDER_PIECES',
      label: 'Demander des pièces',
      to: 'Pièces',
    })

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
