import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/session'
import { secureCookies } from '#config/app'

/**
 * Sessions live in the database, the cookie holds only their id: signing
 * out, a password change or a deletion ends a session for good (a replayed
 * cookie finds nothing), and app processes still keep no state, so any
 * number of them can run behind a load balancer. Each session is tagged
 * with its user (app/services/auth/user_sessions.ts).
 */
/** Idle sessions end after two hours */
export const SESSION_AGE = '2h'

/** The cookie that carries the session id */
export const SESSION_COOKIE = 'ppas-session'

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: SESSION_COOKIE,
  /** Closing the browser signs the user out (a shared office computer) */
  clearWithBrowser: true,
  age: SESSION_AGE,
  cookie: {
    path: '/',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER', 'database'),
  stores: {
    /** Shared by every app process (docs/decisions/0012-server-side-sessions.md) */
    database: stores.database({ tableName: 'sessions' }),
  },
})

export default sessionConfig
