/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware run on every request, even without a matching route;
| router middleware run on matched routes; named middleware are applied
| per route in start/routes.ts.
|
*/
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import type { ShieldConfig } from '@adonisjs/shield/types'

/**
 * One ShieldMiddleware for the process, built as @adonisjs/shield's provider
 * builds it. The provider binds a factory, run on every request, that does
 * `await import('edge.js')`: under the ts-exec loader the server runs with
 * (npm start), each dynamic import is a round trip to the loader's thread,
 * a quarter of a small request's CPU (bench/http.ts). The middleware keeps
 * no request state (its guards are built from the config), so one is enough.
 */
app.container.singleton(ShieldMiddleware, async () => {
  const encryption = await app.container.make('encryption')
  const edge = app.usingEdgeJS ? await import('edge.js') : undefined
  return new ShieldMiddleware(
    app.config.get<ShieldConfig>('shield', {}),
    encryption.use(),
    edge?.default
  )
})

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/security_headers_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/inertia_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#middleware/password_change_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  studio: () => import('#middleware/studio_access_middleware'),
})
