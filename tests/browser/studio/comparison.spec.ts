import { test } from '@japa/runner'
import { signIn } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { secondVersion } from '#tests/functional/studio/comparison_support'

const CONVENTION = 'Validation d\u2019une nouvelle convention'

/**
 * S8 in Chromium: the demo analyst opens « Comparer » from « Parcours »
 * (a second version of « convention » with « pieces_demandees » is
 * published), reads the differences in French, scrolls the JSON side by
 * side with the keyboard, and is told to pick two different versions
 * when both selects name the same; axe on each state of the page.
 */
test.group('S8 « Atelier » › « Parcours » › « Comparer »', (group) => {
  group.setup(async () => {
    await secondVersion()
  })

  test('S8 the analyst opens « Comparer » from « Parcours », sees the differences and the JSON side by side', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await page.goto(new URL('/atelier/parcours', page.url()).toString())
    await page
      .getByRole('region', { name: CONVENTION.replace('\u2019', "'") })
      .getByRole('link', { name: /^Comparer deux versions de/ })
      .click()
    await page.assertPath('/atelier/parcours/convention/comparer')
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: /comparer deux versions/ })
    )
    await page.assertVisible(
      page.getByText('5 différences de la version 1 (retirée) à la version 2 (publiée).')
    )

    const differences = page.getByRole('region', { name: 'Différences' })
    for (const heading of [
      'États',
      'Transitions',
      'Champs',
      'Permissions (« Qui peut l’envoyer »)',
    ]) {
      await page.assertVisible(differences.getByRole('heading', { level: 3, name: heading }))
    }
    await page.assertVisible(differences.getByText('État pieces_demandees'))
    await page.assertVisible(
      differences.getByText('De pending, l’événement REQUEST_DOCUMENTS vers pieces_demandees')
    )
    await page.assertVisible(
      differences.getByText(
        'Maintenant : « Pièces complémentaires demandées » ; page workflow/status'
      )
    )
    await page.assertVisible(
      differences.getByText(/^Avant : administrateur caisse \(les dossiers de sa caisse\)$/)
    )

    /** Marked on the graph: the new state and transitions added, VALIDATE changed */
    const graph = page.getByRole('region', { name: 'Graphe des différences' })
    await page.assertVisible(
      graph.getByLabel(/^État « Pièces complémentaires demandées », ajouté$/)
    )
    await page.assertVisible(
      graph.getByLabel(
        /^« Demander des pièces » de « .+ » vers « Pièces complémentaires demandées », ajoutée$/
      )
    )
    await page.assertVisible(graph.getByLabel(/^« Valider » de « .+ » vers « .+ », modifiée$/))
    await page.assertExists(graph.getByText(/« Envoyer les pièces » vers « .+ » \(ajoutée\)/))
    await expectNoSeriousA11yViolations(page, 'S8 « Comparer »')

    /** The JSON side by side: two regions that take the focus and scroll with the keyboard, together */
    const before = page.getByRole('region', { name: 'Version 1 (retirée)' })
    const after = page.getByRole('region', { name: 'Version 2 (publiée)' })
    await page.assertVisible(after.getByText('"title": "Pièces complémentaires demandées"'))
    await before.focus()
    await page.keyboard.press('PageDown')
    await page.waitForFunction(() => {
      const regions = document.querySelectorAll<HTMLElement>('[role="region"][tabindex="0"]')
      const [left, right] = [regions.item(0), regions.item(1)]
      return left.scrollTop > 0 && right.scrollTop === left.scrollTop
    })

    /** « Aller à une différence »: the last one at the top of the regions, the focus on the left one */
    await page
      .getByRole('navigation', { name: 'Aller à une différence' })
      .getByRole('button')
      .last()
      .click()
    await page.waitForFunction(() => {
      const region = document.activeElement as HTMLElement | null
      return region?.getAttribute('role') === 'region' && region.scrollTop > 200
    })

    /** The same version twice: the message next to « Version d’arrivée », the focus on it */
    await page.getByLabel('Version d’arrivée').selectOption({ label: 'Version 1 (retirée)' })
    await page.getByRole('button', { name: 'Comparer' }).click()
    await page.assertVisible(page.getByText('Choisissez deux versions différentes.'))
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'a')
    await page.assertNotExists(page.getByRole('region', { name: 'Différences' }))
    await expectNoSeriousA11yViolations(page, 'S8 « Comparer » refusé')
  })
})
