import { test } from '@japa/runner'
import User from '#models/user'
import { INVALID_CREDENTIALS } from '#controllers/auth/session_controller'

/** A partner user of the demo partner, unique to each test */
async function createUser(login: string, password = 'Secret2026') {
  return User.create({
    login,
    lastName: 'TEST',
    firstName: 'Test',
    email: `${login.toLowerCase()}@example.fr`,
    password,
    role: 'analyst',
  })
}

test.group('A1 sign-in', () => {
  test('A1 the demo accounts sign in and land on "Les services"', async ({ client }) => {
    for (const login of ['caissehdf', 'analyste', 'partenaire1']) {
      const response = await client
        .post('/connexion')
        .form({ login, password: 'Demo2026' })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/services')
    }
  })

  test('A1 the login is matched ignoring case', async ({ client }) => {
    await createUser('CaseUser1')
    const response = await client
      .post('/connexion')
      .form({ login: 'caseuser1', password: 'Secret2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/services')
  })

  test('A1 a wrong password and an unknown login get the same message', async ({
    client,
    assert,
  }) => {
    await createUser('SameMsg1')
    const wrongPassword = await client
      .post('/connexion')
      .form({ login: 'SameMsg1', password: 'nope' })
      .withCsrfToken()
      .withInertia()
    const unknownLogin = await client
      .post('/connexion')
      .form({ login: 'NobodyHere99', password: 'nope' })
      .withCsrfToken()
      .withInertia()

    wrongPassword.assertStatus(422)
    unknownLogin.assertStatus(422)
    wrongPassword.assertInertiaComponent('auth/sign_in')
    unknownLogin.assertInertiaComponent('auth/sign_in')
    assert.equal(wrongPassword.inertiaProps.errors.login, INVALID_CREDENTIALS)
    assert.equal(unknownLogin.inertiaProps.errors.login, INVALID_CREDENTIALS)
  })

  test('A1 repeated failures throttle the login with a 429 and a clear message', async ({
    client,
    assert,
  }) => {
    await createUser('Throttled1')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/connexion')
        .form({ login: 'Throttled1', password: `wrong${attempt}` })
        .withCsrfToken()
        .withInertia()
      assert.equal(response.inertiaProps.errors.login, INVALID_CREDENTIALS)
    }

    const throttled = await client
      .post('/connexion')
      .form({ login: 'Throttled1', password: 'Secret2026' })
      .withCsrfToken()
      .withInertia()
    throttled.assertStatus(429)
    assert.match(throttled.inertiaProps.errors.login, /Trop de tentatives de connexion/)
    assert.isAbove(Number(throttled.header('retry-after')), 0)
  })

  test('A1 the session id is renewed at sign-in', async ({ client, assert }) => {
    const visit = await client.get('/connexion')
    const before = visit.cookie('ppas-session')?.value
    assert.exists(before)

    const response = await client
      .post('/connexion')
      .withCookie('ppas-session', before)
      .form({ login: 'analyste', password: 'Demo2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/services')
    const after = response.cookie('ppas-session')?.value
    assert.exists(after)
    assert.notEqual(after, before)
  })

  test('A1 a sign-in without the CSRF token is refused', async ({ client, assert }) => {
    const response = await client
      .post('/connexion')
      .form({ login: 'caissehdf', password: 'Demo2026' })
      .redirects(0)
    response.assertStatus(302)
    assert.notEqual(response.header('location'), '/services')
  })

  test('A6 signing out ends the session', async ({ client }) => {
    const user = await User.findByOrFail('login_key', 'analyste')
    const response = await client.post('/deconnexion').loginAs(user).withCsrfToken().redirects(0)
    response.assertHeader('location', '/')
    const services = await client.get('/services').redirects(0)
    services.assertStatus(302)
    services.assertHeader('location', '/connexion')
  })
})
