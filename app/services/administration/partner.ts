import db from '@adonisjs/lucid/services/db'
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

/** The partner's row, locked until the transaction ends where the engine can (MySQL) */
export async function lockedPartner(trx: TransactionClientContract, partnerId: number) {
  const query = Partner.query({ client: trx }).where('id', partnerId)
  if (trx.dialect.name === 'mysql') query.forUpdate()
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
  return db.transaction(async (trx) => {
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
