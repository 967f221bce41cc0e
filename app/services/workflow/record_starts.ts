/**
 * Issue 9, finding 6: each record the generic pages start is a row that
 * nobody but its visitor may ever move (a visitor's journey until it is
 * submitted). The start route is throttled per session and per client IP
 * (start/routes/workflow.ts), and `node ace workflow:purge-abandoned`
 * removes the journeys left unfinished.
 *
 * Per session: more starts than a person restarting a journey would need.
 * Per IP: a few people behind one office's address, not a script.
 */
export const RECORD_STARTS_LIMITS = {
  perSession: { requests: 10, duration: '1 hour' },
  perIp: { requests: 30, duration: '1 hour' },
} as const

/** The limiter names of the two throttles (their counters' key prefixes) */
export const RECORD_STARTS_LIMITERS = {
  perSession: 'workflow_starts_session',
  perIp: 'workflow_starts_ip',
} as const

export const RECORD_STARTS_MESSAGE =
  'Trop de dossiers commencés en peu de temps depuis ce navigateur ou cette adresse. Reprenez le dossier déjà commencé, ou réessayez dans une heure.'
