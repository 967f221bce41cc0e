import { retriedTransaction } from '#database/transactions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Partner from '#models/partner'
import type User from '#models/user'
import { changedFields, recordAuditEvent, type FieldChanges } from '#services/audit/trail'

/**
 * M1 « Partenaires »: the partner's nom, SIRET, email and téléphone, as an
 * administrator of the partner changes them. Values come validated
 * (app/validators/administration.ts); an optional field left empty is
 * cleared. The change and its audit row commit together.
 */

export const PARTNER_DETAILS_FIELDS = ['name', 'siret', 'email', 'phone'] as const

export type PartnerDetails = {
  name: string
  siret: string | null
  email: string | null
  phone: string | null
}

export type PartnerDetailsInput = {
  name: string
  siret?: string
  email?: string
  phone?: string
}

export function partnerDetailsOf(partner: Partner): PartnerDetails {
  return { name: partner.name, siret: partner.siret, email: partner.email, phone: partner.phone }
}

/**
 * The partner's row, locked until the transaction ends where the engine can
 * (MySQL/MariaDB; SQLite has one writer at a time). The lock is a write
 * (lock_serial + 1), not a SELECT … FOR UPDATE alone: on a Galera cluster a
 * read lock holds only on its own node, while two writes of one row
 * conflict at commit and one transaction is rolled back (then retried by
 * retriedTransaction, which finds the other's change).
 */
export async function lockedPartner(trx: TransactionClientContract, partnerId: number) {
  const query = Partner.query({ client: trx }).where('id', partnerId)
  if (trx.dialect.name === 'mysql') {
    await trx.from('partners').where('id', partnerId).increment('lock_serial', 1)
    query.forUpdate()
  }
  return query.firstOrFail()
}

/** Returns the changed fields (none: nothing is written) */
export async function updatePartnerDetails(
  partnerId: number,
  actor: User,
  input: PartnerDetailsInput
): Promise<FieldChanges> {
  const next: PartnerDetails = {
    name: input.name,
    siret: input.siret || null,
    email: input.email || null,
    phone: input.phone || null,
  }
  return retriedTransaction(async (trx) => {
    const partner = await lockedPartner(trx, partnerId)
    const changes = changedFields(partnerDetailsOf(partner), next, PARTNER_DETAILS_FIELDS)
    if (Object.keys(changes).length === 0) return changes

    partner.merge(next)
    await partner.save()
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId: partner.id,
      subjectType: 'partner',
      subjectId: partner.id,
      action: 'update',
      changes,
    })
    return changes
  })
}
