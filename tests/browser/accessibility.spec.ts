import { test } from '@japa/runner'
import { expectNoSeriousA11yViolations, firstTabStop } from '#tests/helpers/accessibility'

/**
 * RGAA / WCAG 2.1 AA checks with axe-core in Chromium, plus the keyboard
 * path every page must offer: the first Tab stop is the skip link.
 */
test.group('Accessibility', () => {
  test('P1 A1 the home and sign-in pages have no serious or critical axe violation', async ({
    visit,
    assert,
  }) => {
    for (const [label, path, heading] of [
      ['P1 home', '/', 'L’action sociale des caisses de retraite'],
      ['A1 sign-in', '/connexion', 'Connexion'],
    ] as const) {
      const page = await visit(path)
      await page.assertVisible(page.getByRole('heading', { level: 1, name: heading }))

      await expectNoSeriousA11yViolations(page, label)

      const first = await firstTabStop(page)
      assert.equal(first.text, 'Aller au contenu', `${label}: first Tab stop`)
      assert.equal(first.href, '#contenu', `${label}: skip link target`)
      const skipLink = page.getByRole('link', { name: 'Aller au contenu' })
      await page.assertVisible(skipLink)

      await page.keyboard.press('Enter')
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'contenu',
        `${label}: the skip link moves focus to the main content`
      )
      await page.close()
    }
  })
})
