import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'
import type { Session } from '@adonisjs/session'
import type User from '#models/user'

/**
 * The server-side sessions of a user (config/session.ts): each signed-in
 * session is tagged with its user, so that a password change ends the
 * user's other sessions and a deletion ends all of them.
 */
export default class UserSessions {
  /** At sign-in, once the session id has been renewed */
  async tag(session: Session, user: User) {
    await session.tag(String(user.id))
  }

  /** Every session of the user but `keep` (the one that made the change) */
  async endOthers(user: User, keep: Session) {
    const sessions = await app.container.make(SessionCollection)
    for (const tagged of await sessions.tagged(String(user.id))) {
      if (tagged.id !== keep.sessionId) await sessions.destroy(tagged.id)
    }
  }

  /** Every session of the user (a deleted account) */
  async endAll(user: User) {
    const sessions = await app.container.make(SessionCollection)
    for (const tagged of await sessions.tagged(String(user.id))) {
      await sessions.destroy(tagged.id)
    }
  }
}
