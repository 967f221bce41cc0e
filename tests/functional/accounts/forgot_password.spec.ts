import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import OutboxMessage from '#models/outbox_message'
import WorkflowTransition from '#models/workflow_transition'
import { FORGOT_PASSWORD_SENT } from '#controllers/accounts/forgot_password_controller'
import { FORGOT_PASSWORD_LIMITS } from '#services/accounts/password_reset'
import { CAPTCHA_WRONG } from '#services/captcha/captcha'
import { mailbox } from '#tests/helpers/mailbox'
import {
  accounts,
  activeUser,
  CAPTCHA_CODE,
  clearLimiters,
  deliverOutbox,
  receiveTemporaryPassword,
  useCaptchaCode,
  stateOf,
} from './support.js'

const CAPTCHA = CAPTCHA_CODE

function forgot(client: any, fields: Record<string, string>) {
  return client
    .post('/mot-de-passe-oublie')
    .form({ captchaId: 'test', captcha: CAPTCHA, ...fields })
    .withCsrfToken()
    .withInertia()
}

test.group('A4 « Mot de passe oublié ? »', (group) => {
  group.setup(() => useCaptchaCode())
  group.each.setup(() => clearLimiters())

  test('A4 the sign-in page links to the form: identifiant, email, captcha', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/mot-de-passe-oublie').withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('accounts/forgot_password')
    assert.properties(page.inertiaProps.captcha, ['id', 'image', 'question'])
    assert.deepEqual(page.inertiaProps.values, { login: '', email: '' })
  })

  test('A4 the same answer whether or not the identifiant and email match an account', async ({
    client,
    assert,
  }) => {
    const user = await activeUser('Oubli01')
    const before = await OutboxMessage.query().count('* as total')

    const answers = []
    for (const fields of [
      { login: 'Oubli01', email: 'oubli01@example.fr' },
      { login: 'Oubli01', email: 'quelquun@example.fr' },
      { login: 'PersonneIci42', email: 'oubli01@example.fr' },
    ]) {
      const started = performance.now()
      const response = await forgot(client, fields)
      answers.push({ response, ms: performance.now() - started })
    }
    for (const { response } of answers) {
      response.assertStatus(200)
      response.assertInertiaComponent('accounts/forgot_password')
      assert.equal(response.inertiaProps.confirmation, FORGOT_PASSWORD_SENT)
      assert.deepEqual(response.inertiaProps.values, { login: '', email: '' })
    }
    /** Same shape of answer, about the same time (both hash a password) */
    const [hit, ...misses] = answers.map((answer) => answer.ms)
    for (const miss of misses) assert.isBelow(Math.abs(hit - miss), 1000)

    /** Only the matching pair moved the account and queued a mail */
    const after = await OutboxMessage.query().count('* as total')
    assert.equal(Number(after[0].$extras.total) - Number(before[0].$extras.total), 1)
    const instance = await accounts.instanceOf(user)
    /** The current password still works: the account stays active (docs/decisions/0014) */
    assert.equal(instance?.state, 'active')
    const last = await WorkflowTransition.query()
      .where('instance_id', instance!.id)
      .orderBy('seq', 'desc')
      .firstOrFail()
    assert.equal(last.event, 'RESET_PASSWORD')
    assert.equal(last.actorRole, 'system')
  })

  test('A4 the mailed temporary password signs in and forces the change (A2)', async ({
    client,
    assert,
  }) => {
    const user = await activeUser('Oubli02', 'Ancien2026')
    const response = await forgot(client, { login: 'oubli02', email: 'OUBLI02@example.fr' })
    assert.equal(response.inertiaProps.confirmation, FORGOT_PASSWORD_SENT)

    const { mail, password } = await receiveTemporaryPassword('oubli02@example.fr')
    assert.match(mail.subject, /Réinitialisation/)
    assert.include(mail.text, 'Oubli02')
    assert.match(mail.text, /valable jusqu'au \d+ \S+ \d{4}/)
    /** It says the current password keeps working until one of the two is used, and for how long */
    assert.match(mail.text, /soit 7 jours/)
    assert.include(mail.text, "Votre mot de passe actuel n'a pas changé : il reste valable")
    assert.include(mail.text, "Jusqu'à ce que l'un des deux serve à vous connecter")
    assert.notInclude(mail.text, 'a été réinitialisé')

    const signIn = await client
      .post('/connexion')
      .form({ login: 'Oubli02', password })
      .withCsrfToken()
      .redirects(0)
    signIn.assertHeader('location', '/mot-de-passe')
    await user.refresh()
    assert.isTrue(user.mustChangePassword)

    /** Signing in with it made it the password: the old one no longer works */
    const old = await client
      .post('/connexion')
      .form({ login: 'Oubli02', password: 'Ancien2026' })
      .withCsrfToken()
      .withInertia()
    old.assertStatus(422)

    const services = await client.get('/services').loginAs(user).redirects(0)
    services.assertHeader('location', '/mot-de-passe')

    const change = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({ currentPassword: password, newPassword: 'Retrouve26', confirmation: 'Retrouve26' })
      .withCsrfToken()
      .redirects(0)
    change.assertHeader('location', '/services')
    await user.refresh()
    assert.isFalse(user.mustChangePassword)
    assert.isTrue(await hash.verify(user.password, 'Retrouve26'))
  })

  test('A4 no mail leaves for a pair that matches no account', async ({ client, assert }) => {
    await activeUser('Oubli03')
    await forgot(client, { login: 'Oubli03', email: 'autre@example.fr' })
    await deliverOutbox()
    await assert.rejects(() =>
      mailbox.waitFor((caught) => caught.to.includes('autre@example.fr'), 500)
    )
    await assert.rejects(() =>
      mailbox.waitFor((caught) => caught.to.includes('oubli03@example.fr'), 500)
    )
  })

  test('A4 a wrong captcha or missing fields answer 422 next to the fields, with a new captcha', async ({
    client,
    assert,
  }) => {
    const user = await activeUser('Oubli04')
    const wrong = await forgot(client, {
      login: 'Oubli04',
      email: 'oubli04@example.fr',
      captcha: 'faux',
    })
    wrong.assertStatus(422)
    assert.equal(wrong.inertiaProps.errors.captcha, CAPTCHA_WRONG)
    assert.deepEqual(wrong.inertiaProps.values, { login: 'Oubli04', email: 'oubli04@example.fr' })
    assert.properties(wrong.inertiaProps.captcha, ['id', 'image', 'question'])

    const empty = await forgot(client, { login: '', email: 'pas-une-adresse' })
    empty.assertStatus(422)
    assert.match(empty.inertiaProps.errors.login, /Identifiant/)
    assert.match(empty.inertiaProps.errors.email, /Adresse email/)

    assert.equal(await stateOf(user), 'active')
  })

  test('A4 requests are limited per login and per IP with a 429 and a clear message', async ({
    client,
    assert,
  }) => {
    await activeUser('Oubli05')
    for (let attempt = 1; attempt <= FORGOT_PASSWORD_LIMITS.perLogin.requests; attempt++) {
      const response = await forgot(client, { login: 'Oubli05', email: 'x@example.fr' })
      response.assertStatus(200)
    }
    const perLogin = await forgot(client, { login: 'Oubli05', email: 'oubli05@example.fr' })
    perLogin.assertStatus(429)
    assert.match(perLogin.inertiaProps.errors.form, /Trop de demandes de mot de passe temporaire/)
    assert.match(perLogin.inertiaProps.errors.form, /Réessayez après \d+ h \d{2}/)
    assert.isAbove(Number(perLogin.header('retry-after')), 0)

    await clearLimiters()
    for (let attempt = 1; attempt <= FORGOT_PASSWORD_LIMITS.perIp.requests; attempt++) {
      const response = await forgot(client, { login: `Inconnu${attempt}`, email: 'x@example.fr' })
      response.assertStatus(200)
    }
    const perIp = await forgot(client, { login: 'Oubli05', email: 'oubli05@example.fr' })
    perIp.assertStatus(429)
  })

  test('A4 the temporary password opens a locked account; the current one stays locked', async ({
    client,
    assert,
  }) => {
    await activeUser('Oubli06', 'Ancien2026')
    const signIn = (password: string) =>
      client
        .post('/connexion')
        .form({ login: 'Oubli06', password })
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    for (let attempt = 1; attempt <= 5; attempt++) await signIn(`faux${attempt}`)
    const locked = await signIn('Ancien2026')
    locked.assertStatus(429)

    await forgot(client, { login: 'Oubli06', email: 'oubli06@example.fr' })
    const { password } = await receiveTemporaryPassword('oubli06@example.fr')
    /** Asking for a temporary password lifts nothing: guessing the current one stays locked */
    const stillLocked = await signIn('Ancien2026')
    stillLocked.assertStatus(429)

    const opened = await signIn(password)
    opened.assertHeader('location', '/mot-de-passe')
    const user = await User.findByOrFail('login_key', 'oubli06')
    assert.equal(user.failedSignInCount, 0)
    assert.isNull(user.lockedUntil)
    assert.isTrue(user.mustChangePassword)
  }).timeout(60_000)
})
