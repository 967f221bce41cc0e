import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import User from '#models/user'
import {
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  CHANGE_PASSWORD_PATH,
} from '#middleware/password_change_middleware'

/** A value for each route parameter, so that every route can be requested */
const PARAMETER_VALUES: Record<string, string> = {
  id: '1',
  key: 'preinscription',
  event: 'ACCEPT_CONDITIONS',
  liste: 'regimes',
  userId: '1',
  version: '1',
  name: 'reason',
  state: 'pending',
  template: 'convention_invalidated',
  role: 'caisse_admin',
  scope: 'instance_caisse',
  token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  alternative: '0',
  position: '0',
}

/** Every route the router knows, with its parameters filled in */
function everyRoute() {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method: method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
          name: route.name,
          url: route.pattern.replace(/:(\w+)/g, (_, name: string) => {
            const value = PARAMETER_VALUES[name]
            if (!value)
              throw new Error(`No test value for the parameter "${name}" of ${route.pattern}`)
            return value
          }),
        }))
    )
}

test.group('Hardening #8 the forced password change (A2) holds on every route', () => {
  test('A2 a user with a temporary password is sent to « Changer mon mot de passe » from every route but that page and sign-out', async ({
    client,
    assert,
  }) => {
    const user = await User.create({
      login: 'Force8',
      lastName: 'TEMPORAIRE',
      firstName: 'Test',
      email: 'force8@example.fr',
      password: 'Temp2026x',
      role: 'partner_admin',
      mustChangePassword: true,
    })
    const routes = everyRoute()
    /** The workflow pages are open to visitors: they were the hole */
    assert.isTrue(routes.some((route) => route.url.startsWith('/dossiers/')))

    const turnedAway: string[] = []
    for (const route of routes) {
      if (route.name && ALLOWED_BEFORE_PASSWORD_CHANGE.has(route.name)) continue
      const response = await client[route.method](route.url)
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.status(), 302, `${route.method.toUpperCase()} ${route.url}`)
      assert.equal(
        response.header('location'),
        CHANGE_PASSWORD_PATH,
        `${route.method.toUpperCase()} ${route.url}`
      )
      turnedAway.push(route.url)
    }
    assert.isAbove(turnedAway.length, 15)
  })
})
