import { test } from '@japa/runner'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import {
  addStateWithKeyboard,
  addTransitionWithKeyboard,
  chooseWithKeyboard,
  newDraftWithKeyboard,
  tabTo,
} from '#tests/helpers/keyboard'
import { signIn } from '#tests/helpers/browser_session'

/**
 * S4 in Chromium, from the graph of a draft of « convention », with the
 * keyboard: a state added beside the graph (and a name taken refused
 * there, not in the outline), a node and an edge selected with Tab and
 * Entrée, a transition added then renamed, the new state renamed, the
 * outline showing the same; a link drawn with the mouse fills « Vers ».
 */
test.group('S4 editing a draft from its graph', () => {
  test('S4 states and transitions added and renamed from the graph, with the keyboard; a link drawn fills « Vers »', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await newDraftWithKeyboard(page, /^Nouvelle version de « Validation d/, 'convention')
    const graph = page.getByRole('region', { name: 'Graphe du parcours' })
    const panel = page.getByRole('region', { name: 'Modifier depuis le graphe' })
    const outline = page.getByRole('region', { name: 'États et transitions' })

    /** « Ajouter un état » beside the graph */
    const addState = await addStateWithKeyboard(page, panel, 'Pièces complémentaires demandées')
    const newNode = graph.getByLabel(/^État « Pièces complémentaires demandées »/)
    await page.assertVisible(newNode)

    /** A name taken is refused next to the panel's field, not in the outline */
    await tabTo(page, addState.getByLabel(/^Titre/))
    await page.keyboard.type('Doublon')
    await tabTo(page, addState.getByLabel(/^Nom technique/))
    await page.keyboard.type('pending')
    await tabTo(page, addState.getByRole('button', { name: 'Ajouter l’état' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(
      addState.getByText('Un état s’appelle déjà « pending » : choisissez un autre nom.')
    )
    await page.assertNotExists(outline.getByText(/Un état s’appelle déjà/))

    /** A node selected with Tab and Entrée */
    await tabTo(page, graph.getByLabel(/^État « Convention en attente de validation »/))
    await page.keyboard.press('Enter')
    await page.assertVisible(
      panel.getByText('État « Convention en attente de validation » sélectionné.')
    )
    const fromPending = panel.getByRole('form', {
      name: /^Ajouter une transition depuis « Convention en attente de validation »/,
    })
    await addTransitionWithKeyboard(page, fromPending, {
      event: 'DEMANDER_PIECES',
      label: 'Demander des pièces',
      to: 'Pièces',
    })
    const edge = graph.getByLabel(
      /^« Demander des pièces » de « Convention en attente de validation » vers « Pièces complémentaires demandées »/
    )
    await page.assertExists(edge)
    /** The panel kept its selection */
    await page.assertVisible(
      panel.getByText('État « Convention en attente de validation » sélectionné.')
    )

    /** The edge selected with Tab and Entrée, renamed */
    await tabTo(page, edge)
    await page.keyboard.press('Enter')
    await page.assertVisible(
      panel.getByText(/^Transition « Demander des pièces » de .+ sélectionnée\.$/)
    )
    const relabel = panel.getByRole('form', {
      name: /^Renommer la transition « Demander des pièces »/,
    })
    await tabTo(page, relabel.getByLabel(/^Libellé/))
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('Demander des pièces complémentaires')
    const tone = relabel.getByRole('combobox', { name: /^Apparence du bouton/ })
    await chooseWithKeyboard(page, tone, 'Accepter')
    await tabTo(page, relabel.getByRole('button', { name: 'Enregistrer le libellé' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(
      page.getByText('La transition s’appelle maintenant « Demander des pièces complémentaires ».')
    )
    await page.assertExists(
      graph.getByLabel(/^« Demander des pièces complémentaires » de « Convention en attente/)
    )
    /** Its button's tone kept, as the panel's form shows it again */
    await page.assertInputValue(
      panel
        .getByRole('form', {
          name: /^Renommer la transition « Demander des pièces complémentaires »/,
        })
        .getByRole('combobox', { name: /^Apparence du bouton/ }),
      'Accepter (vert)'
    )
    /** The outline shows the same */
    await page.assertVisible(
      outline.getByRole('rowheader', { name: /Demander des pièces complémentaires/ })
    )

    /** The new state renamed from the panel's list; its transition follows */
    await chooseWithKeyboard(
      page,
      panel.getByRole('combobox', { name: 'État sélectionné' }),
      'Pièces'
    )
    const rename = panel.getByRole('form', {
      name: 'Renommer l’état « Pièces complémentaires demandées »',
    })
    await tabTo(page, rename.getByLabel(/^Nouveau nom technique/))
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('pieces')
    await tabTo(page, rename.getByRole('button', { name: 'Enregistrer' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByText('L’état s’appelle maintenant « pieces ».'))
    await page.assertVisible(outline.getByRole('heading', { name: /\(pieces\)/ }))
    await page.assertVisible(
      panel.getByText('État « Pièces complémentaires demandées » sélectionné.')
    )
    await expectNoSeriousA11yViolations(page, 'S4 graphe modifié')

    /** Extra for a mouse: a link drawn from a state to another prepares the transition */
    const handle = (state: string, side: 'source' | 'target') =>
      graph.locator(`.react-flow__node[data-id="${state}"] .react-flow__handle.${side}`)
    await graph.locator('.react-flow').scrollIntoViewIfNeeded()
    const from = await handle('pieces', 'source').boundingBox()
    const to = await handle('pending', 'target').boundingBox()
    assert.isNotNull(from)
    assert.isNotNull(to)
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2)
    await page.mouse.down()
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 10 })
    await page.mouse.up()
    const fromPieces = panel.getByRole('form', {
      name: /^Ajouter une transition depuis « Pièces complémentaires demandées »/,
    })
    assert.match(
      await fromPieces.getByLabel(/^Vers/).inputValue(),
      /Convention en attente de validation/
    )
  })
})
