import db from '@adonisjs/lucid/services/db'
import Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import User from '#models/user'
import { PartnerFactory } from '#database/factories/partner_factory'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Shared set-up of the partner administration tests (not a spec file).
 * Each test builds its own partners: the demo partner belongs to the
 * browser test.
 */

/** A partner with its address, an administrator and a user who is not one */
export async function partnerWithAccounts() {
  const partner = await PartnerFactory.with('address').create()
  const admin = await UserFactory.merge({ partnerId: partner.id }).apply('partnerAdmin').create()
  const member = await UserFactory.merge({ partnerId: partner.id }).create()
  return { partner, admin, member }
}

/** What the administration can change of a partner, as stored */
export async function storedPartner(partnerId: number) {
  const partner = await Partner.findOrFail(partnerId)
  const address = await PartnerAddress.findByOrFail('partner_id', partnerId)
  return {
    partner: {
      name: partner.name,
      siret: partner.siret,
      email: partner.email,
      phone: partner.phone,
    },
    address: {
      companyName: address.companyName,
      recipient: address.recipient,
      street: address.street,
      complement: address.complement,
      poBox: address.poBox,
      postalCode: address.postalCode,
      city: address.city,
    },
  }
}

export type AuditRow = {
  id: number
  actorId: number | null
  partnerId: number | null
  subjectType: string
  subjectId: number | null
  action: string
  changes: Record<string, { before: unknown; after: unknown }>
  createdAt: unknown
}

/** The audit rows of a partner, oldest first */
export async function auditRowsOf(partnerId: number): Promise<AuditRow[]> {
  const rows = await db.from('audit_events').where('partner_id', partnerId).orderBy('id')
  return rows.map((row) => ({
    id: Number(row.id),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    partnerId: row.partner_id === null ? null : Number(row.partner_id),
    subjectType: row.subject_type,
    subjectId: row.subject_id === null ? null : Number(row.subject_id),
    action: row.action,
    changes: typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes,
    createdAt: row.created_at,
  }))
}

/** A valid « Partenaires » form */
export function partnerForm(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Association Ciel Bleu',
    siret: '73282932000074',
    email: 'contact@cielbleu.fr',
    phone: '03 21 45 67 89',
    ...overrides,
  }
}

/** A valid « Adresse » form (the raison sociale is not part of it) */
export function addressForm(overrides: Record<string, unknown> = {}) {
  return {
    recipient: 'Association Ciel Bleu',
    street: '12 rue des Lilas',
    complement: 'Bâtiment B',
    poBox: 'BP 42',
    postalCode: '62000',
    city: 'Arras',
    ...overrides,
  }
}

/** Refreshes a user from the database (role, partner) */
export async function reloaded(user: User) {
  return User.findOrFail(user.id)
}
