import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/session'
import { secureCookies } from '#config/app'

/**
 * Sessions live in a signed, encrypted cookie: app processes keep no state
 * and any number of them can run behind a load balancer.
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'ppas-session',
  /** Closing the browser signs the user out (a shared office computer) */
  clearWithBrowser: true,
  /** Idle sessions end after two hours */
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    cookie: stores.cookie(),
  },
})

export default sessionConfig
