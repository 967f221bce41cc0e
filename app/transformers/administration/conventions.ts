import Caisse from '#models/caisse'
import Convention, { type ConventionState } from '#models/convention'
import ConventionType from '#models/convention_type'
import Regime from '#models/regime'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import engine, { MIGRATE_EVENT, START_EVENT } from '#workflow/engine'
import type { MachineQueries } from '#workflow/machine_queries'
import {
  formatParisDateTime,
  isoParisDateTime,
  migrationLabel,
  roleLabel,
} from '#formatting/french'

/** M8 one line of « Conventions » */
export type ConventionRow = {
  id: number
  regime: string
  caisse: string
  code: string
  type: string
  /** « validé », « en attente de validation », « invalidé » */
  state: string
}

export const CONVENTION_STATE_LABELS: Record<ConventionState, string> = {
  validated: 'validé',
  pending: 'en attente de validation',
  invalidated: 'invalidé',
}

export async function partnerConventions(partnerId: number): Promise<ConventionRow[]> {
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

export type Option = { value: string; label: string }

/** The lists of « Ajouter une convention »: active régimes, their active caisses, the convention types */
export type ConventionChoices = {
  regimes: Option[]
  caissesByRegime: Record<string, Option[]>
  types: Option[]
}

export async function conventionChoices(): Promise<ConventionChoices> {
  const [regimes, caisses, types] = await Promise.all([
    Regime.query().where('active', true).orderBy('name'),
    Caisse.query().where('active', true).orderBy('name'),
    ConventionType.query().where('active', true).orderBy('label'),
  ])
  const caissesByRegime: Record<string, Option[]> = {}
  for (const caisse of caisses) {
    ;(caissesByRegime[String(caisse.regimeId)] ??= []).push({
      value: String(caisse.id),
      label: caisse.name,
    })
  }
  return {
    regimes: regimes.map((regime) => ({ value: String(regime.id), label: regime.name })),
    caissesByRegime,
    types: types.map((type) => ({ value: String(type.id), label: type.label })),
  }
}

/** One line of a convention's workflow history, as the tab shows it */
export type ConventionEvent = {
  /** « 30/11/2026 à 11:02 », Paris time */
  at: string
  atIso: string
  actor: string
  action: string
}

const EVENT_LABELS: Record<string, string> = {
  [START_EVENT]: 'Ajout de la convention, en attente de validation par la caisse',
  VALIDATE: 'Convention validée par la caisse',
  INVALIDATE: 'Convention invalidée par la caisse',
}

/** Latest events shown per convention */
export const CONVENTION_EVENTS_SHOWN = 5

/**
 * The latest events of each convention's workflow record (workflow_transitions),
 * newest first, by convention id. Conventions without a record (entered at
 * registration) have none.
 */
export async function conventionEvents(
  conventionIds: number[]
): Promise<Record<string, ConventionEvent[]>> {
  const events: Record<string, ConventionEvent[]> = {}
  if (!conventionIds.length) return events
  const instances = await WorkflowInstance.query()
    .where('subject_type', 'convention')
    .whereIn('subject_id', conventionIds)
    .select('id', 'subject_id', 'definition_id')
  if (!instances.length) return events
  const conventionOf = new Map(instances.map((instance) => [instance.id, instance.subjectId!]))
  /** An event an analyst added is named by its label and the state it led to, never by its id */
  const queriesOf = new Map<number, MachineQueries>()
  for (const definitionId of new Set(instances.map((instance) => instance.definitionId))) {
    const definition = await engine.definitionById(definitionId)
    queriesOf.set(definitionId, definition.queries)
  }
  const definitionOf = new Map(instances.map((instance) => [instance.id, instance.definitionId]))
  const transitions = await WorkflowTransition.query()
    .whereIn(
      'instance_id',
      instances.map((instance) => instance.id)
    )
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
  const actorIds = [
    ...new Set(transitions.map((row) => row.actorId).filter((id): id is number => id !== null)),
  ]
  const actors = new Map(
    (actorIds.length ? await User.query().whereIn('id', actorIds) : []).map((user) => [
      user.id,
      user,
    ])
  )
  for (const transition of transitions) {
    const list = (events[String(conventionOf.get(transition.instanceId))] ??= [])
    if (list.length >= CONVENTION_EVENTS_SHOWN) continue
    const user = transition.actorId === null ? undefined : actors.get(transition.actorId)
    const role = roleLabel(transition.actorRole)
    const reason =
      transition.event === 'INVALIDATE' && typeof transition.payload?.reason === 'string'
        ? ` : ${transition.payload.reason}`
        : ''
    list.push({
      at: formatParisDateTime(transition.createdAt),
      atIso: isoParisDateTime(transition.createdAt),
      actor: user
        ? `${user.firstName} ${user.lastName} (${role})`
        : transition.actorRole === 'system'
          ? 'Application'
          : `Compte supprimé (${role})`,
      action: `${EVENT_LABELS[transition.event] ?? otherEvent(queriesOf.get(definitionOf.get(transition.instanceId)!)!, transition)}${reason}`,
    })
  }
  return events
}

/** « Demander des pièces – Pièces complémentaires demandées » */
function otherEvent(queries: MachineQueries, transition: WorkflowTransition) {
  if (transition.event === MIGRATE_EVENT) return migrationLabel(transition.payload)
  const from = transition.fromState ? (queries.storedStates(transition.fromState)[0] ?? null) : null
  return `${queries.eventLabel(transition.event, from)} – ${queries.storedStateLabel(transition.toState)}`
}
