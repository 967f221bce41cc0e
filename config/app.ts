import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * The app key signs and encrypts cookies (the session among them). Losing or
 * changing it signs every user out.
 */
export const appKey = env.get('APP_KEY')

/**
 * Secure cookies in production whatever the environment says (a production
 * started from a copy of .env.example, made for the demo, must not send its
 * session in clear); elsewhere on request: the embedded demo is served over
 * plain http on localhost, where browsers drop Secure cookies.
 */
export function cookiesAreSecure(inProduction: boolean, configured: boolean | undefined) {
  return inProduction || configured === true
}

export const secureCookies = cookiesAreSecure(app.inProduction, env.get('COOKIE_SECURE'))

/**
 * TRUSTED_PROXIES: addresses, subnets or proxy-addr's names (loopback,
 * linklocal, uniquelocal), comma-separated, e.g. "loopback,10.0.0.0/8".
 */
export function trustedProxies(
  setting: string | undefined
): (address: string, hop: number) => boolean {
  const list = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (!list.length) return () => false
  return proxyAddr.compile(list)
}

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  /**
   * X-Forwarded-For is believed only from the proxies TRUSTED_PROXIES names
   * (none by default): the rate limits key on the client's address, so behind
   * a proxy that is not listed every client shares the proxy's address.
   */
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
