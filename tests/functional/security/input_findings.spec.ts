import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ContactMessage from '#models/contact_message'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import { FIELD_RULE_MESSAGES } from '#validators/rules/fields'
import { FRENCH_MESSAGES } from '#workflow/french_messages'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'
import { counts, unique } from '#tests/functional/onboarding/support'
import { partnerForm, partnerWithAccounts } from '#tests/functional/administration/support'
import {
  TEST_CODE,
  captchaAnswer,
  resetContactRateLimits,
  useCaptchaTestCode,
} from '#tests/functional/contact/support'
import { clearLimiters } from '#tests/functional/accounts/support'
import { BrowserLike } from '#tests/functional/security/browser_like'

/**
 * The input findings of issue #9 (3, 4, 12, 13), over real HTTP on a real
 * database: a wrong captcha tells nothing about the logins, a field of the
 * wrong type or with a lone surrogate is a 422 (never a 500), showing a
 * captcha writes nothing, and control or bidi characters are refused next
 * to the field.
 */

const message = (rule: string, label: string) =>
  (FIELD_RULE_MESSAGES[rule] ?? FRENCH_MESSAGES[rule]).replaceAll('{{ field }}', label)

const CAPTCHA_REFUSED = FRENCH_MESSAGES.captcha
const LOGIN_TAKEN = FIELD_RULE_MESSAGES.loginTaken

/** The errors of a 422 JSON answer of the workflow pages, by field */
function errorsOf(response: { body(): any }) {
  return Object.fromEntries(
    (response.body().errors as Array<{ field: string; message: string }>).map((error) => [
      error.field,
      error.message,
    ])
  ) as Record<string, string>
}

async function captchaRows() {
  const [row] = await db.from('captcha_challenges').count('* as total')
  return Number(row.total)
}

test.group('Hardening #3 a wrong captcha tells nothing about the logins', (group) => {
  group.each.setup(() => clearLimiters())

  test('Hardening #3 with a wrong captcha, a taken login and a free one get the same answer (20 each)', async ({
    client,
    assert,
  }) => {
    const taken: string[] = []
    for (let index = 0; index < 20; index++) {
      const login = `Pris${unique()}`
      await User.create({
        login,
        lastName: 'PRIS',
        firstName: 'Compte',
        email: `${login.toLowerCase()}@example.fr`,
        password: 'Temp2026x',
        role: 'partner_user',
      })
      /** Typed in another case: still the same account (A) */
      taken.push(index % 2 ? login.toUpperCase() : login)
    }
    const free = Array.from({ length: 20 }, () => `Libre${unique()}`)

    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const answers: Record<'taken' | 'free', string[]> = { taken: [], free: [] }
    let round = 0
    for (const [kind, logins] of [
      ['taken', taken],
      ['free', free],
    ] as const) {
      for (const login of logins) {
        round++
        /** A real challenge of the page, a wrong answer; an unknown one; none typed */
        const wrong =
          round % 3 === 0
            ? { captcha: '', captchaId: 'x' }
            : round % 3 === 1
              ? { captcha: 'Zz9Yy8', captchaId: '00000000-0000-0000-0000-000000000000' }
              : await (async () => {
                  const page = await visitor.visit(path)
                  const { id } = page.inertiaProps.captcha as { id: string }
                  return {
                    captcha: captchaAnswer(id) === 'Zz9Yy8' ? 'Zz9Yy7' : 'Zz9Yy8',
                    captchaId: id,
                  }
                })()
        const { payload } = await cielBleu({ adminLogin: login, ...wrong })
        const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
        response.assertStatus(422)
        const errors = errorsOf(response)
        assert.notProperty(errors, 'adminLogin', `${kind} ${login}`)
        assert.deepEqual(Object.keys(errors), ['captcha'], `${kind} ${login}`)
        answers[kind].push(JSON.stringify(errors))
      }
    }
    assert.notInclude([...answers.taken, ...answers.free].join(), LOGIN_TAKEN)
    assert.sameMembers([...new Set(answers.taken)], [...new Set(answers.free)])

    /** Once the captcha passes, the login is checked as before */
    const { payload } = await cielBleu({ adminLogin: taken[0], captcha: TEST_CODE })
    const passed = await visitor.post(`${path}/evenements/SUBMIT`, payload)
    passed.assertStatus(422)
    assert.deepEqual(errorsOf(passed), { adminLogin: LOGIN_TAKEN })
    const record = await WorkflowInstance.findOrFail(Number(path.split('/').pop()))
    assert.equal(record.state, 'form')
  })

  test('Hardening #3 a wrong captcha still reports the other fields’ format errors, not their look-ups', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const { payload } = await cielBleu({
      adminLogin: 'PARTENAIRE1',
      city: '',
      regime: '999999',
      captcha: 'Zz9Yy8',
      captchaId: '00000000-0000-0000-0000-000000000000',
    })
    const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
    response.assertStatus(422)
    assert.deepEqual(errorsOf(response), {
      captcha: CAPTCHA_REFUSED,
      city: message('required', 'Nom commune'),
    })
  })
})

