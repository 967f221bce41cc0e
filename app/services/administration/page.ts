import type Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import User from '#models/user'
import Convention, { type ConventionState } from '#models/convention'
import {
  latestAuditEvents,
  type AuditEvent,
  type AuditSubjectType,
  type AuditValue,
} from '#services/administration/audit'
import { partnerAddressOf, type PartnerAddressValues } from '#services/administration/address'
import { partnerDetailsOf, type PartnerDetails } from '#services/administration/partner'
import { formatParisDateTime, isoParisDateTime } from '#services/back_office/format'
import {
  conventionChoices,
  conventionEvents,
  type ConventionChoices,
  type ConventionEvent,
  type NewConventionInput,
} from '#services/administration/conventions'
import {
  ADMINISTRATION_LIMITS,
  CONVENTION_LIMITS,
  PARTNER_ADDRESS_LABELS,
  PARTNER_DETAILS_LABELS,
  PARTNER_USER_LABELS,
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
  user: PARTNER_USER_LABELS,
  convention: {
    regime: 'Régime',
    caisse: 'Caisse',
    type: 'Type de convention',
    code: 'Code convention',
  },
}

const ACTION_LABELS: Record<string, string> = {
  'partner.update': 'Modification des informations du partenaire',
  'partner_address.update': 'Modification de l’adresse',
  'partner_address.create': 'Saisie de l’adresse',
  'user.create': 'Création de l’utilisateur',
  'user.update': 'Modification de l’utilisateur',
  'user.grant_admin': 'Attribution du statut « Administrateur »',
  'user.revoke_admin': 'Retrait du statut « Administrateur »',
  'user.delete': 'Suppression de l’utilisateur',
  'convention.create': 'Ajout d’une convention (en attente de validation par la caisse)',
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

/** M3: what an opened user shows besides its row: téléphone, email and its changes */
export type UserDetails = {
  phone: string
  email: string
  /** The changes of this account, newest first */
  history: HistoryEntry[]
}

/** Changes of accounts kept per opened user */
export const USER_HISTORY_LENGTH = 50

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
export type ConventionForm = NewConventionInput

export type AdministrationPageProps = {
  tab: AdministrationTab
  partner: PartnerDetails
  address: PartnerAddressValues
  users: UserRow[]
  /** M3: by user id, what an opened user shows besides its row */
  userDetails: Record<string, UserDetails>
  conventions: ConventionRow[]
  history: Record<AdministrationTab, HistoryEntry[]>
  forms: { partner: PartnerForm; address: AddressForm; convention: ConventionForm }
  limits: typeof ADMINISTRATION_LIMITS
  /** M8: the lists of « Ajouter une convention » and the code's bound */
  conventionChoices: ConventionChoices
  conventionLimits: typeof CONVENTION_LIMITS
  /** By convention id: the latest events of its workflow record (who, what, when), newest first */
  conventionEvents: Record<string, ConventionEvent[]>
}

export async function presentAdministration(
  partner: Partner,
  tab: AdministrationTab,
  typed: {
    partner?: Partial<PartnerForm>
    address?: Partial<AddressForm>
    convention?: Partial<ConventionForm>
  } = {}
): Promise<AdministrationPageProps> {
  const address = partnerAddressOf(
    await PartnerAddress.findBy('partner_id', partner.id),
    partner.name
  )
  const details = partnerDetailsOf(partner)
  const [users, conventions, history, choices] = await Promise.all([
    presentUsers(partner.id),
    presentConventions(partner.id),
    presentHistory(partner.id),
    conventionChoices(),
  ])
  const events = await conventionEvents(conventions.map((convention) => convention.id))
  return {
    tab,
    partner: details,
    address,
    users: users.rows,
    userDetails: users.details,
    conventions,
    history,
    forms: {
      partner: { ...asStrings(details), ...typed.partner },
      address: { ...asStrings(address), ...typed.address, companyName: address.companyName },
      convention: {
        regimeId: '',
        caisseId: '',
        conventionTypeId: '',
        code: '',
        ...typed.convention,
      },
    },
    limits: ADMINISTRATION_LIMITS,
    conventionChoices: choices,
    conventionLimits: CONVENTION_LIMITS,
    conventionEvents: Object.fromEntries(
      [...events].map(([conventionId, list]) => [String(conventionId), list])
    ),
  }
}

async function presentUsers(
  partnerId: number
): Promise<{ rows: UserRow[]; details: Record<string, UserDetails> }> {
  const users = await User.query()
    .where('partner_id', partnerId)
    .whereNull('deleted_at')
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
  const history = new Map<number, HistoryEntry[]>()
  if (users.length) {
    const events = await latestAuditEvents(partnerId, ['user'], users.length * USER_HISTORY_LENGTH)
    for (const event of events) {
      if (event.subjectId === null) continue
      const entries = history.get(event.subjectId) ?? []
      if (entries.length < USER_HISTORY_LENGTH) entries.push(presentAuditEvent(event))
      history.set(event.subjectId, entries)
    }
  }
  return {
    rows: users.map((user) => ({
      id: user.id,
      login: user.login,
      lastName: user.lastName,
      firstName: user.firstName,
      isAdministrator: user.role === 'partner_admin',
      status: user.role === 'partner_admin' ? 'Administrateur' : 'Utilisateur',
    })),
    details: Object.fromEntries(
      users.map((user) => [
        user.id,
        { phone: user.phone ?? '', email: user.email, history: history.get(user.id) ?? [] },
      ])
    ),
  }
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
      const logins = await loginsOf(events)
      return [
        tab,
        events.map((event) => {
          const entry = presentAuditEvent(event)
          const login = event.subjectType === 'user' ? logins.get(event.subjectId ?? 0) : undefined
          return login ? { ...entry, action: `${entry.action} ${login}` } : entry
        }),
      ] as const
    })
  )
  return Object.fromEntries(entries) as Record<AdministrationTab, HistoryEntry[]>
}

/** The logins of the accounts the rows are about (deleted ones included) */
async function loginsOf(events: AuditEvent[]) {
  const ids = [
    ...new Set(events.filter((e) => e.subjectType === 'user').map((e) => e.subjectId ?? 0)),
  ]
  const logins = new Map<number, string>()
  if (ids.length === 0) return logins
  const rows = await User.query().whereIn('id', ids).select('id', 'login')
  for (const row of rows) logins.set(row.id, row.login)
  return logins
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
