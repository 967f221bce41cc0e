import { test } from '@japa/runner'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import { chooseWithKeyboard, newDraftWithKeyboard, tabTo } from '#tests/helpers/keyboard'
import { signIn } from '#tests/helpers/browser_session'

/**
 * S4 in Chromium, with the keyboard alone: on a draft of « convention »,
 * the analyst adds the action sendMail (its mail template and its « to »)
 * to the transition « Invalider » from the registry's catalogue and sees
 * it listed in the outline; a condition whose required param is left
 * empty is refused with the message next to that param; axe on the page.
 */
test.group('S4 the guards and actions of a transition in the outline', () => {
  test('S4 sendMail added to a transition with the keyboard alone is listed with its params; a bad condition is refused next to its param', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/connexion')
    await signIn(page, 'analyste')
    await newDraftWithKeyboard(page, /^Nouvelle version de « Validation d/, 'convention')

    const open = page.getByRole('button', { name: /^Ajouter une action à « Invalider » de « / })
    await tabTo(page, open)
    await page.keyboard.press('Enter')
    const form = page.getByRole('form', { name: /^Ajouter une action à « Invalider » de « / })
    await chooseWithKeyboard(page, form.getByLabel(/^Action/), 'sendMail')
    await chooseWithKeyboard(page, form.getByLabel(/^Modèle de mail/), 'convention_inv')
    await tabTo(page, form.getByLabel(/^Destinataire/))
    await page.keyboard.type('context.partnerEmail')
    await tabTo(page, form.getByRole('button', { name: 'Ajouter l’action' }))
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByText('L’action « sendMail » est ajoutée.'))

    const actions = page.getByRole('list', { name: /^Actions de « Invalider » de « / })
    const added = actions.getByRole('listitem').filter({ hasText: 'sendMail' })
    await page.assertVisible(added)
    await page.assertVisible(added.getByText(/Envoie un email/))
    await page.assertVisible(added.getByText('convention_invalidated'))
    await page.assertVisible(added.getByText('context.partnerEmail'))

    /** A condition whose required param is empty: refused, the message tied to its field */
    const choose = page.getByRole('button', { name: /^Choisir une condition de « Invalider »/ })
    await tabTo(page, choose)
    await page.keyboard.press('Enter')
    const guard = page.getByRole('form', { name: /^Condition de « Invalider »/ })
    await chooseWithKeyboard(page, guard.getByLabel(/^Condition/), 'contextEquals')
    await tabTo(page, guard.getByLabel(/^Valeur/))
    await page.keyboard.type('null')
    await tabTo(page, guard.getByRole('button', { name: 'Enregistrer la condition' }))
    await page.keyboard.press('Enter')
    const key = guard.getByLabel(/^Clé des données du dossier/)
    const message = guard.getByText('Le champ « Clé des données du dossier » est obligatoire.')
    await page.assertVisible(message)
    const describedBy = (await key.getAttribute('aria-describedby')) ?? ''
    const messageId = await message.getAttribute('id')
    assert.isNotNull(messageId)
    assert.include(describedBy.split(' '), messageId!)

    await expectNoSeriousA11yViolations(page, 'S4 condition et actions d’une transition')
  })
})
