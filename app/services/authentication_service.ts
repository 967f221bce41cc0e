import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'

/**
 * Sign-in attempts allowed before throttling, per login and per client IP.
 * Counting failures only: a user who signs in successfully is not slowed down.
 */
const PER_LOGIN = { requests: 5, duration: '15 mins', blockDuration: '15 mins' }
const PER_IP = { requests: 30, duration: '15 mins', blockDuration: '15 mins' }

export type SignInResult =
  | { outcome: 'signed_in'; user: User }
  | { outcome: 'invalid_credentials' }
  | { outcome: 'throttled'; retryAfterSeconds: number }

/**
 * A hash of a random password, verified when the login is unknown so that an
 * unknown login costs the same time as a wrong password (no enumeration).
 */
let decoyHash: Promise<string> | undefined
function decoy() {
  decoyHash ??= hash.make(`decoy-${Math.random()}`)
  return decoyHash
}

export default class AuthenticationService {
  async attempt(login: string, password: string, clientIp: string): Promise<SignInResult> {
    const loginKey = User.loginKeyOf(login)
    const byLogin = limiter.use(PER_LOGIN)
    const byIp = limiter.use(PER_IP)
    const loginBucket = `sign_in:login:${loginKey}`
    const ipBucket = `sign_in:ip:${clientIp}`

    const wait = Math.max(await byLogin.availableIn(loginBucket), await byIp.availableIn(ipBucket))
    if (wait > 0) {
      return { outcome: 'throttled', retryAfterSeconds: wait }
    }

    const user = await User.query().where('login_key', loginKey).whereNull('deleted_at').first()
    const passwordMatches = user
      ? await hash.verify(user.password, password)
      : await hash.verify(await decoy(), password).then(() => false)

    if (!user || !passwordMatches) {
      await byLogin.increment(loginBucket)
      await byIp.increment(ipBucket)
      return { outcome: 'invalid_credentials' }
    }

    await byLogin.delete(loginBucket)
    return { outcome: 'signed_in', user }
  }
}
