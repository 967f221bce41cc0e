import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import AuthenticationService, { SIGN_IN_LIMITS } from '#services/auth/authentication'
import { LOCKOUT } from '#services/auth/lockout'
import { activeUser, clearLimiters } from '#tests/functional/accounts/support'
import { BrowserLike } from './browser_like.js'

/** `count` clients that already hold the sign-in page's XSRF cookie, ready to post at once */
async function browsers(count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const browser = new BrowserLike()
      await browser.get('/connexion')
      return browser
    })
  )
}

function tally(statuses: number[]) {
  const counts: Record<number, number> = {}
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

/** Resolves once the server has consumed `count` attempts of the login (the burst is under way) */
async function attemptsConsumed(login: string, count: number) {
  const bucket = AuthenticationService.loginBucket(User.loginKeyOf(login))
  for (let poll = 0; poll < 1000; poll++) {
    const state = await limiter.use(SIGN_IN_LIMITS.perLogin).get(bucket)
    if ((state?.consumed ?? 0) >= count) return
    await sleep(10)
  }
  throw new Error(`${login}: ${count} attempts never consumed`)
}

/** Posts a sign-in; answers its status and how long it took */
async function timedSignIn(browser: BrowserLike, login: string, password: string) {
  const started = performance.now()
  const response = await browser.post('/connexion', { login, password })
  return {
    status: response.status,
    location: response.headers.get('location'),
    ms: performance.now() - started,
  }
}

const database = process.env.DB_CONNECTION === 'mysql' ? 'MariaDB' : 'SQLite'

test.group('Hardening #1 sign-in limits hold against parallel requests', (group) => {
  group.each.setup(() => clearLimiters())

  test('A1 20 parallel sign-ins for one login: at most the limit are checked, the right password last is refused', async ({
    assert,
  }) => {
    const user = await activeUser('Rafale11', 'Secret2026')
    const clients = await browsers(20)
    const wrong = clients
      .slice(0, 19)
      .map((browser, index) =>
        browser.post('/connexion', { login: 'Rafale11', password: `Faux${index}99` })
      )
    /** Sent while the wrong ones are still being answered */
    await attemptsConsumed('Rafale11', SIGN_IN_LIMITS.perLogin.requests)
    const right = clients[19].post('/connexion', { login: 'Rafale11', password: 'Secret2026' })
    const answers = await Promise.all([...wrong, right])

    const counts = tally(answers.map((answer) => answer.status))
    console.log(`[${database}] 20 parallel sign-ins for one login:`, counts)
    const last = answers[19]
    assert.equal(last.status, 429)
    assert.isNull(last.headers.get('location'))
    assert.isAbove(Number(last.headers.get('retry-after')), 0)
    assert.isAtMost(counts[422] ?? 0, SIGN_IN_LIMITS.perLogin.requests)
    assert.equal((counts[422] ?? 0) + (counts[429] ?? 0), 20)
    assert.notProperty(counts, '302')

    /** The count of failures is exact, and the login is locked */
    await user.refresh()
    assert.equal(user.failedSignInCount, counts[422])
    assert.equal(user.failedSignInCount, LOCKOUT.failuresPerSeries)
    assert.isNotNull(user.lockedUntil)
  }).timeout(60_000)

  test('A1 60 parallel failures from one IP: the per-IP limit answers 429 above it', async ({
    assert,
  }) => {
    const clients = await browsers(60)
    const answers = await Promise.all(
      clients.map((browser, index) =>
        browser.post('/connexion', { login: `Rafale${100 + index}`, password: 'Faux2026' })
      )
    )
    const counts = tally(answers.map((answer) => answer.status))
    console.log(`[${database}] 60 parallel failures from one IP:`, counts)
    assert.deepEqual(counts, {
      422: SIGN_IN_LIMITS.perIp.requests,
      429: 60 - SIGN_IN_LIMITS.perIp.requests,
    })
    for (const answer of answers.filter((candidate) => candidate.status === 429)) {
      assert.isAbove(Number(answer.headers.get('retry-after')), 0)
    }
  }).timeout(60_000)

  test('A1 a genuine sign-in during a burst on another login is not held up by it', async ({
    assert,
  }) => {
    await activeUser('Rafale12', 'Secret2026')
    await activeUser('Rafale13', 'Secret2026')

    const alone = []
    for (const browser of await browsers(3)) {
      const answer = await timedSignIn(browser, 'Rafale13', 'Secret2026')
      assert.equal(answer.location, '/services')
      alone.push(answer.ms)
    }
    const lone = alone.sort((a, b) => a - b)[1]

    const [genuine, ...attackers] = await browsers(21)
    const burst = attackers.map((browser, index) =>
      browser.post('/connexion', { login: 'Rafale12', password: `Faux${index}99` })
    )
    await attemptsConsumed('Rafale12', 1)
    const during = await timedSignIn(genuine, 'Rafale13', 'Secret2026')
    const answers = await Promise.all(burst)

    console.log(
      `[${database}] genuine sign-in during a burst: ${during.ms.toFixed(0)} ms, alone ${lone.toFixed(0)} ms (×${(during.ms / lone).toFixed(1)})`
    )
    assert.equal(during.location, '/services')
    assert.isBelow(during.ms, 20 * lone)
    assert.isAtMost(
      answers.filter((answer) => answer.status === 422).length,
      SIGN_IN_LIMITS.perLogin.requests
    )
  }).timeout(60_000)
})
