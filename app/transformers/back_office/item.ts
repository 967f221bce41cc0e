import type WorkflowInstance from '#models/workflow_instance'
import type WorkflowTransition from '#models/workflow_transition'
import type { DecisionDefinition } from '#services/back_office/definitions'
import { MIGRATE_EVENT, START_EVENT } from '#workflow/engine'
import type { EventTone, FieldJson } from '#workflow/types'
import type { ScreenField } from '#transformers/workflow/screen'
import {
  formatParisDateTime,
  isoParisDateTime,
  migrationLabel,
  roleLabel,
} from '#formatting/french'

/**
 * C2: the props of an item of the caisse back office
 * (inertia/pages/back_office/items/show.tsx): the record, what was
 * submitted, the history (who, what, when) and the decisions the actor may
 * take now. Values are plain text: the page prints them as text, never as HTML.
 */

export interface SubmittedSection {
  title: string
  fields: Array<{ label: string; value: string }>
}

export interface HistoryEntry {
  seq: number
  at: string
  atIso: string
  actor: string
  event: string
  from: string | null
  to: string
  /** Texts typed with a decision (the reason of an invalidation) */
  details: Array<{ label: string; value: string }>
}

export interface DecisionAction {
  event: string
  label: string
  /** Its button's colour beside the label (events.<E>.tone) */
  tone: EventTone
  /**
   * Fields the decision carries (the reason of an invalidation), any type of
   * the catalogue, lists with their choices: the page renders them as the
   * journeys' forms do (inertia/components/workflow/field_input.tsx)
   */
  fields: ScreenField[]
}

export interface ItemSummary {
  id: number
  kind: string
  state: string
  pending: boolean
  lockVersion: number
  receivedAt: string
  partnerName: string | null
  siret: string | null
  conventionCode: string | null
  caisseName: string | null
  decisionReason: string | null
}

export interface ItemPageProps {
  item: ItemSummary
  submitted: SubmittedSection[]
  history: HistoryEntry[]
  actions: DecisionAction[]
  /** Field errors of a refused decision (else the shared ones) */
  errors?: Record<string, string>
  /** Why the decision was not recorded */
  alert: string | null
}

/** Never shown, whatever a form calls them */
export const HIDDEN_FIELD = /captcha|password|mot_?de_?passe/i
const SECRET_TYPES = ['password', 'captcha']

export function visibleFields(fields: FieldJson[]) {
  return fields.filter(
    (field) => !SECRET_TYPES.includes(field.type) && !HIDDEN_FIELD.test(field.name)
  )
}

/** What the item's page needs, read by app/services/back_office/item.ts */
export interface ItemRecord {
  definition: DecisionDefinition
  instance: WorkflowInstance
  transitions: WorkflowTransition[]
  /** Full names of the users who acted, by id */
  actorNames: Map<number, string>
  partner: { name: unknown; siret: unknown } | null
  caisseName: unknown
  submitted: SubmittedSection[]
  /** Events this actor may send now */
  availableEvents: string[]
  /** The visible fields of each decision's form, shaped with their choices */
  decisionFields: Record<string, ScreenField[]>
  /** What was entered with each decision, by transition seq, list values by their label */
  historyDetails: Map<number, Array<{ label: string; value: string }>>
}

export function itemPageProps(record: ItemRecord): Omit<ItemPageProps, 'errors' | 'alert'> {
  const { definition, instance, transitions } = record
  const { queries } = definition
  const context = instance.snapshot.context ?? {}
  const decision = context.decision as { outcome?: string; reason?: string | null } | null
  const pending =
    instance.status === 'active' &&
    definition.pendingStateIds.includes(queries.currentState(instance.snapshot.value) ?? '')
  /** A move to another version (S10) is no arrival: the record came when it was submitted */
  const arrival = [...transitions]
    .reverse()
    .find(
      (row) =>
        row.event !== MIGRATE_EVENT &&
        definition.pendingStateIds.includes(queries.storedStates(row.toState)[0] ?? '')
    )

  return {
    item: {
      id: instance.id,
      kind: definition.kindLabel,
      state: queries.storedStateLabel(instance.state),
      pending,
      lockVersion: instance.lockVersion,
      receivedAt: formatParisDateTime(arrival?.createdAt ?? instance.updatedAt),
      partnerName: text(context.partnerName) ?? text(record.partner?.name),
      siret: text(context.siret) ?? text(record.partner?.siret),
      conventionCode: text(context.conventionCode),
      caisseName: text(record.caisseName) ?? text(context.caisseName),
      decisionReason: decision && typeof decision.reason === 'string' ? decision.reason : null,
    },
    submitted: record.submitted,
    history: transitions.map((row) => historyEntry(record, row)),
    actions: pending ? decisionActions(record) : [],
  }
}

function historyEntry(record: ItemRecord, row: WorkflowTransition): HistoryEntry {
  const { definition } = record
  const { queries } = definition
  const role = roleLabel(row.actorRole)
  const actor =
    row.actorId === null
      ? role.charAt(0).toUpperCase() + role.slice(1)
      : `${record.actorNames.get(row.actorId) ?? `Utilisateur n° ${row.actorId}`} (${role})`
  const fromState = row.fromState ? (queries.storedStates(row.fromState)[0] ?? row.fromState) : null
  return {
    seq: row.seq,
    at: formatParisDateTime(row.createdAt),
    atIso: isoParisDateTime(row.createdAt),
    actor,
    event:
      row.event === START_EVENT
        ? 'Création du dossier'
        : row.event === MIGRATE_EVENT
          ? migrationLabel(row.payload)
          : queries.eventLabel(row.event, fromState),
    /** A migration's « from » is a state of the old version: its audit row names it */
    from:
      row.event === MIGRATE_EVENT && typeof row.payload?.fromStateLabel === 'string'
        ? row.payload.fromStateLabel
        : row.fromState === null
          ? null
          : queries.storedStateLabel(row.fromState),
    to: queries.storedStateLabel(row.toState),
    details: record.historyDetails.get(row.seq) ?? [],
  }
}

/** The decisions this actor may take now, as buttons with the fields they carry */
function decisionActions(record: ItemRecord): DecisionAction[] {
  const { definition, instance } = record
  const state = definition.queries.currentState(instance.snapshot.value) ?? instance.state
  return definition.decisionEvents
    .filter((event) => record.availableEvents.includes(event))
    .map((event) => ({
      event,
      label: definition.queries.eventLabel(event, state),
      tone: definition.queries.eventTone(event),
      fields: record.decisionFields[event] ?? [],
    }))
}

function text(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value)
}