test.group(
  'Hardening #4 a field of the wrong type or a lone surrogate is a 422, never a 500',
  (group) => {
    group.setup(() => useCaptchaTestCode())
    group.each.setup(async () => {
      await resetContactRateLimits()
      await clearLimiters()
    })

    test('Hardening #4 régime or caisse sent as a list or an object: 422 next to the field, nothing created', async ({
      client,
      assert,
    }) => {
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const before = await counts()
      for (const [field, label, value] of [
        ['regime', 'Régime', ['1', '2']],
        ['regime', 'Régime', { a: 1 }],
        ['regime', 'Régime', [{ a: [1] }]],
        ['caisse', 'Caisse', ['1']],
        ['caisse', 'Caisse', { id: 1 }],
        ['partnerType', 'Type partenaire', [1]],
      ] as const) {
        const { payload } = await cielBleu({ adminLogin: `Alex${unique()}`, [field]: value })
        const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
        response.assertStatus(422)
        assert.deepEqual(
          errorsOf(response),
          { [field]: message('number', label) },
          JSON.stringify(value)
        )
      }
      assert.deepEqual(await counts(), before, 'nothing created')

      /** As a browser form would send it (regime[]=a, regime[a]=1), through real HTTP */
      for (const key of ['regime[]', 'regime[a]', 'caisse[][b]']) {
        const browser = new BrowserLike()
        const started = await browser.post(
          '/parcours/preinscription/evenements/ACCEPT_CONDITIONS',
          {
            accepted: 'on',
          }
        )
        const record = started.headers.get('location')!
        assert.match(record, /^\/dossiers\/\d+$/)
        await browser.post(`${record}/evenements/CONFIRM_CONVENTION_CODE`)
        const { payload } = await cielBleu({ adminLogin: `Alex${unique()}` })
        const fields = Object.fromEntries(
          Object.entries(payload)
            .filter(([name]) => !key.startsWith(name))
            .map(([name, value]) => [name, String(value)])
        )
        const beforeSubmit = await counts()
        const response = await browser.post(`${record}/evenements/SUBMIT`, {
          ...fields,
          [key]: '1',
        })
        assert.deepEqual(await counts(), beforeSubmit, key)
        assert.isBelow(response.status, 500, key)
        assert.oneOf(response.status, [302, 303, 422], key)
        const instance = await WorkflowInstance.findOrFail(Number(record.split('/').pop()))
        assert.equal(instance.state, 'form', key)
      }
    })

    test('Hardening #4 a lone surrogate in an email: 422 with the message next to the field, on every form', async ({
      client,
      assert,
    }) => {
      const surrogate = 'x\uD800y@example.fr'
      const refused = (label: string) => message('characters', label)

      /** The pre-registration, both email fields */
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const before = await counts()
      for (const [field, label] of [
        ['adminEmail', 'Email'],
        ['partnerEmail', 'Email'],
      ]) {
        const { payload } = await cielBleu({ adminLogin: `Alex${unique()}`, [field]: surrogate })
        const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
        response.assertStatus(422)
        assert.deepEqual(errorsOf(response), { [field]: refused(label) })
      }
      assert.deepEqual(await counts(), before)

      /** /contact */
      const contact = await client
        .post('/contact')
        .json({
          name: 'Alexandre',
          email: surrogate,
          subject: `Surrogate ${unique()}`,
          message: 'Bonjour',
          captchaId: 'test',
          captcha: TEST_CODE,
        })
        .withCsrfToken()
        .withInertia()
      contact.assertStatus(422)
      assert.equal(contact.inertiaProps.errors.email, refused('Adresse email'))

      /** /mot-de-passe-oublie */
      const forgot = await client
        .post('/mot-de-passe-oublie')
        .json({ login: 'Partenaire1', email: surrogate, captchaId: 'test', captcha: TEST_CODE })
        .withCsrfToken()
        .withInertia()
      forgot.assertStatus(422)
      assert.equal(forgot.inertiaProps.errors.email, refused('Adresse email'))

      /** The administration forms: « Partenaires », a new user, a user changed */
      const { admin, member } = await partnerWithAccounts()
      const partner = await client
        .put('/administration/partenaire')
        .json(partnerForm({ email: surrogate }))
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      partner.assertStatus(422)
      assert.equal(partner.inertiaProps.errors.email, refused('Email'))
      const user = { lastName: 'DURAND', firstName: 'Léa', email: surrogate }
      const created = await client
        .post('/administration/utilisateurs')
        .json({ ...user, login: `Lea${unique()}` })
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      created.assertStatus(422)
      assert.equal(created.inertiaProps.errors.email, refused('Email'))
      const changed = await client
        .put(`/administration/utilisateurs/${member.id}`)
        .json(user)
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      changed.assertStatus(422)
      assert.equal(changed.inertiaProps.errors.email, refused('Email'))
      await member.refresh()
      assert.notEqual(member.email, surrogate)
      assert.isNull(await ContactMessage.query().where('subject', 'like', 'Surrogate%').first())
    })
  }
)

