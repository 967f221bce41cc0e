import User from '#models/user'
import { latestAuditEvents } from '#services/audit/trail'
import { historyEntry, type HistoryEntry } from '#transformers/audit/history'

/** M2 one line of « Utilisateurs » */
export type UserRow = {
  id: number
  login: string
  lastName: string
  firstName: string
  isAdministrator: boolean
  /** « Administrateur » or « Utilisateur » */
  status: string
}

/** M3: what an opened user shows besides its row: téléphone, email and its changes */
export type UserDetails = {
  phone: string
  email: string
  /** The changes of this account, newest first */
  history: HistoryEntry[]
}

/** Changes of accounts kept per opened user */
export const USER_HISTORY_LENGTH = 50

/** The partner's accounts (deleted ones left out), by name, and by id what an opened one shows */
export async function partnerUsers(
  partnerId: number
): Promise<{ rows: UserRow[]; details: Record<string, UserDetails> }> {
  const users = await User.query()
    .where('partner_id', partnerId)
    .whereNull('deleted_at')
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
  const history = new Map<number, HistoryEntry[]>()
  if (users.length) {
    const events = await latestAuditEvents(partnerId, ['user'], users.length * USER_HISTORY_LENGTH)
    for (const event of events) {
      if (event.subjectId === null) continue
      const entries = history.get(event.subjectId) ?? []
      if (entries.length < USER_HISTORY_LENGTH) entries.push(historyEntry(event))
      history.set(event.subjectId, entries)
    }
  }
  return {
    rows: users.map((user) => ({
      id: user.id,
      login: user.login,
      lastName: user.lastName,
      firstName: user.firstName,
      isAdministrator: user.role === 'partner_admin',
      status: user.role === 'partner_admin' ? 'Administrateur' : 'Utilisateur',
    })),
    details: Object.fromEntries(
      users.map((user) => [
        user.id,
        { phone: user.phone ?? '', email: user.email, history: history.get(user.id) ?? [] },
      ])
    ),
  }
}
