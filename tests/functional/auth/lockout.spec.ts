import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import SignInLockout, { LOCKOUT } from '#services/auth/lockout'
import { SIGN_IN_LIMITS } from '#services/auth/authentication'
import { INVALID_CREDENTIALS } from '#controllers/auth/session_controller'
import { activeUser, clearLimiters } from '#tests/functional/accounts/support'

function signIn(client: any, login: string, password: string) {
  return client.post('/connexion').form({ login, password }).withCsrfToken().withInertia()
}

/** Fails `count` times; returns each answer with how long it took */
async function fail(client: any, login: string, count: number) {
  const answers = []
  for (let attempt = 1; attempt <= count; attempt++) {
    const started = performance.now()
    const response = await signIn(client, login, `Mauvais${attempt}`)
    answers.push({ response, ms: performance.now() - started })
  }
  return answers
}

/** As if the current lock had run out (the failures stay counted) */
async function letLockExpire(login: string) {
  const key = User.loginKeyOf(login)
  await limiter.use({ requests: 1, duration: '1 min' }).delete(SignInLockout.lockKey(key))
  await limiter.use(SIGN_IN_LIMITS.perLogin).delete(`sign_in:login:${key}`)
  await User.query().where('login_key', key).update({ locked_until: null })
}

test.group('A1 account lockout after repeated failed sign-ins (CNIL 2022)', (group) => {
  group.each.setup(() => clearLimiters())

  test('A1 five failures lock the account for 15 minutes; even the right password waits', async ({
    client,
    assert,
  }) => {
    const user = await activeUser('Verrou01', 'Secret2026')
    for (const { response } of await fail(client, 'Verrou01', 5)) {
      response.assertStatus(422)
      assert.equal(response.inertiaProps.errors.login, INVALID_CREDENTIALS)
    }
    await user.refresh()
    assert.equal(user.failedSignInCount, 5)
    assert.approximately(user.lockedUntil!.diffNow('minutes').minutes, 15, 0.5)

    const locked = await signIn(client, 'Verrou01', 'Secret2026')
    locked.assertStatus(429)
    const message: string = locked.inertiaProps.errors.login
    assert.match(message, /^Trop de tentatives de connexion\. Réessayez après \d{1,2} h \d{2}/)
    assert.include(message, '« Mot de passe oublié ? »')
    assert.approximately(Number(locked.header('retry-after')), 15 * 60, 5)
  }).timeout(60_000)

  test('A1 a further series of failures doubles the lock', async ({ client, assert }) => {
    const user = await activeUser('Verrou02', 'Secret2026')
    await fail(client, 'Verrou02', 5)
    await letLockExpire('Verrou02')

    for (const { response } of await fail(client, 'Verrou02', 5)) response.assertStatus(422)
    await user.refresh()
    assert.equal(user.failedSignInCount, 10)
    assert.approximately(user.lockedUntil!.diffNow('minutes').minutes, 30, 0.5)
    const locked = await signIn(client, 'Verrou02', 'Secret2026')
    locked.assertStatus(429)
    assert.approximately(Number(locked.header('retry-after')), 30 * 60, 5)
  }).timeout(60_000)

  test('A1 the third and fourth failures of a series are slowed down, for any login', async ({
    assert,
    client,
  }) => {
    await activeUser('Verrou03', 'Secret2026')
    for (const login of ['Verrou03', 'PersonneIci33']) {
      const answers = await fail(client, login, 4)
      const times = answers.map((answer) => answer.ms)
      assert.isAtLeast(times[2], LOCKOUT.slowDownMs[2], login)
      assert.isAtLeast(times[3], LOCKOUT.slowDownMs[3], login)
    }
  }).timeout(60_000)

  test('A1 an unknown login gets the same answers and lock times as a real account', async ({
    client,
    assert,
  }) => {
    await activeUser('Verrou04', 'Secret2026')
    const transcript = async (login: string) => {
      const lines: string[] = []
      const describe = (response: any) =>
        `${response.status()} ${String(response.inertiaProps.errors.login).replace(/\d{1,2} h \d{2}/, 'HH h MM')} ${Math.round(Number(response.header('retry-after') ?? 0) / 60)}`
      for (const { response } of await fail(client, login, 5)) lines.push(describe(response))
      lines.push(describe(await signIn(client, login, 'Secret2026')))
      await letLockExpire(login)
      for (const { response } of await fail(client, login, 5)) lines.push(describe(response))
      lines.push(describe(await signIn(client, login, 'Secret2026')))
      return lines
    }
    const real = await transcript('Verrou04')
    const unknown = await transcript('PersonneIci77')
    assert.deepEqual(unknown, real)
    assert.match(real[5], /^429 Trop de tentatives .* 15$/)
    assert.match(real[11], /^429 Trop de tentatives .* 30$/)
  }).timeout(90_000)

  test('A1 a successful sign-in resets the count of failures', async ({ client, assert }) => {
    const user = await activeUser('Verrou05', 'Secret2026')
    await fail(client, 'Verrou05', 2)
    await user.refresh()
    assert.equal(user.failedSignInCount, 2)

    const response = await client
      .post('/connexion')
      .form({ login: 'Verrou05', password: 'Secret2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/services')
    await user.refresh()
    assert.equal(user.failedSignInCount, 0)
    assert.isNull(user.lockedUntil)

    /** The next series starts from zero: four failures do not lock */
    for (const { response: failed } of await fail(client, 'Verrou05', 4)) failed.assertStatus(422)
    const again = await client
      .post('/connexion')
      .form({ login: 'Verrou05', password: 'Secret2026' })
      .withCsrfToken()
      .redirects(0)
    again.assertHeader('location', '/services')
  }).timeout(60_000)
})
