import encryption from '@adonisjs/core/services/encryption'
import type { MailPayload } from '#models/outbox_message'

/**
 * Outbox payloads are encrypted at rest with the app key: a mail may carry
 * a temporary password, which must never sit in the database in clear. Once
 * a mail is delivered its body is wiped (DELIVERED_BODY): the record of what
 * happened is the audit trail, not the mail.
 */
export const DELIVERED_BODY = 'Contenu effacé après l’envoi.'

export function sealPayload(payload: MailPayload | Record<string, unknown>): string {
  return encryption.encrypt(payload)
}

export function openPayload(sealed: unknown): MailPayload {
  if (typeof sealed !== 'string') return sealed as MailPayload
  const payload = encryption.decrypt<MailPayload>(sealed)
  if (!payload) throw new Error('Outbox payload cannot be decrypted (APP_KEY changed?)')
  return payload
}
