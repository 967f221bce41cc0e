import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import ContactMessage from '#models/contact_message'
import OutboxMessage from '#models/outbox_message'
import User from '#models/user'
import OutboxWorker from '#outbox/outbox_worker'
import { mailbox } from '#tests/helpers/mailbox'
import { CONTACT_SENT } from '#controllers/contact/contact_controller'
import { CAPTCHA_MISSING, CAPTCHA_WRONG } from '#services/captcha/captcha'
import {
  CAPTCHA_RENEWAL_LIMIT,
  CAPTCHA_RENEWAL_MESSAGE,
} from '#controllers/captcha/captcha_controller'
import { CONTACT_RATE_LIMIT } from '#services/contact/contact'
import {
  TEST_CODE,
  captchaAnswer,
  otherCase,
  resetContactRateLimits,
  useCaptchaTestCode,
} from '#tests/functional/contact/support'

const SUPPORT = env.get('SUPPORT_EMAIL')!

type Challenge = { id: string; image: string; question: string }

let sequence = 0
/** A valid submission whose email and subject are unique to the test */
function message(overrides: Record<string, string> = {}) {
  sequence += 1
  const tag = `${Date.now()}-${sequence}`
  return {
    name: 'Alexandre GRIZZI',
    email: `contact-${tag}@example.fr`,
    subject: `Problème de connexion ${tag}`,
    message: 'Bonjour,\nje ne parviens pas à me connecter avec mon identifiant Alex7.\nMerci.',
    captchaId: '00000000-0000-0000-0000-000000000000',
    captcha: TEST_CODE,
    ...overrides,
  }
}

function storedWith(email: string) {
  return ContactMessage.query().where('email', email)
}

