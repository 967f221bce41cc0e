import type Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import User from '#models/user'
import Convention, { type ConventionState } from '#models/convention'
import {
  latestAuditEvents,
  type AuditEvent,
  type AuditSubjectType,
  type AuditValue,
} from '#services/administration_audit'
import { partnerAddressOf, type PartnerAddressValues } from '#services/administration_address'
import { partnerDetailsOf, type PartnerDetails } from '#services/administration_partner'
import { formatParisDateTime, isoParisDateTime } from '#services/back_office_format'
import {
  ADMINISTRATION_LIMITS,
  PARTNER_ADDRESS_LABELS,
  PARTNER_DETAILS_LABELS,
} from '#validators/administration'

/**
 * The props of « Administration » › « Modification inscription »
 * (inertia/pages/administration/show.tsx), shaped field by field: one
 * partner (the signed-in administrator's), its users, address and
 * conventions, and under each tab the latest changes of what it shows.
 */

/** The tabs, as the `onglet` query parameter names them */
export const ADMINISTRATION_TABS = [
  'partenaires',
  'utilisateurs',
  'adresse',
  'conventions',
] as const
export type AdministrationTab = (typeof ADMINISTRATION_TABS)[number]

/** The tab named by `?onglet=`, « Partenaires » when absent or unknown */
export function tabFrom(value: unknown): AdministrationTab {
  return ADMINISTRATION_TABS.find((tab) => tab === value) ?? 'partenaires'
}

/** What each tab's « Historique des modifications » lists */
const TAB_SUBJECTS: Record<AdministrationTab, AuditSubjectType[]> = {
  partenaires: ['partner'],
  utilisateurs: ['user'],
  adresse: ['partner_address'],
  conventions: ['convention'],
}

/** Rows shown per tab */
export const HISTORY_LENGTH = 10

/** Field labels of the audit rows, by subject (the users and conventions tabs add theirs) */
const FIELD_LABELS: Partial<Record<AuditSubjectType, Record<string, string>>> = {
  partner: PARTNER_DETAILS_LABELS,
  partner_address: PARTNER_ADDRESS_LABELS,
}

const ACTION_LABELS: Record<string, string> = {
  'partner.update': 'Modification des informations du partenaire',
  'partner_address.update': 'Modification de l’adresse',
  'partner_address.create': 'Saisie de l’adresse',
}

export const CONVENTION_STATE_LABELS: Record<ConventionState, string> = {
  validated: 'validé',
  pending: 'en attente de validation',
  invalidated: 'invalidé',
}

export type HistoryEntry = {
  id: number
  /** « 30/11/2026 à 11:02 », Paris time */
  at: string
  atIso: string
  /** « Paul MARTIN (partenaire1) » */
  actor: string
  action: string
  changes: Array<{ field: string; before: string; after: string }>
}

export type UserRow = {
  id: number
  login: string
  lastName: string
  firstName: string
  isAdministrator: boolean
  /** « Administrateur » or « Utilisateur » */
  status: string
}

export type ConventionRow = {
  id: number
  regime: string
  caisse: string
  code: string
  type: string
  /** « validé », « en attente de validation », « invalidé » */
  state: string
}

/** The forms' values as strings: what is stored, or what was typed after a refusal */
export type PartnerForm = Record<keyof PartnerDetails, string>
export type AddressForm = Record<keyof PartnerAddressValues, string>

export type AdministrationPageProps = {
  tab: AdministrationTab
  partner: PartnerDetails
  address: PartnerAddressValues
  users: UserRow[]
  conventions: ConventionRow[]
  history: Record<AdministrationTab, HistoryEntry[]>
  forms: { partner: PartnerForm; address: AddressForm }
  limits: typeof ADMINISTRATION_LIMITS
}

export async function presentAdministration(
  partner: Partner,
  tab: AdministrationTab,
  typed: { partner?: Partial<PartnerForm>; address?: Partial<AddressForm> } = {}
): Promise<AdministrationPageProps> {
  const address = partnerAddressOf(
    await PartnerAddress.findBy('partner_id', partner.id),
    partner.name
  )
  const details = partnerDetailsOf(partner)
  const [users, conventions, history] = await Promise.all([
    presentUsers(partner.id),
    presentConventions(partner.id),
    presentHistory(partner.id),
  ])
  return {
    tab,
    partner: details,
    address,
    users,
    conventions,
    history,
    forms: {
      partner: { ...asStrings(details), ...typed.partner },
      address: { ...asStrings(address), ...typed.address, companyName: address.companyName },
    },
    limits: ADMINISTRATION_LIMITS,
  }
}

async function presentUsers(partnerId: number): Promise<UserRow[]> {
  const users = await User.query()
    .where('partner_id', partnerId)
    .whereNull('deleted_at')
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
  return users.map((user) => ({
    id: user.id,
    login: user.login,
    lastName: user.lastName,
    firstName: user.firstName,
    isAdministrator: user.role === 'partner_admin',
    status: user.role === 'partner_admin' ? 'Administrateur' : 'Utilisateur',
  }))
}

async function presentConventions(partnerId: number): Promise<ConventionRow[]> {
  const conventions = await Convention.query()
    .where('partner_id', partnerId)
    .preload('caisse', (caisse) => caisse.preload('regime'))
    .preload('conventionType')
    .orderBy('id')
  return conventions.map((convention) => ({
    id: convention.id,
    regime: convention.caisse.regime.name,
    caisse: convention.caisse.name,
    code: convention.code,
    type: convention.conventionType?.label ?? '',
    state: CONVENTION_STATE_LABELS[convention.state] ?? convention.state,
  }))
}

async function presentHistory(partnerId: number) {
  const entries = await Promise.all(
    ADMINISTRATION_TABS.map(async (tab) => {
      const events = await latestAuditEvents(partnerId, TAB_SUBJECTS[tab], HISTORY_LENGTH)
      return [tab, events.map(presentAuditEvent)] as const
    })
  )
  return Object.fromEntries(entries) as Record<AdministrationTab, HistoryEntry[]>
}

export function presentAuditEvent(event: AuditEvent): HistoryEntry {
  const labels = FIELD_LABELS[event.subjectType] ?? {}
  return {
    id: event.id,
    at: formatParisDateTime(event.createdAt),
    atIso: isoParisDateTime(event.createdAt),
    actor: event.actor
      ? `${event.actor.firstName} ${event.actor.lastName} (${event.actor.login})`
      : 'Compte supprimé',
    action: ACTION_LABELS[`${event.subjectType}.${event.action}`] ?? event.action,
    changes: Object.entries(event.changes).map(([field, { before, after }]) => ({
      field: labels[field] ?? field,
      before: shown(before),
      after: shown(after),
    })),
  }
}

function shown(value: AuditValue) {
  return value === null || value === '' ? '(vide)' : String(value)
}

function asStrings<T extends Record<string, string | null>>(values: T) {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value ?? ''])
  ) as Record<keyof T, string>
}
