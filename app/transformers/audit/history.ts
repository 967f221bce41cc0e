import type { AuditEvent, AuditSubjectType, AuditValue } from '#services/audit/trail'
import { formatParisDateTime, isoParisDateTime } from '#formatting/french'
import {
  PARTNER_ADDRESS_LABELS,
  PARTNER_DETAILS_LABELS,
  PARTNER_USER_LABELS,
} from '#validators/administration'
import { REFERENCE_FIELD_LABELS } from '#services/studio/reference_lists'

/**
 * One row of a tab's « Historique des modifications » (audit_events): qui,
 * quoi, quand, and each changed field as « avant » → « après ».
 */
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

/** Field labels of the audit rows, by subject: the screens' own */
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
  regime: REFERENCE_FIELD_LABELS,
  caisse: REFERENCE_FIELD_LABELS,
  partner_type: REFERENCE_FIELD_LABELS,
  convention_type: REFERENCE_FIELD_LABELS,
}

/** S1: the studio's changes to a reference list, by what the row is */
const REFERENCE_ACTION_LABELS = Object.fromEntries(
  (
    [
      ['regime', 'du régime'],
      ['caisse', 'de la caisse'],
      ['partner_type', 'du type de partenaire'],
      ['convention_type', 'du type de convention'],
    ] as const
  ).flatMap(([subject, ofIt]) => [
    [`${subject}.create`, `Ajout ${ofIt}`],
    [`${subject}.update`, `Modification ${ofIt}`],
    [`${subject}.deactivate`, `Désactivation ${ofIt}`],
    [`${subject}.reactivate`, `Réactivation ${ofIt}`],
  ])
)

/** S1: a caisse's administrators */
const CAISSE_ADMINISTRATOR_ACTION_LABELS = {
  'caisse.attach_admin': 'Rattachement d’un administrateur à la caisse',
  'caisse.create_admin':
    'Création d’un administrateur de la caisse (mot de passe temporaire envoyé)',
  'caisse.detach_admin': 'Retrait d’un administrateur de la caisse',
}

/** S3 S5 S9 a workflow's versions (app/services/studio/drafts.ts, publication.ts) */
const WORKFLOW_ACTION_LABELS = {
  'workflow_definition.create_draft': 'Création du brouillon',
  'workflow_definition.import_draft': 'Import d’un fichier comme brouillon',
  'workflow_definition.update_draft': 'Modification du brouillon',
  'workflow_definition.publish': 'Publication',
  'workflow_definition.abandon_draft': 'Abandon du brouillon',
  /** S7 app/services/studio/scenarios.ts */
  'workflow_definition.save_scenario': 'Enregistrement d’un scénario de simulation',
  'workflow_definition.delete_scenario': 'Suppression d’un scénario de simulation',
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
  ...REFERENCE_ACTION_LABELS,
  ...CAISSE_ADMINISTRATOR_ACTION_LABELS,
  ...WORKFLOW_ACTION_LABELS,
}

/** One changed field in words: its label, its values « avant » and « après » */
export type ChangeWords = (
  field: string,
  change: { before: AuditValue; after: AuditValue }
) => HistoryEntry['changes'][number]

/**
 * The row in words; `words` says the changed fields of a subject whose
 * keys are not a fixed list (a workflow's paths), the labels above say the others
 */
export function historyEntry(event: AuditEvent, words?: ChangeWords): HistoryEntry {
  const labels = FIELD_LABELS[event.subjectType] ?? {}
  const inWords: ChangeWords =
    words ??
    ((field, { before, after }) => ({
      field: labels[field] ?? field,
      before: shownValue(before),
      after: shownValue(after),
    }))
  return {
    id: event.id,
    at: formatParisDateTime(event.createdAt),
    atIso: isoParisDateTime(event.createdAt),
    actor: event.actor
      ? `${event.actor.firstName} ${event.actor.lastName} (${event.actor.login})`
      : 'Compte supprimé',
    action: ACTION_LABELS[`${event.subjectType}.${event.action}`] ?? event.action,
    changes: Object.entries(event.changes).map(([field, change]) => inWords(field, change)),
  }
}

/** « (vide) » for no value */
export function shownValue(value: AuditValue) {
  return value === null || value === '' ? '(vide)' : String(value)
}
