import { test } from '@japa/runner'
import type { Page } from 'playwright'
import WorkflowDefinition from '#models/workflow_definition'
import { signIn, signOut } from '#tests/helpers/browser_session'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { pendingConvention } from '#tests/functional/back_office/support'

/** A Mantine Select of a form: its combobox by label, then the option */
async function choose(page: Page, form: string, label: RegExp, option: string) {
  await page.getByRole('form', { name: form }).getByRole('combobox', { name: label }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/**
 * S6 in Chromium, the FEATURES scenario 5: the analyst gives « Invalider »
 * of « convention » to the platform administrators instead of the caisse
 * administrators in a new version, and publishes it; the caisse
 * administrator's item of a record started on it offers « Valider » only.
 */
test.group('S6 « Qui peut l’envoyer » in a new version of « convention »', () => {
  test('S6 scenario 5: the analyst changes who may invalidate; the caisse administrator no longer sees « Invalider »', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin
    await signIn(page, 'analyste')
    await page.goto(`${origin}/atelier/parcours`)
    await page
      .getByRole('button', {
        name: /^Nouvelle version de « Validation d.une nouvelle convention »$/,
      })
      .click()
    await page.assertPath('/atelier/parcours/convention/brouillon')
    await page.assertVisible(page.getByRole('heading', { name: 'Qui peut l’envoyer' }))

    const form = 'Ajouter une règle à « Invalider »'
    await choose(page, form, /^Rôle/, 'administrateur de la plateforme')
    await choose(page, form, /^Portée/, 'quel que soit le dossier')
    await page.getByRole('form', { name: form }).getByRole('button', { name: 'Ajouter' }).click()
    await page.assertVisible(page.getByText(/La règle est ajoutée/))
    await page
      .getByRole('button', {
        name: 'Retirer « administrateur caisse, pour les dossiers de ses caisses » de « Invalider »',
      })
      .click()
    await page.assertVisible(page.getByText(/La règle est retirée/))
    await page.assertNotExists(
      page.getByRole('button', {
        name: 'Retirer « administrateur caisse, pour les dossiers de ses caisses » de « Invalider »',
      })
    )
    await expectNoSeriousA11yViolations(page, 'S6 qui peut agir, pages et mails')

    await page.getByRole('button', { name: 'Publier' }).click()
    await page.assertPath('/atelier/parcours')
    await page.assertVisible(page.getByText(/La version \d+ de .* est publiée/))
    await signOut(page)

    const published = await WorkflowDefinition.query()
      .where({ key: 'convention', status: 'published' })
      .firstOrFail()
    const record = await pendingConvention({
      caisseCode: 'CARSAT-HDF',
      partnerName: 'Association Scénario Cinq',
    })
    if (record.definitionId !== published.id) throw new Error('Not started on the new version')
    await signIn(page, 'caissehdf')
    await page.goto(`${origin}/caisse/dossiers/${record.id}`)
    await page.assertVisible(page.getByRole('button', { name: 'Valider', exact: true }))
    await page.assertNotExists(page.getByRole('button', { name: 'Invalider', exact: true }))
  })

  test('S6 a mail template: « Objet » and « Texte » saved, « Aperçu » with the samples, an unknown variable reported next to it', async ({
    visit,
  }) => {
    const page = await visit('/connexion')
    const origin = new URL(page.url()).origin
    await signIn(page, 'analyste')
    await page.goto(`${origin}/atelier/parcours`)
    const create = page.getByRole('button', {
      name: /^Nouvelle version de « Validation d.une nouvelle convention »$/,
    })
    await create.click()
    await page.assertPath('/atelier/parcours/convention/brouillon')

    const form = page.getByRole('form', { name: 'Modèle d’email « convention_invalidated »' })
    const subject = form.getByLabel(/^Objet/)
    await subject.fill('Convention {{code}} invalidée ({{numeroInconnu}})')
    await form.getByRole('button', { name: 'Enregistrer' }).click()
    await page.assertVisible(
      page.getByText(/Le modèle d’email « convention_invalidated » est enregistré/)
    )
    const section = page.locator('#mail-convention_invalidated')
    await section.getByText(/Variable inconnue « \{\{numeroInconnu\}\} » dans l’objet/).waitFor()
    await section.getByText('Objet : Convention CL19720812 invalidée ()').waitFor()
    await expectNoSeriousA11yViolations(page, 'S6 modèles d’email')

    /** An empty « Objet »: the message next to the field, nothing saved */
    await subject.fill('')
    await form.getByRole('button', { name: 'Enregistrer' }).click()
    await form.getByText(/Le champ « Objet » est obligatoire/).waitFor()
    await page.assertVisible(form.getByRole('alert').first())
  })
})
