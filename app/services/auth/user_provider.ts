import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import User from '#models/user'
import { rememberCaisseIds } from '#services/back_office/scope'

/** The caisses a user works for, listed by the user's own row (group_concat: MySQL and SQLite alike) */
const CAISSE_IDS =
  '(select group_concat(caisse_user.caisse_id) from caisse_user where caisse_user.user_id = users.id) as caisse_ids'

/**
 * The signed-in user of each request, read with the caisses they work for in
 * the same statement: a caisse administrator's every page and decision
 * needs both (WorkflowInstancePolicy, the engine's actor), and a second
 * round trip to the database per request was 5 % of a decision's CPU.
 * Still read on every request: a caisse taken from a user counts at once.
 */
export class UserWithCaissesProvider extends SessionLucidUserProvider<typeof User> {
  constructor() {
    super({ model: async () => ({ default: User }) })
  }

  async findById(id: string | number | BigInt) {
    const query = User.query()
    const user = await query
      .select('users.*', query.client.raw(CAISSE_IDS))
      .where('users.id', Number(id))
      .first()
    if (!user) return null
    const listed = user.$extras.caisse_ids
    rememberCaisseIds(user, listed ? String(listed).split(',').map(Number) : [])
    return this.createUserForGuard(user)
  }
}
