import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { signIn } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { workflowFixture } from '#tests/helpers/studio_broken_fixtures'

const CONVENTION = 'Validation d\u2019une nouvelle convention'
/** The red of the graph's marks (#ce0500) */
const RED = 'rgb(206, 5, 0)'

/** « Importer » a broken studio fixture as the draft of « convention », with the JSON pasted */
async function importFixture(page: Page, name: string) {
  const body = await workflowFixture(`broken/${name}`)
  body.key = 'convention'
  await page.goto(new URL('/atelier/parcours', page.url()).toString())
  await page
    .getByRole('region', { name: CONVENTION.replace('\u2019', "'") })
    .getByRole('button', { name: /^Importer une version/ })
    .click()
  const form = page.getByRole('region', { name: /^Importer une version de/ })
  await form.getByLabel('Ou le JSON collé').fill(JSON.stringify(body, null, 2))
  await form.getByRole('button', { name: 'Importer' }).click()
  /** The form keeps the address of « Parcours » (preserveUrl): the draft page is what shows */
  await page.assertVisible(page.getByRole('heading', { level: 1, name: /: brouillon$/ }))
}

async function abandonDraft(page: Page) {
  await page.getByRole('button', { name: 'Abandonner le brouillon' }).click()
  await page
    .getByRole('dialog', { name: 'Abandonner le brouillon ?' })
    .getByRole('button', { name: 'Oui, abandonner le brouillon' })
    .click()
  await page.assertPath('/atelier/parcours')
}

/**
 * S4 in Chromium: the analyst imports a draft with a state nobody can
 * leave, then one whose transition leads to a state that does not exist;
 * each time the graph marks the problem on the right node or edge (red,
 * « à corriger » and the message in its accessible name), the other
 * elements stay unmarked, and « Description du graphe » says it in words;
 * axe on the page, graph included.
 */
test.group('S4 the problems of the checks marked on the graph', () => {
  test('S4 a state problem is on its node, a transition problem on its edge, and in the description', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')

    await importFixture(page, 'added-state-without-way-out')
    const graph = page.getByRole('region', { name: 'Graphe du parcours' })
    const stuck = graph.getByRole('group', {
      name: /^État « Pièces complémentaires demandées », à corriger : L'état « pieces » n'est pas final et n'a aucune transition de sortie/,
    })
    await page.assertVisible(stuck)
    await page.assertVisible(stuck.getByText('À corriger (1)'))
    assert.equal(await stuck.evaluate((element) => getComputedStyle(element).borderTopColor), RED)
    /** The other states are not marked */
    await page.assertVisible(graph.getByRole('group', { name: 'État « En attente », départ' }))
    await page.assertExists(
      graph.getByText(
        /^Pièces complémentaires demandées \(à corriger : L'état « pieces » n'est pas final.+\) : aucune transition\.$/
      )
    )
    await expectNoSeriousA11yViolations(page, 'S4 graphe avec un état à corriger')

    await abandonDraft(page)
    await importFixture(page, 'added-state-target-missing')
    const wrong = graph.getByLabel(
      /^« Envoyer les pièces » de « Pièces complémentaires demandées » vers « complet », à corriger : L'état cible « complet » n'existe pas\.$/
    )
    await page.assertVisible(wrong)
    assert.equal(
      await wrong
        .locator('.react-flow__edge-path')
        .evaluate((element) => getComputedStyle(element).stroke),
      RED
    )
    /** The state it should lead to is drawn, dashed, so the edge has an end */
    await page.assertVisible(
      graph.getByRole('group', { name: 'État inexistant « complet », à corriger' })
    )
    /** The other transitions and the states are not marked */
    await page.assertVisible(
      graph.getByLabel(
        '« Demander des pièces » de « En attente » vers « Pièces complémentaires demandées »',
        {
          exact: true,
        }
      )
    )
    await page.assertVisible(
      graph.getByRole('group', { name: 'État « Pièces complémentaires demandées »', exact: true })
    )
    await page.assertExists(
      graph.getByText(
        /« Envoyer les pièces » vers « complet » \(à corriger : L'état cible « complet » n'existe pas\.\)/
      )
    )
    await expectNoSeriousA11yViolations(page, 'S4 graphe avec une transition à corriger')
  })
})
