import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { createDraft, draftOf } from '#services/studio/drafts'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { signIn } from '#tests/helpers/browser_session'
import { analyst } from '#tests/functional/studio/support'

/**
 * S1–S10 axe on EVERY page of « Atelier », found in the router (a page
 * added later is checked without being listed here): each GET route under
 * /atelier that answers an HTML page, with a draft of « preinscription » so
 * that its page, its outline and its graph are drawn. The graph is waited
 * for: it is loaded apart.
 */

/** A value for each parameter of a studio page */
const PARAMETERS: Record<string, string> = { key: 'preinscription', version: '1' }

function studioPages() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.methods.includes('GET') && route.pattern.startsWith('/atelier'))
    .map((route) => ({
      pattern: route.pattern,
      path: route.pattern.replace(/:(\w+)/g, (_, name: string) => PARAMETERS[name] ?? `:${name}`),
    }))
    .filter(({ path }) => !path.includes(':'))
}

test.group('S1–S10 « Atelier »: axe on every page', (group) => {
  group.setup(async () => {
    if (!(await draftOf('preinscription'))) await createDraft('preinscription', await analyst())
  })

  test('S4 S6 S7 S8 every studio page, the graph included, has no serious or critical axe violation', async ({
    visit,
    assert,
  }) => {
    const pages = studioPages()
    assert.includeMembers(
      pages.map(({ pattern }) => pattern),
      [
        '/atelier/referentiels',
        '/atelier/parcours',
        '/atelier/parcours/:key/brouillon',
        '/atelier/parcours/:key/comparer',
      ]
    )
    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin
    await signIn(page, 'analyste')
    let checked = 0
    for (const { pattern, path } of pages) {
      /** Exports and the JSON of the scenarios are files, not pages: asked first, with the session */
      const probe = await page.request.get(`${origin}${path}`)
      if (!(probe.headers()['content-type'] ?? '').startsWith('text/html')) continue
      const response = await page.goto(`${origin}${path}`)
      assert.equal(response?.status(), 200, `${pattern} answers its page`)
      await page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => {
          throw new Error(`${pattern}: no page heading`)
        })
      const graph = page.getByRole('region', { name: /^Graphe/ })
      if (await graph.count()) await graph.locator('.react-flow__node').first().waitFor()
      await expectNoSeriousA11yViolations(page, `« Atelier » ${pattern}`)
      checked++
    }
    assert.isAtLeast(checked, 4)
  })
})
