import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { signIn } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'

const CONVENTION = 'Validation d\u2019une nouvelle convention'
const LIFECYCLE = 'Cycle de vie d\u2019un compte utilisateur'

/** A workflow's section on « Parcours » */
const section = (page: Page, title: string) =>
  page.getByRole('region', { name: title.replace('\u2019', "'") })

/**
 * S2 S3 S9 in Chromium: the demo analyst makes a draft with « Nouvelle
 * version », finds it listed as « brouillon », publishes it and sees the
 * versions « publiée » and « retirée »; abandons another draft after its
 * confirmation, with the keyboard; axe on each studio page.
 */
test.group('S3 S9 « Atelier » › « Parcours »: draft, publication, versions', () => {
  test('S3 S9 the analyst makes a draft of « convention », publishes it, and sees the versions publiée and retirée', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await page.goto(new URL('/atelier/parcours', page.url()).toString())
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Parcours' }))
    await expectNoSeriousA11yViolations(page, 'S2 « Parcours »')

    const convention = section(page, CONVENTION)
    await convention
      .getByRole('button', { name: `Nouvelle version de « ${CONVENTION.replace('\u2019', "'")} »` })
      .click()
    await page.assertPath('/atelier/parcours/convention/brouillon')
    await page.assertVisible(page.getByText(/est un brouillon : modifiez-le puis publiez-le/))
    await page.assertVisible(page.getByRole('heading', { level: 2, name: /Version 2/ }))
    await page.assertVisible(page.getByText(/^Aucun problème/))
    await expectNoSeriousA11yViolations(page, 'S3 brouillon')

    /** S8 from the draft: « Comparer avec la version publiée » opens the comparison of both */
    await page.getByRole('link', { name: 'Comparer avec la version publiée' }).click()
    await page.waitForURL(/\/atelier\/parcours\/convention\/comparer\?de=1&a=2$/)
    await page.goBack()
    await page.assertPath('/atelier/parcours/convention/brouillon')

    /** Listed as « brouillon », with « Modifier le brouillon » */
    await page
      .getByRole('navigation', { name: 'Atelier' })
      .getByRole('link', { name: 'Parcours' })
      .click()
    await page.assertPath('/atelier/parcours')
    const versions = section(page, CONVENTION)
    await page.assertVisible(versions.getByRole('row', { name: /Version 2 brouillon/ }))
    await versions.getByRole('link', { name: /^Modifier le brouillon/ }).click()
    await page.assertPath('/atelier/parcours/convention/brouillon')

    await page.getByRole('button', { name: 'Publier' }).click()
    await page.assertPath('/atelier/parcours')
    await page.assertVisible(page.getByText(/La version 2 de .* est publiée/))
    const after = section(page, CONVENTION)
    await page.assertVisible(after.getByRole('row', { name: /Version 2 publiée analyste/ }))
    await page.assertVisible(after.getByRole('row', { name: /Version 1 retirée/ }))
    await page.assertVisible(after.getByRole('button', { name: /^Nouvelle version/ }))
    await expectNoSeriousA11yViolations(page, 'S9 « Parcours » après publication')
  })

  test('S3 « Abandonner le brouillon » asks for a confirmation, with the keyboard; « Importer » opens its form', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await page.goto(new URL('/atelier/parcours', page.url()).toString())

    /** « Importer » opens its form, the focus on its title */
    const lifecycle = section(page, LIFECYCLE)
    await lifecycle.getByRole('button', { name: /^Importer une version/ }).click()
    const form = page.getByRole('region', { name: /^Importer une version de/ })
    await page.assertVisible(form.getByLabel('Ou le JSON collé'))
    await expectNoSeriousA11yViolations(page, 'S9 « Importer »')
    await form.getByRole('button', { name: 'Annuler' }).click()

    await lifecycle.getByRole('button', { name: /^Nouvelle version/ }).click()
    await page.assertPath('/atelier/parcours/user-lifecycle/brouillon')
    const abandon = page.getByRole('button', { name: 'Abandonner le brouillon' })
    await abandon.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Abandonner le brouillon ?' })
    await page.assertVisible(dialog)
    /** Its opening animation over: axe judges the colours as they end */
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[role="dialog"]')).every(
        (element) => getComputedStyle(element).opacity === '1'
      )
    )
    await expectNoSeriousA11yViolations(page, 'S3 confirmation de l’abandon')
    /** « Annuler » has the focus; Escape closes it and nothing happens */
    await page.waitForFunction(() => document.activeElement?.textContent === 'Annuler')
    await page.keyboard.press('Escape')
    await page.assertNotExists(dialog)
    await page.assertPath('/atelier/parcours/user-lifecycle/brouillon')

    await abandon.focus()
    await page.keyboard.press('Enter')
    await dialog.getByRole('button', { name: 'Oui, abandonner le brouillon' }).focus()
    await page.keyboard.press('Enter')
    await page.assertPath('/atelier/parcours')
    await page.assertVisible(page.getByText(/Le brouillon \(version 2\) est abandonné/))
    await page.assertVisible(
      section(page, LIFECYCLE).getByRole('button', { name: /^Nouvelle version/ })
    )
  })
})
