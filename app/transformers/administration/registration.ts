import type Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import { latestAuditEvents, type AuditEvent, type AuditSubjectType } from '#services/audit/trail'
import { partnerAddressOf, type PartnerAddressValues } from '#services/administration/address'
import { partnerDetailsOf, type PartnerDetails } from '#services/administration/partner'
import User from '#models/user'
import { historyEntry, type HistoryEntry } from '#transformers/audit/history'
import { partnerUsers, type UserDetails, type UserRow } from '#transformers/administration/users'
import {
  conventionChoices,
  conventionEvents,
  partnerConventions,
  type ConventionChoices,
  type ConventionEvent,
  type ConventionRow,
} from '#transformers/administration/conventions'
import {
  ADMINISTRATION_LIMITS,
  CONVENTION_LIMITS,
  PARTNER_USER_LIMITS,
  type CONVENTION_LABELS,
} from '#validators/administration'
import { MAX_LENGTHS } from '#validators/rules/fields'

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

/**
 * The maxLength of each field of the page's forms: the validators' bounds,
 * sent to the page so that the client restates none of them.
 */
const FORM_MAX_LENGTHS = {
  partner: {
    name: ADMINISTRATION_LIMITS.name,
    siret: MAX_LENGTHS.siret,
    email: MAX_LENGTHS.email,
    phone: MAX_LENGTHS.phone,
  },
  address: {
    recipient: ADMINISTRATION_LIMITS.recipient,
    street: ADMINISTRATION_LIMITS.street,
    complement: ADMINISTRATION_LIMITS.complement,
    poBox: ADMINISTRATION_LIMITS.poBox,
    postalCode: MAX_LENGTHS.postalCode,
    city: ADMINISTRATION_LIMITS.city,
  },
  user: {
    lastName: PARTNER_USER_LIMITS.lastName,
    firstName: PARTNER_USER_LIMITS.firstName,
    phone: MAX_LENGTHS.phone,
    email: MAX_LENGTHS.email,
    login: MAX_LENGTHS.login,
  },
  convention: { code: CONVENTION_LIMITS.code },
} as const

/** The forms' values as strings: what is stored, or what was typed after a refusal */
export type PartnerForm = Record<keyof PartnerDetails, string>
export type AddressForm = Record<keyof PartnerAddressValues, string>
export type ConventionForm = Record<keyof typeof CONVENTION_LABELS, string>

export type RegistrationPageProps = {
  tab: AdministrationTab
  partner: PartnerDetails
  address: PartnerAddressValues
  users: UserRow[]
  /** M3: by user id, what an opened user shows besides its row */
  userDetails: Record<string, UserDetails>
  conventions: ConventionRow[]
  history: Record<AdministrationTab, HistoryEntry[]>
  forms: { partner: PartnerForm; address: AddressForm; convention: ConventionForm }
  /** By form, the maxLength of each of its text fields */
  limits: typeof FORM_MAX_LENGTHS
  /** M8: the lists of « Ajouter une convention » */
  conventionChoices: ConventionChoices
  /** By convention id: the latest events of its workflow record (who, what, when), newest first */
  conventionEvents: Record<string, ConventionEvent[]>
  /** Field errors of a refused « Valider » (else the shared ones) */
  errors?: Record<string, string>
}

export async function registrationPageProps(
  partner: Partner,
  tab: AdministrationTab,
  typed: {
    partner?: Partial<PartnerForm>
    address?: Partial<AddressForm>
    convention?: Partial<ConventionForm>
  } = {}
): Promise<RegistrationPageProps> {
  const address = partnerAddressOf(
    await PartnerAddress.findBy('partner_id', partner.id),
    partner.name
  )
  const details = partnerDetailsOf(partner)
  const [users, conventions, history, choices] = await Promise.all([
    partnerUsers(partner.id),
    partnerConventions(partner.id),
    tabHistories(partner.id),
    conventionChoices(),
  ])
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
    limits: FORM_MAX_LENGTHS,
    conventionChoices: choices,
    conventionEvents: await conventionEvents(conventions.map((convention) => convention.id)),
  }
}

async function tabHistories(partnerId: number) {
  const entries = await Promise.all(
    ADMINISTRATION_TABS.map(async (tab) => {
      const events = await latestAuditEvents(partnerId, TAB_SUBJECTS[tab], HISTORY_LENGTH)
      const logins = await loginsOf(events)
      return [
        tab,
        events.map((event) => {
          const entry = historyEntry(event)
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

function asStrings<T extends Record<string, string | null>>(values: T) {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value ?? ''])
  ) as Record<keyof T, string>
}