test.group('Hardening #12 showing a captcha writes nothing', (group) => {
  group.each.setup(async () => {
    await resetContactRateLimits()
    await clearLimiters()
  })

  test('Hardening #12 50 loads of each captcha page, and the arrow: no captcha row', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const before = await captchaRows()
    const ids = new Set<string>()
    for (let index = 0; index < 50; index++) {
      for (const page of [
        await client.get('/contact').withInertia(),
        await client.get('/mot-de-passe-oublie').withInertia(),
        await visitor.visit(path),
      ]) {
        page.assertStatus(200)
        ids.add(page.inertiaProps.captcha.id as string)
      }
    }
    for (let index = 0; index < 10; index++) {
      const renewed = await client.get('/captcha').header('accept', 'application/json')
      renewed.assertStatus(200)
      ids.add(renewed.body().id)
    }
    assert.equal(ids.size, 160, 'a new challenge each time')
    assert.equal(await captchaRows(), before, '160 challenges shown, no row written')

    /** Answered, a challenge is spent: its row is written then, and only once */
    const shown = await visitor.visit(path)
    const id = shown.inertiaProps.captcha.id as string
    const { payload } = await cielBleu({
      adminLogin: `Alex${unique()}`,
      city: '',
      captchaId: id,
      captcha: captchaAnswer(id),
    })
    const answered = await visitor.post(`${path}/evenements/SUBMIT`, payload)
    answered.assertStatus(422)
    assert.deepEqual(Object.keys(errorsOf(answered)), ['city'], 'the captcha passed')
    assert.equal(await captchaRows(), before + 1)
    const replayed = await visitor.post(`${path}/evenements/SUBMIT`, { ...payload, city: 'Arras' })
    replayed.assertStatus(422)
    assert.deepEqual(errorsOf(replayed), { captcha: CAPTCHA_REFUSED }, 'single use')
    assert.equal(await captchaRows(), before + 1)
  })
})

