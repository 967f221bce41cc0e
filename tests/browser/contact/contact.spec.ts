import { test } from '@japa/runner'
import ContactMessage from '#models/contact_message'
import { CONTACT_SENT } from '#controllers/contact/contact_controller'
import { CAPTCHA_MISSING } from '#services/captcha/captcha'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import {
  TEST_CODE,
  resetContactRateLimits,
  useCaptchaTestCode,
} from '#tests/functional/contact/support'

const CAPTCHA_LABEL = /^Recopiez les caractères de l’image \(majuscules et minuscules distinguées\)/

/**
 * P2 through a real Chromium: from the footer's "contact" link, the visitor
 * fills the form, asks for other captcha characters with the arrow (by
 * keyboard), types them, "Envoyer", and reads the confirmation.
 */
test.group('P2 contact form in the browser', (group) => {
  group.setup(() => useCaptchaTestCode())
  group.each.setup(() => resetContactRateLimits())

  test('P2 R3 a visitor writes to the functional support from the footer link', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/')
    await page.getByRole('contentinfo').getByRole('link', { name: 'contact', exact: true }).click()

    await page.assertPath('/contact')
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Contacter l’assistance fonctionnelle' })
    )
    await expectNoSeriousA11yViolations(page, 'P2 contact form')

    const email = `navigateur-${Date.now()}@example.fr`
    await page.getByLabel(/^Nom/).fill('Alexandre GRIZZI')
    await page.getByLabel(/^Adresse email/).fill(email)
    await page.getByLabel(/^Objet/).fill('Identifiant oublié')
    await page.getByLabel(/^Message/).fill('Bonjour,\nj’ai oublié mon identifiant.\nMerci.')

    /** The alternative to the image, in text (RGAA 1.5) */
    await page.assertVisible(
      page.getByText(
        /^Vous ne pouvez pas lire l’image\s\? Répondez plutôt à cette question\s: Combien font /
      )
    )

    /** The arrow, by keyboard: a new image, the typed value cleared, the focus kept */
    const image = page.getByRole('img', { name: 'Caractères à recopier' })
    const before = await image.getAttribute('src')
    const captcha = page.getByLabel(CAPTCHA_LABEL)
    await captcha.fill('abcdef')
    const arrow = page.getByRole('button', { name: 'Afficher d’autres caractères' })
    await arrow.focus()
    await page.keyboard.press('Enter')
    await page.assertVisible(page.getByText('De nouveaux caractères sont affichés.'))
    const after = await image.getAttribute('src')
    assert.notEqual(after, before)
    await page.assertInputValue(captcha, '')
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Afficher d’autres caractères'
    )

    await captcha.fill(TEST_CODE)
    await page.getByRole('button', { name: 'Envoyer' }).click()

    await page.assertVisible(page.getByRole('status').getByText(CONTACT_SENT))
    await page.assertPath('/contact')
    await page.assertInputValue(page.getByLabel(/^Objet/), '')
    const stored = await ContactMessage.findByOrFail('email', email)
    assert.equal(stored.subject, 'Identifiant oublié')
    await expectNoSeriousA11yViolations(page, 'P2 contact form sent')
  })

  test('P2 R4 missing fields: messages next to the fields, the typed text kept', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/contact')
    const image = page.getByRole('img', { name: 'Caractères à recopier' })
    const before = await image.getAttribute('src')

    await page.getByLabel(/^Objet/).fill('Sans nom')
    await page.getByRole('button', { name: 'Envoyer' }).click()

    const nameError = page.getByText('Le champ « Nom » est obligatoire.', { exact: true })
    await page.assertVisible(nameError)
    await page.assertVisible(page.getByText(CAPTCHA_MISSING, { exact: true }))
    await page.assertInputValue(page.getByLabel(/^Objet/), 'Sans nom')
    assert.notEqual(await image.getAttribute('src'), before)

    const name = page.getByLabel(/^Nom/)
    assert.equal(await name.getAttribute('aria-invalid'), 'true')
    await expectNoSeriousA11yViolations(page, 'P2 contact form with errors')
  })
})
