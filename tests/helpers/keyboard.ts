import type { Locator, Page } from 'playwright'

/**
 * Tab until `target` has the focus: what a keyboard user does, and proof
 * that it is reachable without a mouse. The studio's draft page has many
 * controls: the limit is generous, and only a control nobody can reach
 * ever meets it.
 */
export async function tabTo(page: Page, target: Locator, limit = 800) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Not reachable with Tab in ${limit} presses`)
}
