import type { DateTime } from 'luxon'

/**
 * How the portal says things in French outside the workflow definitions:
 * who acted, and when. Every screen, mail and message takes its role names
 * and its dates from here, so the same moment reads the same everywhere.
 * The definitions carry their own labels (states, events, fields).
 */

/** The zone every date is shown in: the portal serves metropolitan France */
export const PARIS_ZONE = 'Europe/Paris'

/** Who did something, as the history tables and mails name them */
export const ROLE_LABELS: Record<string, string> = {
  visitor: 'visiteur',
  partner_user: 'utilisateur partenaire',
  partner_admin: 'administrateur partenaire',
  caisse_admin: 'administrateur caisse',
  analyst: 'analyste',
  platform_admin: 'administrateur de la plateforme',
  system: 'application',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role
}

function inParis(value: DateTime) {
  return value.setZone(PARIS_ZONE).setLocale('fr')
}

/** « 30/11/2026 à 10:42 »: tables and history, Paris time */
export function formatParisDateTime(value: DateTime | null | undefined): string {
  if (!value || !value.isValid) return ''
  return inParis(value).toFormat("dd/MM/yyyy 'à' HH:mm")
}

/** ISO 8601 with the Paris offset, for <time dateTime> */
export function isoParisDateTime(value: DateTime | null | undefined): string {
  if (!value || !value.isValid) return ''
  return value.setZone(PARIS_ZONE).toISO() ?? ''
}

/** « 30/11/2026 »: a calendar day (a publication's date), which has no time zone */
export function formatFrenchDate(value: DateTime | null | undefined): string {
  if (!value || !value.isValid) return ''
  return value.setLocale('fr').toFormat('dd/MM/yyyy')
}

/** « 10 h 45 »: when to try again, in a refusal message */
export function formatParisTime(value: DateTime): string {
  return inParis(value).toFormat("H 'h' mm")
}

/** « 7 décembre 2026 à 10 h 45 (heure de Paris) »: a moment in a mail */
export function formatParisMoment(value: DateTime): string {
  return `${inParis(value).toFormat("d MMMM yyyy 'à' H 'h' mm")} (heure de Paris)`
}

/** S10 how a record's history names its move to another version (its audit row's payload) */
export function migrationLabel(payload: Record<string, unknown> | null | undefined) {
  return `Migration de la version ${payload?.fromVersion ?? '?'} à la version ${payload?.toVersion ?? '?'}`
}
