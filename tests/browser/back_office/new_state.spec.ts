import { test } from '@japa/runner'
import { DEMO_PASSWORD } from '#database/seeders/03_demo_seeder'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import {
  PIECES_TITLE,
  pendingConvention,
  publishConventionWithPieces,
  unique,
} from '#tests/functional/back_office/support'

/**
 * C2 S4 in Chromium: a version of « convention » with a state an analyst
 * added; the caisse administrator opens the convention, is told the
 * message is needed (next to the field, tied to it), fills the text, the
 * list and the box and sees the record in « Pièces complémentaires demandées ».
 */
test.group('C2 S4 an event added by an analyst, in the browser', (group) => {
  group.setup(async () => {
    await publishConventionWithPieces()
  })

  test('C2 S4 a caisse administrator asks for pieces with the event’s form', async ({ visit }) => {
    const partnerName = `Association Pièces ${unique()}`
    const instance = await pendingConvention({ caisseCode: 'CARSAT-HDF', partnerName })

    const page = await visit('/connexion')
    await page.getByLabel(/^Identifiant/).fill('caissehdf')
    await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/services')

    await page.goto(`/caisse/dossiers/${instance.id}`)
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: `Convention – ${partnerName}` })
    )
    const form = page.getByRole('form', { name: 'Demander des pièces' })
    const message = form.getByRole('textbox', { name: /^Message au partenaire/ })
    await page.assertVisible(message)
    await page.assertVisible(form.getByRole('combobox', { name: /^Type de convention concerné/ }))
    await page.assertVisible(form.getByRole('checkbox', { name: 'Demande urgente' }))

    /** No message: the error under the field, tied to it */
    await form.getByRole('button', { name: 'Demander des pièces' }).click()
    const error = page.getByText('Le champ « Message au partenaire » est obligatoire.')
    await page.assertVisible(error)
    const invalid = await message.getAttribute('aria-invalid')
    const describedBy = (await message.getAttribute('aria-describedby')) ?? ''
    const errorId = await error.getAttribute('id')
    if (invalid !== 'true' || !errorId || !describedBy.split(/\s+/).includes(errorId)) {
      throw new Error(`The error is not tied to the field (${invalid} ${describedBy} / ${errorId})`)
    }
    await expectNoSeriousA11yViolations(page, 'C2 S4 « Demander des pièces » without a message')

    await message.fill('Merci de joindre le RIB.')
    await form.getByRole('combobox', { name: /^Type de convention concerné/ }).click()
    await page.getByRole('option').first().click()
    await form.getByRole('checkbox', { name: 'Demande urgente' }).check()
    await form.getByRole('button', { name: 'Demander des pièces' }).click()

    await page.assertVisible(page.getByText(`Décision enregistrée : ${PIECES_TITLE}.`))
    await page.assertVisible(page.getByRole('strong').getByText(PIECES_TITLE))
    await page.assertVisible(page.getByRole('cell', { name: /Merci de joindre le RIB\./ }))
    await expectNoSeriousA11yViolations(page, 'C2 S4 the record in its new state')
  })
})
