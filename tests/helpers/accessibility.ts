import { AxeBuilder } from '@axe-core/playwright'
import { AssertionError } from 'node:assert'
import type { Page } from 'playwright'
import type { Result } from 'axe-core'

/**
 * The WCAG 2.1 A and AA rules, the level RGAA 4 asks of public services.
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Impacts a page must never have */
export const BLOCKING_IMPACTS = ['serious', 'critical']

/**
 * Runs axe on the page as it is now (WCAG 2.1 A/AA rules) and returns the
 * violations whose impact is "serious" or "critical".
 */
export async function seriousA11yViolations(
  page: Page,
  options: { include?: string; exclude?: string } = {}
): Promise<Result[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  if (options.include) builder = builder.include(options.include)
  if (options.exclude) builder = builder.exclude(options.exclude)
  const results = await builder.analyze()
  return results.violations.filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? ''))
}

/**
 * One line per violation: rule id, impact, help text and the CSS targets of
 * the failing nodes, so that a failed assertion says what to fix and where.
 */
export function formatA11yViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ')
      return `- ${violation.id} (${violation.impact}): ${violation.help} -> ${targets}`
    })
    .join('\n')
}

/**
 * Fails with the rule ids and targets when the page has a serious or
 * critical axe violation. `label` names the page in the message.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  label: string = page.url(),
  options: { include?: string; exclude?: string } = {}
): Promise<void> {
  const violations = await seriousA11yViolations(page, options)
  if (violations.length > 0) {
    throw new AssertionError({
      message: `${label}: ${violations.length} serious or critical axe violation(s)\n${formatA11yViolations(violations)}`,
      actual: violations.map((violation) => violation.id),
      expected: [],
      operator: 'deepStrictEqual',
      stackStartFn: expectNoSeriousA11yViolations,
    })
  }
}

/**
 * Presses Tab from the top of the page, whatever has the focus now (an
 * autofocus field, say), and describes the element that gets the focus.
 * A temporary unfocusable-by-Tab marker at the start of <body> takes the
 * focus first: blur() alone leaves Chromium's starting point where it was.
 */
export async function firstTabStop(
  page: Page
): Promise<{ tag: string; text: string; href: string | null }> {
  await page.evaluate(() => {
    const marker = document.createElement('span')
    marker.id = 'a11y-tab-start'
    marker.tabIndex = -1
    document.body.prepend(marker)
    marker.focus()
  })
  await page.keyboard.press('Tab')
  return page.evaluate(() => {
    document.getElementById('a11y-tab-start')?.remove()
    const active = document.activeElement as HTMLElement | null
    return {
      tag: active?.tagName.toLowerCase() ?? '',
      text: (active?.textContent ?? '').trim(),
      href: active?.getAttribute('href') ?? null,
    }
  })
}