test.group('P2 contact form', (group) => {
  group.setup(() => useCaptchaTestCode())
  group.each.setup(() => resetContactRateLimits())

  test('P2 the page "Contacter l’assistance fonctionnelle" comes with a captcha', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/contact').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('contact/create')
    const { captcha, values } = response.inertiaProps as { captcha: Challenge; values: object }
    assert.match(captcha.id, /^[0-9a-f-]{36}$/)
    assert.match(captcha.image, /^data:image\/svg\+xml;base64,/)
    assert.match(captcha.question, /^Combien font /)
    assert.deepEqual(values, { name: '', email: '', subject: '', message: '' })
  })

  test('P2 a signed-in user finds their name and email filled in', async ({ client, assert }) => {
    const user = await User.findByOrFail('login_key', 'partenaire1')
    const response = await client.get('/contact').loginAs(user).withInertia()
    assert.deepInclude(response.inertiaProps.values, {
      name: user.fullName,
      email: user.email,
    })
  })

  test('P2 the message is stored and the support mail arrives over SMTP', async ({
    client,
    assert,
  }) => {
    const sent = message()
    const response = await client.post('/contact').form(sent).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/contact')
    response.assertFlashMessage('success', CONTACT_SENT)

    const stored = await storedWith(sent.email).firstOrFail()
    assert.equal(stored.name, sent.name)
    assert.equal(stored.subject, sent.subject)
    assert.equal(stored.message, sent.message)
    assert.isNull(stored.userId)
    assert.notProperty(stored.$attributes, 'ip')

    const queued = await OutboxMessage.query().where('kind', 'mail').orderBy('id', 'desc').first()
    assert.equal((queued!.payload as { to: string }).to, SUPPORT)

    await new OutboxWorker(mail.use()).drain()
    const received = await mailbox.waitFor(
      (caught) => caught.to.includes(SUPPORT) && caught.subject.includes(sent.subject)
    )
    assert.equal(received.subject, `[PPAS contact] ${sent.subject}`)
    assert.include(received.replyTo!, sent.email)
    assert.include(received.text, `Nom : ${sent.name}`)
    assert.include(received.text, `Adresse email : ${sent.email}`)
    assert.include(received.text, 'je ne parviens pas à me connecter avec mon identifiant Alex7.')
    assert.isNull(received.html)
  })

  test('P2 missing fields: 422, French messages next to each field, nothing stored', async ({
    client,
    assert,
  }) => {
    const sent = message({ name: '', subject: '  ', message: '', captcha: '' })
    const response = await client.post('/contact').form(sent).withCsrfToken().withInertia()

    response.assertStatus(422)
    response.assertInertiaComponent('contact/create')
    const errors = response.inertiaProps.errors as Record<string, string>
    assert.equal(errors.name, 'Le champ « Nom » est obligatoire.')
    assert.equal(errors.subject, 'Le champ « Objet » est obligatoire.')
    assert.equal(errors.message, 'Le champ « Message » est obligatoire.')
    assert.equal(errors.captcha, CAPTCHA_MISSING)
    assert.notProperty(errors, 'email')
    /** What was typed is kept */
    assert.equal(response.inertiaProps.values.email, sent.email)
    assert.isNull(await storedWith(sent.email).first())
  })

  test('P2 a wrong email, too long fields: 422 with the bounds in French', async ({
    client,
    assert,
  }) => {
    const sent = message({
      email: 'pas-une-adresse',
      subject: 'x'.repeat(151),
      message: 'y'.repeat(5001),
    })
    const response = await client.post('/contact').form(sent).withCsrfToken().withInertia()
    response.assertStatus(422)
    const errors = response.inertiaProps.errors as Record<string, string>
    assert.equal(errors.email, 'Le champ « Adresse email » doit être une adresse email valide.')
    assert.equal(errors.subject, 'Le champ « Objet » doit compter au plus 150 caractères.')
    assert.equal(errors.message, 'Le champ « Message » doit compter au plus 5000 caractères.')
    assert.equal(await ContactMessage.query().where('subject', sent.subject).first(), null)
  })

  test('P2 R4 a wrong captcha: 422, nothing stored, a new challenge, the values kept', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/contact').withInertia()
    const first = page.inertiaProps.captcha as Challenge
    const right = captchaAnswer(first.id)

    const sent = message({ captchaId: first.id, captcha: otherCase(right) })
    const response = await client.post('/contact').form(sent).withCsrfToken().withInertia()

    response.assertStatus(422)
    assert.equal(response.inertiaProps.errors.captcha, CAPTCHA_WRONG)
    const renewed = response.inertiaProps.captcha as Challenge
    assert.notEqual(renewed.id, first.id)
    assert.match(renewed.image, /^data:image\/svg\+xml;base64,/)
    assert.deepEqual(response.inertiaProps.values, {
      name: sent.name,
      email: sent.email,
      subject: sent.subject,
      message: sent.message,
    })
    assert.isNull(await storedWith(sent.email).first())

    /** The spent challenge stays refused, even with the right characters */
    const retry = await client
      .post('/contact')
      .form({ ...sent, captcha: right })
      .withCsrfToken()
      .withInertia()
    retry.assertStatus(422)
    assert.isNull(await storedWith(sent.email).first())
  })

  test('P2 R4 a captcha is used once: the same answer is refused the second time', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/contact').withInertia()
    const challenge = page.inertiaProps.captcha as Challenge
    const sent = message({ captchaId: challenge.id, captcha: captchaAnswer(challenge.id) })
    const accepted = await client.post('/contact').form(sent).withCsrfToken().redirects(0)
    accepted.assertStatus(302)

    const replayed = await client
      .post('/contact')
      .form({ ...sent, subject: `${sent.subject} (bis)` })
      .withCsrfToken()
      .withInertia()
    replayed.assertStatus(422)
    assert.equal(replayed.inertiaProps.errors.captcha, CAPTCHA_WRONG)
    assert.lengthOf(await storedWith(sent.email), 1)
  })

  test('P2 R4 a field error spends the captcha too: a new one is shown', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/contact').withInertia()
    const challenge = page.inertiaProps.captcha as Challenge
    const sent = message({
      captchaId: challenge.id,
      captcha: captchaAnswer(challenge.id),
      name: '',
    })
    const refused = await client.post('/contact').form(sent).withCsrfToken().withInertia()
    refused.assertStatus(422)
    assert.notProperty(refused.inertiaProps.errors, 'captcha')
    assert.notEqual(refused.inertiaProps.captcha.id, challenge.id)

    const again = await client
      .post('/contact')
      .form({ ...sent, name: 'Alexandre GRIZZI' })
      .withCsrfToken()
      .withInertia()
    again.assertStatus(422)
    assert.equal(again.inertiaProps.errors.captcha, CAPTCHA_WRONG)
    assert.isNull(await storedWith(sent.email).first())
  })

  test('P2 HTML in the message is stored as text and mailed as plain text', async ({
    client,
    assert,
  }) => {
    const html = '<script>alert("x")</script><b>gras</b> & <a href="https://evil.example">ici</a>'
    const sent = message({ message: html, name: '<img src=x onerror=alert(1)>' })
    const response = await client.post('/contact').form(sent).withCsrfToken().redirects(0)
    response.assertStatus(302)

    const stored = await storedWith(sent.email).firstOrFail()
    assert.equal(stored.message, html)
    assert.equal(stored.name, sent.name)

    await new OutboxWorker(mail.use()).drain()
    const received = await mailbox.waitFor((caught) => caught.subject.includes(sent.subject))
    assert.isNull(received.html)
    assert.include(received.text, html)
    assert.include(received.text, `Nom : ${sent.name}`)
  })

  test('P2 a line break in the subject cannot add a mail header', async ({ client, assert }) => {
    const sent = message()
    const response = await client
      .post('/contact')
      .form({ ...sent, subject: `${sent.subject}\r\nBcc: victime@example.fr` })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const stored = await storedWith(sent.email).firstOrFail()
    assert.equal(stored.subject, `${sent.subject} Bcc: victime@example.fr`)

    await new OutboxWorker(mail.use()).drain()
    const received = await mailbox.waitFor((caught) => caught.subject.includes(sent.subject))
    assert.notInclude(received.to, 'victime@example.fr')
  })

  test('P2 a signed-in sender is linked to the message and named in the mail', async ({
    client,
    assert,
  }) => {
    const user = await User.findByOrFail('login_key', 'partenaire1')
    const sent = message()
    await client.post('/contact').form(sent).loginAs(user).withCsrfToken().redirects(0)
    const stored = await storedWith(sent.email).firstOrFail()
    assert.equal(stored.userId, user.id)

    await new OutboxWorker(mail.use()).drain()
    const received = await mailbox.waitFor((caught) => caught.subject.includes(sent.subject))
    assert.include(received.text, `Compte sur le portail : ${user.login}`)
  })

  test('P2 the form is rate-limited per IP: 429 with a message, nothing stored', async ({
    client,
    assert,
  }) => {
    for (let attempt = 0; attempt < CONTACT_RATE_LIMIT.requests; attempt++) {
      const refused = await client
        .post('/contact')
        .form(message({ name: '' }))
        .withCsrfToken()
        .withInertia()
      refused.assertStatus(422)
    }
    const sent = message()
    const throttled = await client.post('/contact').form(sent).withCsrfToken().withInertia()
    throttled.assertStatus(429)
    assert.match(throttled.inertiaProps.errors.form, /^Trop de messages envoyés/)
    assert.equal(throttled.inertiaProps.values.email, sent.email)
    assert.isAbove(Number(throttled.header('retry-after')), 0)
    assert.isNull(await storedWith(sent.email).first())
  })

  test('P2 a submission without the CSRF token is refused', async ({ client, assert }) => {
    const sent = message()
    const response = await client.post('/contact').form(sent).redirects(0)
    assert.notEqual(response.status(), 200)
    assert.isNull(await storedWith(sent.email).first())
  })
})

