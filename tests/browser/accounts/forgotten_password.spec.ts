import { test } from '@japa/runner'
import { FORGOT_PASSWORD_SENT } from '#controllers/accounts/forgot_password_controller'
import { PASSWORD_CHANGED } from '#controllers/accounts/password_controller'
import { expectNoSeriousA11yViolations } from '#tests/helpers/accessibility'
import {
  activeUser,
  CAPTCHA_CODE,
  clearLimiters,
  receiveTemporaryPassword,
  useCaptchaCode,
} from '#tests/functional/accounts/support'

/**
 * A4 then A2 through a real Chromium, as the manual tells it (1.1.5, 1.1.2):
 * « Mot de passe oublié ? » from the sign-in page, the temporary password
 * read from the mail received over SMTP, the forced « Changer mon mot de
 * passe », then « Les services ». axe runs on every page of the journey.
 */
test.group('A2 A4 forgotten password in the browser', (group) => {
  group.setup(() => useCaptchaCode())
  group.each.setup(() => clearLimiters())

  test('A2 A4 a user who forgot the password gets a temporary one and must change it', async ({
    visit,
  }) => {
    await activeUser('Distrait7', 'Oublie2026')

    const page = await visit('/connexion')
    await expectNoSeriousA11yViolations(page, 'A1 sign-in with « Mot de passe oublié ? »')
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()

    await page.assertPath('/mot-de-passe-oublie')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié ?' }))
    await expectNoSeriousA11yViolations(page, 'A4 « Mot de passe oublié ? » form')

    await page.getByLabel(/^Identifiant/).fill('Distrait7')
    await page.getByLabel(/^Adresse email/).fill('distrait7@example.fr')
    await page.getByLabel(/^Recopiez les caractères/).fill(CAPTCHA_CODE)
    await page.getByRole('button', { name: 'Enregistrer' }).click()

    await page.assertVisible(page.getByText(FORGOT_PASSWORD_SENT))
    await expectNoSeriousA11yViolations(page, 'A4 confirmation')

    const { password } = await receiveTemporaryPassword('distrait7@example.fr')

    await page.getByRole('link', { name: 'Se connecter' }).click()
    await page.assertPath('/connexion')
    await page.getByLabel(/^Identifiant/).fill('Distrait7')
    await page.getByLabel(/^Mot de passe/).fill(password)
    await page.getByRole('button', { name: 'Se connecter' }).click()

    await page.assertPath('/mot-de-passe')
    await page.assertVisible(
      page.getByRole('heading', { level: 1, name: 'Changer mon mot de passe' })
    )
    await page.assertVisible(page.getByText(/Vous devez changer votre mot de passe/))
    await expectNoSeriousA11yViolations(page, 'A2 forced « Changer mon mot de passe »')

    /** Another page is refused until the change */
    await page.goto(new URL('/services', page.url()).toString())
    await page.assertPath('/mot-de-passe')

    /** A new password that breaks the policy: its message next to the field */
    await page.getByLabel(/^Ancien mot de passe/).fill(password)
    await page.getByLabel(/^Nouveau mot de passe/).fill('court')
    await page.getByLabel(/^Confirmer le nouveau mot de passe/).fill('court')
    await page.getByRole('button', { name: 'OK' }).click()
    await page.assertVisible(page.getByText(/entre 8 et 12 caractères/).first())
    await expectNoSeriousA11yViolations(page, 'A2 « Changer mon mot de passe » with errors')

    await page.getByLabel(/^Ancien mot de passe/).fill(password)
    await page.getByLabel(/^Nouveau mot de passe/).fill('Souvenir26')
    await page.getByLabel(/^Confirmer le nouveau mot de passe/).fill('Souvenir26')
    await page.getByRole('button', { name: 'OK' }).click()

    await page.assertPath('/services')
    await page.assertVisible(page.getByRole('heading', { level: 1, name: 'Les services' }))
    await page.assertVisible(page.getByText(PASSWORD_CHANGED))
    await expectNoSeriousA11yViolations(page, 'A3 « Les services » after the change')
  })
})
