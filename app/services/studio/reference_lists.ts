import type { AuditSubjectType } from '#services/audit/trail'

/**
 * S1 « Atelier » › « Référentiels »: the reference lists analysts keep, as
 * data. Each names its table and the column of its French label; a list
 * whose rows belong to a régime (the caisses) or have a contact email says
 * so. Rows are added, renamed, deactivated and reactivated, never deleted:
 * partners, conventions and records refer to them by id. A code is fixed
 * once created.
 */
export type ReferenceListKey = 'regimes' | 'caisses' | 'partner_types' | 'convention_types'

export interface ReferenceList {
  key: ReferenceListKey
  /** The tab: « Régimes » */
  title: string
  /** « le régime », in messages */
  singular: string
  table: string
  labelColumn: 'name' | 'label'
  /** The code column's length (database/migrations/0001_create_reference_data_tables.ts) */
  codeMaxLength: number
  subjectType: AuditSubjectType
  /** Each row belongs to one active régime, chosen when it is added */
  inRegime: boolean
  /** Each row has a contact email (migration 0070) */
  hasContactEmail: boolean
  /** Each row has its caisse administrators (caisse_user) */
  hasAdministrators: boolean
}

export const REFERENCE_LISTS: Record<ReferenceListKey, ReferenceList> = {
  regimes: {
    key: 'regimes',
    title: 'Régimes',
    singular: 'le régime',
    table: 'regimes',
    labelColumn: 'name',
    codeMaxLength: 20,
    subjectType: 'regime',
    inRegime: false,
    hasContactEmail: false,
    hasAdministrators: false,
  },
  caisses: {
    key: 'caisses',
    title: 'Caisses',
    singular: 'la caisse',
    table: 'caisses',
    labelColumn: 'name',
    codeMaxLength: 30,
    subjectType: 'caisse',
    inRegime: true,
    hasContactEmail: true,
    hasAdministrators: true,
  },
  partner_types: {
    key: 'partner_types',
    title: 'Types de partenaire',
    singular: 'le type de partenaire',
    table: 'partner_types',
    labelColumn: 'label',
    codeMaxLength: 30,
    subjectType: 'partner_type',
    inRegime: false,
    hasContactEmail: false,
    hasAdministrators: false,
  },
  convention_types: {
    key: 'convention_types',
    title: 'Types de convention',
    singular: 'le type de convention',
    table: 'convention_types',
    labelColumn: 'label',
    codeMaxLength: 30,
    subjectType: 'convention_type',
    inRegime: false,
    hasContactEmail: false,
    hasAdministrators: false,
  },
}

export const REFERENCE_LIST_KEYS = Object.keys(REFERENCE_LISTS) as ReferenceListKey[]

/** Every label column is 150 characters long */
export const REFERENCE_LABEL_MAX_LENGTH = 150

/** The screen's words for the fields, in messages and the history */
export const REFERENCE_FIELD_LABELS = {
  code: 'Code',
  label: 'Libellé',
  regimeId: 'Régime',
  contactEmail: 'Email de contact',
  active: 'Statut',
  administrator: 'Administrateur caisse',
} as const

export function referenceList(key: unknown): ReferenceList | undefined {
  return typeof key === 'string' && Object.hasOwn(REFERENCE_LISTS, key)
    ? REFERENCE_LISTS[key as ReferenceListKey]
    : undefined
}
