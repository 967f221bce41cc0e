import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { sqlDateTime } from '#models/columns'

/**
 * S4 the applicant's personal link: the way back to one record for whoever
 * applied without an account (a visitor's pre-registration). The mail
 * carries a random token of 256 bits; the database keeps only its SHA-256,
 * with the record and the end of validity. Opening the link adds the
 * record to the browser session's own records (as if that session had
 * started it) and redirects to /dossiers/:id, so the token leaves the
 * address bar at once; what the holder may then do is what the
 * definition's permissions give a visitor there, nothing more.
 * docs/decisions/0025-personal-links.md
 */

/** The path of the link; the token is its only parameter */
export const PERSONAL_LINK_PATH = '/suivi'

/** How long a link is valid when the definition does not say: a week */
export const DEFAULT_LINK_DAYS = 7
export const MAX_LINK_DAYS = 30

const TOKEN = /^[A-Za-z0-9_-]{43}$/

function hashOf(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** Where the portal is reached from a mail: APP_URL, else this server */
export function publicUrl(path: string) {
  const base = env.get('APP_URL') ?? `http://localhost:${env.get('PORT')}`
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString()
}

export interface IssuedLink {
  url: string
  expiresAt: DateTime
}

/** A new link to the record, written in the transition's transaction */
export async function issuePersonalLink(
  trx: TransactionClientContract,
  instanceId: number,
  days: number
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url')
  const now = DateTime.utc()
  const expiresAt = now.plus({ days })
  await trx.table('personal_links').insert({
    instance_id: instanceId,
    token_hash: hashOf(token),
    expires_at: sqlDateTime(expiresAt),
    created_at: sqlDateTime(now),
  })
  return { url: publicUrl(`${PERSONAL_LINK_PATH.slice(1)}/${token}`), expiresAt }
}

/**
 * The record a link opens, or null when the token is malformed, unknown or
 * expired (one answer for all three: nothing tells a guess from an old link)
 */
export async function recordOfPersonalLink(token: string): Promise<number | null> {
  if (!TOKEN.test(token)) return null
  const now = sqlDateTime(DateTime.utc())
  const row: { id: number; instance_id: number } | null = await db
    .from('personal_links')
    .where('token_hash', hashOf(token))
    .where('expires_at', '>', now)
    .select('id', 'instance_id')
    .first()
  if (!row) return null
  await db.from('personal_links').where('id', row.id).update({ last_opened_at: now })
  return Number(row.instance_id)
}
