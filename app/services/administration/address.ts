import { retriedTransaction } from '#database/transactions'
import PartnerAddress from '#models/partner_address'
import type User from '#models/user'
import { changedFields, recordAuditEvent, type FieldChanges } from '#services/audit/trail'
import { AdministrationRuleError } from '#services/administration/errors'
import { lockedPartner } from '#services/administration/partner'

/**
 * M7 « Adresse »: every field of the partner's postal address is changed by
 * its administrators, except the raison sociale, fixed at registration: a
 * request that tries to change it is refused whole (nothing is written).
 */

export const RAISON_SOCIALE_FIXED =
  'La raison sociale ne peut pas être modifiée : elle est fixée lors de l’inscription du partenaire.'

export const PARTNER_ADDRESS_FIELDS = [
  'recipient',
  'street',
  'complement',
  'poBox',
  'postalCode',
  'city',
] as const

export type PartnerAddressValues = {
  companyName: string
  recipient: string | null
  street: string | null
  complement: string | null
  poBox: string | null
  postalCode: string
  city: string
}

export type PartnerAddressInput = {
  /** Only compared: the raison sociale is never written here */
  companyName?: string
  recipient?: string
  street?: string
  complement?: string
  poBox?: string
  postalCode: string
  city: string
}

/** A partner without an address yet reads as one named after it */
export function partnerAddressOf(
  address: PartnerAddress | null,
  partnerName: string
): PartnerAddressValues {
  return {
    companyName: address?.companyName ?? partnerName,
    recipient: address?.recipient ?? null,
    street: address?.street ?? null,
    complement: address?.complement ?? null,
    poBox: address?.poBox ?? null,
    postalCode: address?.postalCode ?? '',
    city: address?.city ?? '',
  }
}

/** Returns the changed fields (none: nothing is written) */
export async function updatePartnerAddress(
  partnerId: number,
  actor: User,
  input: PartnerAddressInput
): Promise<FieldChanges> {
  return retriedTransaction(async (trx) => {
    const partner = await lockedPartner(trx, partnerId)
    const address = await PartnerAddress.query({ client: trx })
      .where('partner_id', partner.id)
      .first()
    const current = partnerAddressOf(address, partner.name)

    if (input.companyName !== undefined && input.companyName !== current.companyName) {
      throw new AdministrationRuleError({ companyName: RAISON_SOCIALE_FIXED })
    }

    const next: PartnerAddressValues = {
      companyName: current.companyName,
      recipient: input.recipient || null,
      street: input.street || null,
      complement: input.complement || null,
      poBox: input.poBox || null,
      postalCode: input.postalCode,
      city: input.city,
    }
    const changes = changedFields(current, next, PARTNER_ADDRESS_FIELDS)
    if (Object.keys(changes).length === 0) return changes

    /** A partner registered before addresses existed gets one, named after it */
    const row =
      address ??
      new PartnerAddress().merge({ partnerId: partner.id, companyName: current.companyName })
    row.useTransaction(trx)
    row.merge({
      recipient: next.recipient,
      street: next.street,
      complement: next.complement,
      poBox: next.poBox,
      postalCode: next.postalCode,
      city: next.city,
    })
    await row.save()
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId: partner.id,
      subjectType: 'partner_address',
      subjectId: row.id,
      action: address ? 'update' : 'create',
      changes,
    })
    return changes
  })
}
