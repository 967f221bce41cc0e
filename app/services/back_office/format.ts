import type { DateTime } from 'luxon'

/** Dates as the caisse staff read them: « 30/11/2026 à 10:42 », Paris time */
export const BACK_OFFICE_ZONE = 'Europe/Paris'

export function formatParisDateTime(value: DateTime | null | undefined): string {
  if (!value || !value.isValid) return ''
  return value.setZone(BACK_OFFICE_ZONE).setLocale('fr').toFormat("dd/MM/yyyy 'à' HH:mm")
}

/** ISO 8601 with the Paris offset, for <time dateTime> */
export function isoParisDateTime(value: DateTime | null | undefined): string {
  if (!value || !value.isValid) return ''
  return value.setZone(BACK_OFFICE_ZONE).toISO() ?? ''
}