/** Characters no free text may hold (finding 13), and what stays allowed */
const FORBIDDEN = [
  { title: 'NUL', text: 'Ciel\u0000Bleu' },
  { title: 'RIGHT-TO-LEFT OVERRIDE', text: 'Ciel \u202Egpj.exe' },
  { title: 'LEFT-TO-RIGHT EMBEDDING', text: 'Ciel \u202ABleu' },
  { title: 'FIRST STRONG ISOLATE', text: 'Ciel \u2068Bleu' },
  { title: 'RIGHT-TO-LEFT MARK', text: 'Ciel\u200FBleu' },
  { title: 'an escape sequence', text: 'Ciel \u001B[31mBleu' },
  { title: 'a bell', text: 'Ciel\u0007Bleu' },
  { title: 'DEL', text: 'Ciel\u007FBleu' },
  { title: 'a C1 control', text: 'Ciel\u009BBleu' },
  { title: 'a lone surrogate', text: 'Ciel\uDC00Bleu' },
]

test.group('Hardening #13 control and bidi characters are refused in every free text', (group) => {
  group.setup(() => useCaptchaTestCode())
  group.each.setup(async () => {
    await resetContactRateLimits()
    await clearLimiters()
  })

  test('Hardening #13 the pre-registration refuses {title} in a name, next to the field')
    .with(FORBIDDEN)
    .run(async ({ client, assert }, entry) => {
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const before = await counts()
      const { payload } = await cielBleu({
        adminLogin: `Alex${unique()}`,
        partnerName: entry.text,
        adminLastName: entry.text,
        city: entry.text,
      })
      const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
      response.assertStatus(422)
      assert.deepEqual(errorsOf(response), {
        partnerName: message('characters', 'Nom partenaire'),
        adminLastName: message('characters', 'Nom'),
        city: message('characters', 'Nom commune'),
      })
      assert.deepEqual(await counts(), before, 'nothing created')
    })

  test('Hardening #13 the contact form and the administration refuse them too, next to the field', async ({
    client,
    assert,
  }) => {
    for (const entry of FORBIDDEN) {
      await resetContactRateLimits()
      const subject = `Objet ${unique()}`
      const contact = await client
        .post('/contact')
        .json({
          name: entry.text,
          email: 'lea@example.fr',
          subject,
          message: `Bonjour ${entry.text}`,
          captchaId: 'test',
          captcha: TEST_CODE,
        })
        .withCsrfToken()
        .withInertia()
      contact.assertStatus(422)
      assert.deepEqual(
        contact.inertiaProps.errors,
        {
          name: message('characters', 'Nom'),
          message: message('characters', 'Message'),
        },
        entry.title
      )
      assert.isNull(await ContactMessage.findBy('subject', subject))
    }

    const { partner, admin } = await partnerWithAccounts()
    const response = await client
      .put('/administration/partenaire')
      .json(partnerForm({ name: 'Ciel \u202EueLB' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    assert.equal(response.inertiaProps.errors.name, message('characters', 'Nom partenaire'))
    await partner.refresh()
    assert.notInclude(partner.name, '\u202E')
  })

  test('Hardening #13 accents, apostrophes, emoji, tabs and line breaks are still accepted', async ({
    client,
    assert,
  }) => {
    const subject = `Résumé d’accès ${unique()} 👍`
    const response = await client
      .post('/contact')
      .json({
        name: 'Zoë L’Hôte-Ñúñez',
        email: 'zoe@example.fr',
        subject,
        message: 'Bonjour,\r\n\tje ne parviens pas à me connecter.\nMerci — Zoë',
        captchaId: 'test',
        captcha: TEST_CODE,
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const stored = await ContactMessage.findByOrFail('subject', subject)
    assert.equal(stored.name, 'Zoë L’Hôte-Ñúñez')
    assert.include(stored.message, '\tje ne parviens')
  })
})
