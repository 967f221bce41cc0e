import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The app key signs and encrypts cookies (the session among them). Losing or
 * changing it signs every user out.
 */
export const appKey = env.get('APP_KEY')

/**
 * Secure cookies everywhere except where explicitly turned off: the embedded
 * demo is served over plain http on localhost, where browsers drop Secure
 * cookies and sign-in would silently fail.
 */
export const secureCookies = env.get('COOKIE_SECURE', app.inProduction)

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  /**
   * Behind a reverse proxy, trust its X-Forwarded-* headers only from the
   * loopback and private ranges (the limiter keys on the client's IP).
   */
  trustProxy: () => false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