test.group('R3 captcha arrow', (group) => {
  group.each.setup(() => resetContactRateLimits())

  test('R3 the captcha arrow endpoint returns a new challenge', async ({ client, assert }) => {
    const first = await client.get('/captcha').accept('json')
    const second = await client.get('/captcha').accept('json')
    first.assertStatus(200)
    assert.equal(first.header('cache-control'), 'no-store')
    const a = first.body() as Challenge
    const b = second.body() as Challenge
    assert.match(a.id, /^[0-9a-f-]{36}$/)
    assert.notEqual(a.id, b.id)
    assert.notEqual(a.image, b.image)
    assert.match(a.image, /^data:image\/svg\+xml;base64,/)
    assert.match(a.question, /^Combien font [a-zé]+ plus [a-zé]+ \? Répondez en chiffres\.$/)
  })

  test('R3 the captcha arrow is rate-limited per IP with a 429 JSON message', async ({
    client,
    assert,
  }) => {
    for (let request = 0; request < CAPTCHA_RENEWAL_LIMIT.requests; request++) {
      const response = await client.get('/captcha').accept('json')
      response.assertStatus(200)
    }
    const throttled = await client.get('/captcha').accept('json')
    throttled.assertStatus(429)
    assert.equal(throttled.body().errors[0].message, CAPTCHA_RENEWAL_MESSAGE)
    assert.isAbove(Number(throttled.header('retry-after')), 0)
  }).teardown(() => resetContactRateLimits())
})
