/**
 * The props of « Administration » › « Modification inscription », as the
 * server shapes them (app/services/administration/page.ts).
 */
export type AdministrationTab = 'partenaires' | 'utilisateurs' | 'adresse' | 'conventions'

export type PartnerDetails = {
  name: string
  siret: string | null
  email: string | null
  phone: string | null
}

export type PartnerAddress = {
  companyName: string
  recipient: string | null
  street: string | null
  complement: string | null
  poBox: string | null
  postalCode: string
  city: string
}

export type PartnerForm = Record<keyof PartnerDetails, string>
export type AddressForm = Record<keyof PartnerAddress, string>

export type UserRow = {
  id: number
  login: string
  lastName: string
  firstName: string
  isAdministrator: boolean
  status: string
}

/** M3: what an opened user shows besides its row */
export type UserDetails = {
  phone: string
  email: string
  /** The changes of this account, newest first */
  history: HistoryEntry[]
}

export type ConventionRow = {
  id: number
  regime: string
  caisse: string
  code: string
  type: string
  state: string
}

export type HistoryEntry = {
  id: number
  at: string
  atIso: string
  actor: string
  action: string
  changes: Array<{ field: string; before: string; after: string }>
}

export type Limits = {
  name: number
  companyName: number
  recipient: number
  street: number
  complement: number
  poBox: number
  city: number
}

export type AdministrationProps = {
  tab: AdministrationTab
  partner: PartnerDetails
  address: PartnerAddress
  users: UserRow[]
  /** By user id */
  userDetails: Record<string, UserDetails>
  conventions: ConventionRow[]
  history: Record<AdministrationTab, HistoryEntry[]>
  forms: { partner: PartnerForm; address: AddressForm }
  limits: Limits
  /** Field errors of a refused « Valider » (else the shared ones) */
  errors?: Record<string, string>
}

/** Fixed lengths of the shared field rules (app/validators/rules/fields.ts MAX_LENGTHS) */
export const FIELD_LENGTHS = { email: 254, phone: 14, siret: 14, postalCode: 5 } as const
