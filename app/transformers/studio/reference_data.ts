import Regime from '#models/regime'
import { MAX_LENGTHS } from '#validators/rules/fields'
import { latestAuditEvents } from '#services/audit/trail'
import { referenceRows } from '#services/studio/reference_data'
import {
  REFERENCE_LABEL_MAX_LENGTH,
  REFERENCE_LISTS,
  REFERENCE_LIST_KEYS,
  type ReferenceList,
  type ReferenceListKey,
} from '#services/studio/reference_lists'
import {
  administratorsByCaisse,
  caisseAdministrators,
  type CaisseAdministrator,
} from '#services/studio/caisse_administrators'
import { historyEntry, type HistoryEntry } from '#transformers/audit/history'
import type { Option } from '#transformers/workflow/screen'

/** What « Ajouter » sends, as typed */
export type NewReferenceRowForm = {
  code: string
  label: string
  regimeId: string
  contactEmail: string
}

/** « Créer un administrateur » of a caisse, as typed */
export type NewCaisseAdministratorForm = {
  lastName: string
  firstName: string
  email: string
  phone: string
  login: string
}

/** What « Enregistrer » sends for a renamed row, as typed */
export type ReferenceRowChangeForm = { label: string; contactEmail: string }

export type ReferenceRowProps = {
  id: number
  code: string
  label: string
  active: boolean
  /** Caisses only */
  regime: string | null
  contactEmail: string
}

export type ReferenceDataPageProps = {
  /** The tabs: every list */
  lists: Array<{ key: ReferenceListKey; title: string }>
  list: Pick<ReferenceList, 'key' | 'title' | 'inRegime' | 'hasContactEmail' | 'hasAdministrators'>
  rows: ReferenceRowProps[]
  /** The active régimes a new caisse may join */
  regimes: Option[]
  limits: { code: number; label: number; contactEmail: number }
  history: HistoryEntry[]
  /** The caisses list only: each caisse's administrators, and who may be attached */
  administrators: Record<string, CaisseAdministrator[]>
  administratorChoices: Option[]
  /** After a refusal: what was typed, and which row's form it was */
  typed: {
    adding: NewReferenceRowForm | null
    editing: { id: number; values: ReferenceRowChangeForm } | null
    /** values null: « Rattacher » was refused */
    administrators: { caisseId: number; values: NewCaisseAdministratorForm | null } | null
  }
}

/**
 * S1 « Atelier » › « Référentiels » (inertia/pages/studio/reference_data.tsx):
 * one list's rows, the forms, and the latest changes of that list.
 */
export async function referenceDataPageProps(
  list: ReferenceList,
  typed: Partial<ReferenceDataPageProps['typed']> = {}
): Promise<ReferenceDataPageProps> {
  const [rows, regimes, events, administrators, choices] = await Promise.all([
    referenceRows(list),
    list.inRegime ? Regime.query().where('active', true).orderBy('name') : Promise.resolve([]),
    latestAuditEvents(null, [list.subjectType], 20),
    list.hasAdministrators ? administratorsByCaisse() : Promise.resolve({}),
    list.hasAdministrators ? caisseAdministrators() : Promise.resolve([]),
  ])
  return {
    lists: REFERENCE_LIST_KEYS.map((key) => ({ key, title: REFERENCE_LISTS[key].title })),
    list: {
      key: list.key,
      title: list.title,
      inRegime: list.inRegime,
      hasContactEmail: list.hasContactEmail,
      hasAdministrators: list.hasAdministrators,
    },
    rows: rows.map((row) => ({
      id: row.id,
      code: row.code,
      label: row.label,
      active: row.active,
      regime: row.regime,
      contactEmail: row.contactEmail ?? '',
    })),
    regimes: regimes.map((regime) => ({ value: String(regime.id), label: regime.name })),
    limits: {
      code: list.codeMaxLength,
      label: REFERENCE_LABEL_MAX_LENGTH,
      contactEmail: MAX_LENGTHS.email,
    },
    history: events.map((event) => historyEntry(event)),
    administrators,
    administratorChoices: choices.map((user) => ({
      value: String(user.id),
      label: `${user.name} (${user.login})`,
    })),
    typed: {
      adding: typed.adding ?? null,
      editing: typed.editing ?? null,
      administrators: typed.administrators ?? null,
    },
  }
}
