import { test } from '@japa/runner'
import { cookiesAreSecure, trustedProxies } from '#config/app'

test.group('Hardening #11 security headers and cookies', () => {
  test('P1 every page has a nonce-based Content-Security-Policy its own scripts carry', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/connexion')
    response.assertStatus(200)
    const policy = String(response.header('content-security-policy'))
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1]
    assert.isString(nonce)
    assert.include(policy, "object-src 'none'")
    assert.include(policy, "frame-ancestors 'none'")
    assert.include(policy, "base-uri 'self'")

    const scripts = [...response.text().matchAll(/<script\b([^>]*)>/g)].map((match) => match[1])
    const executable = scripts.filter((attributes) => !/type="application\/json"/.test(attributes))
    assert.isAbove(executable.length, 0)
    for (const attributes of executable) assert.include(attributes, `nonce="${nonce}"`)

    /** A new nonce for every response */
    const again = await client.get('/connexion')
    assert.notInclude(String(again.header('content-security-policy')), nonce!)
  })

  test('P1 no full URL leaks to other sites, and no device feature is allowed', async ({
    client,
    assert,
  }) => {
    for (const path of ['/', '/page-qui-n-existe-pas']) {
      const response = await client.get(path)
      assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin')
      assert.include(String(response.header('permissions-policy')), 'camera=()')
    }
    const home = await client.get('/')
    assert.equal(home.header('x-frame-options'), 'DENY')
  })

  test('A1 cookies are Secure in production even when the environment turns them off', ({
    assert,
  }) => {
    assert.isTrue(cookiesAreSecure(true, false))
    assert.isTrue(cookiesAreSecure(true, undefined))
    assert.isFalse(cookiesAreSecure(false, false))
    assert.isTrue(cookiesAreSecure(false, true))
  })
})

test.group('Hardening #9 the proxy is trusted only when configured', () => {
  test('A1 without TRUSTED_PROXIES no X-Forwarded-For is believed; with it, only from the named proxies', ({
    assert,
  }) => {
    assert.isFalse(trustedProxies(undefined)('127.0.0.1', 0))
    assert.isFalse(trustedProxies('')('10.1.2.3', 0))
    const behindLoopback = trustedProxies('loopback, 10.0.0.0/8')
    assert.isTrue(behindLoopback('127.0.0.1', 0))
    assert.isTrue(behindLoopback('10.1.2.3', 0))
    assert.isFalse(behindLoopback('192.168.1.1', 0))
  })
})
