import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import type { Page } from 'playwright'
import { signIn } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'

/** A phone held upright: the width RGAA 10.11 asks content to work at */
const NARROW = { width: 360, height: 740 }

/**
 * The table scrolls sideways inside a named region that takes the focus
 * with Tab, and the arrow keys bring the columns out of view.
 */
async function expectKeyboardScrollable(page: Page, assert: Assert, name: string) {
  const region = page.getByRole('region', { name })
  await page.assertVisible(region)
  const overflow = await region.evaluate((element) => element.scrollWidth - element.clientWidth)
  assert.isAbove(overflow, 0, `« ${name} » is wider than the screen at 360 px`)

  await region.focus()
  assert.isTrue(
    await region.evaluate((element) => element === document.activeElement),
    `« ${name} » takes the focus`
  )
  await page.keyboard.press('ArrowRight')
  await region.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const check = () => (element.scrollLeft > 0 ? resolve() : requestAnimationFrame(check))
        check()
      })
  )
  assert.isAbove(await region.evaluate((element) => element.scrollLeft), 0, `→ scrolls « ${name} »`)
}

test.group('Hardening #17 tables on a 360 px screen', () => {
  test('M8 « Conventions » and the other partner tables are focusable scrolling regions, without axe violation', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await page.setViewportSize(NARROW)
    await signIn(page, 'partenaire1')
    await page.assertPath('/services')

    for (const [onglet, region] of [
      ['conventions', 'Conventions du partenaire'],
      ['utilisateurs', 'Utilisateurs du partenaire'],
    ] as const) {
      await page.goto(new URL(`/administration?onglet=${onglet}`, page.url()).toString())
      await expectKeyboardScrollable(page, assert, region)
      await expectNoSeriousA11yViolations(page, `M8 « ${region} » at 360 px`)
    }
  })

  test('C1 « Dossiers à traiter » of a caisse is a focusable scrolling region, without axe violation', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await page.setViewportSize(NARROW)
    await signIn(page, 'caissehdf')
    await page.assertPath('/services')

    await page.goto(new URL('/caisse/dossiers', page.url()).toString())
    await expectKeyboardScrollable(page, assert, 'Dossiers à traiter')
    await expectNoSeriousA11yViolations(page, 'C1 « Dossiers à traiter » at 360 px')
  })
})
