import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate'
import { renderTemplate } from '#workflow/engine'
import { buildMachine, FORM_VALUES_ACTION } from '#workflow/machine_builder'
import { MachineQueries } from '#workflow/machine_queries'
import { compileForm, EMPTY_FORM } from '#workflow/form_compiler'
import { isAllowed } from '#workflow/permissions'
import { WorkflowValidationError } from '#workflow/errors'
import { resolveValue, type MachineEvent, type WorkflowRegistry } from '#workflow/registry'
import type {
  ActorRole,
  FieldJson,
  RoutingKeys,
  WorkflowActor,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S7 « Simuler »: replays steps on a definition's machine with XState's
 * pure initialTransition()/transition(), as the engine computes them, and
 * writes nothing: effect actions are only described (the registry's
 * description, the mails they would send rendered with renderTemplate);
 * forms are checked with the compiled rules (database look-ups read, a
 * captcha is never spent); permissions with isAllowed(). The actor's own
 * caisse and partner count as the record's, and a record about a user is
 * about the actor.
 */

export const MAX_SIMULATION_STEPS = 100

/** The id the simulated actor, their caisse, their partner and the record's subject share */
const SIMULATED_ID = 0

export interface SimulationStepInput {
  event: string
  /** Who sent it; absent: whoever acts now */
  actor?: ActorRole
  payload?: Record<string, unknown>
}

export interface SimulatedState {
  /** Dotted id: "submitted" */
  id: string
  /** Its screen's title, else its id */
  title: string
  final: boolean
}

export interface SimulatedAction {
  type: string
  description: string
}

export interface SimulatedMail {
  template: string
  /** An address read from the record, or who receives it in words */
  to: string
  subject: string
  text: string
}

export interface SimulatedEvent {
  event: string
  label: string
  fields: Array<Pick<FieldJson, 'name' | 'label' | 'type' | 'required' | 'help'>>
}

export interface SimulatedStep {
  event: string
  /** Who sent it */
  actor: ActorRole
  label: string
  from: SimulatedState
  /** Absent when the step is refused */
  to: SimulatedState | null
  actions: SimulatedAction[]
  mails: SimulatedMail[]
  /** Why nothing happened, in French */
  refusal: { message: string; fieldErrors: Record<string, string> } | null
}

export interface SimulationResult {
  initial: SimulatedState
  /** The actions and mails of the record's creation */
  start: { allowed: boolean; actions: SimulatedAction[]; mails: SimulatedMail[] }
  steps: SimulatedStep[]
  current: SimulatedState
  /** The states the record went through, in order, the first one included */
  visited: string[]
  /** What this actor may send now */
  next: SimulatedEvent[]
}

/** An event the machine never handles: the request is wrong, not the simulation */
export class UnknownSimulatedEventError extends Error {
  constructor(readonly event: string) {
    super(`L’action « ${event} » n’existe pas dans ce parcours.`)
  }
}

/** A draft whose states XState cannot build (the checks of the page say where) */
export class BrokenSimulatedMachineError extends Error {
  constructor() {
    super('Le brouillon ne peut pas être simulé : corrigez d’abord les problèmes signalés.')
  }
}

export const SIMULATION_MESSAGES = {
  forbidden: (role: string) => `Un ${role} ne peut pas envoyer cette action.`,
  notAccepted: 'Cette action n’est pas possible dans cet état.',
  guard: 'Les conditions de cette action ne sont pas remplies pour ce dossier.',
  finished: 'Le dossier est terminé : plus aucune action n’est possible.',
}

export function simulatedActor(role: ActorRole): WorkflowActor {
  const member = role === 'partner_admin' || role === 'partner_user'
  return {
    id: role === 'visitor' || role === 'system' ? null : SIMULATED_ID,
    role,
    partnerId: member ? SIMULATED_ID : null,
    caisseIds: role === 'caisse_admin' ? [SIMULATED_ID] : [],
  }
}

export async function simulate(
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry,
  /** Who acts now: the events offered next are theirs */
  actor: WorkflowActor,
  steps: SimulationStepInput[],
  roleLabel: (role: string) => string = (role) => role
): Promise<SimulationResult> {
  let machine: ReturnType<typeof buildMachine>
  let queries: MachineQueries
  try {
    machine = buildMachine(body, registry)
    queries = new MachineQueries(machine, body)
  } catch {
    /** XState refuses a target or an initial state that does not exist: the checks name it */
    throw new BrokenSimulatedMachineError()
  }
  for (const step of steps) {
    if (!queries.events.has(step.event)) throw new UnknownSimulatedEventError(step.event)
  }
  const routing: RoutingKeys = {
    subjectType: body.subjectType ?? null,
    subjectId: SIMULATED_ID,
    caisseId: SIMULATED_ID,
    partnerId: SIMULATED_ID,
  }
  const stateOf = (snapshot: AnyMachineSnapshot): SimulatedState => {
    const id = queries.currentState(snapshot.value) ?? String(snapshot.value)
    return { id, title: queries.stateLabel(id), final: snapshot.status === 'done' }
  }
  const describe = (
    actions: Array<{ type: string; params?: unknown }>,
    context: Record<string, unknown>,
    payload: Record<string, unknown>
  ) => {
    const described: SimulatedAction[] = []
    const mails: SimulatedMail[] = []
    for (const action of actions) {
      const entry = registry.actions.get(action.type)
      /** XState's own actions and the built-in form values' assignment say nothing to an analyst */
      if (!entry || action.type === FORM_VALUES_ACTION) continue
      described.push({ type: action.type, description: entry.description })
      const params = (action.params ?? {}) as Record<string, unknown>
      const samples = Object.fromEntries(
        Object.entries(entry.templateVariables ?? {}).map(([name, variable]) => [
          name,
          variable.sample,
        ])
      )
      for (const name of entry.templateParams ?? []) {
        const template = params[name]
        const notification = typeof template === 'string' ? body.notifications[template] : null
        if (!notification) continue
        const data = { ...samples, ...context, ...payload }
        mails.push({
          template: template as string,
          to: recipientOf(params.to, entry.description, { context, payload, routing }),
          subject: renderTemplate(notification.subject, data),
          text: renderTemplate(notification.text, data),
        })
      }
    }
    return { actions: described, mails }
  }

  const [first, startActions] = initialTransition(machine, {})
  let snapshot = first
  const start = {
    allowed: isAllowed(body.startPermissions, actor, routing),
    ...describe(startActions, first.context, {}),
  }
  const initial = stateOf(first)
  const visited = [initial.id]
  const taken: SimulatedStep[] = []

  for (const step of steps) {
    const sender = step.actor ? simulatedActor(step.actor) : actor
    const from = stateOf(snapshot)
    const label = queries.eventLabel(step.event, from.id)
    const refuse = (message: string, fieldErrors: Record<string, string> = {}) => {
      taken.push({
        event: step.event,
        actor: sender.role,
        label,
        from,
        to: null,
        actions: [],
        mails: [],
        refusal: { message, fieldErrors },
      })
    }
    if (snapshot.status === 'done') {
      refuse(SIMULATION_MESSAGES.finished)
      break
    }
    if (!queries.accepts(snapshot.value, step.event)) {
      refuse(SIMULATION_MESSAGES.notAccepted)
      break
    }
    if (!isAllowed(body.permissions[step.event], sender, routing)) {
      refuse(SIMULATION_MESSAGES.forbidden(roleLabel(sender.role)))
      break
    }
    const form = body.forms[step.event] ? compileForm(body.forms[step.event]) : EMPTY_FORM
    let payload: Record<string, unknown>
    try {
      payload = await form.validate(step.payload ?? {}, { simulation: true })
    } catch (error) {
      if (!(error instanceof WorkflowValidationError)) throw error
      refuse(error.message, error.fieldErrors)
      break
    }
    const redacted = Object.fromEntries(
      Object.entries(payload).filter(([name]) => !form.secretFields.includes(name))
    )
    const event: MachineEvent = { type: step.event, payload: redacted, actor: sender, routing }
    if (!machine.getTransitionData(snapshot, event).length) {
      refuse(SIMULATION_MESSAGES.guard)
      break
    }
    const chosen = machine.getTransitionData(snapshot, event)
    const [next, executed] = transition(machine, snapshot, event)
    const actions = withContextActions(
      chosen.flatMap((candidate) => candidate.actions as unknown[]),
      executed
    )
    snapshot = next
    const to = stateOf(next)
    visited.push(to.id)
    taken.push({
      event: step.event,
      actor: sender.role,
      label,
      from,
      to,
      ...describe(actions, next.context, redacted),
      refusal: null,
    })
  }

  const current = stateOf(snapshot)
  const next =
    snapshot.status === 'done'
      ? []
      : queries
          .acceptedEvents(snapshot.value)
          .filter((event) => isAllowed(body.permissions[event], actor, routing))
          .map((event) => ({
            event,
            label: queries.eventLabel(event, current.id),
            fields: (body.forms[event]?.fields ?? []).map((field) => ({
              name: field.name,
              label: field.label,
              type: field.type,
              required: field.required,
              help: field.help,
            })),
          }))
  return { initial, start, steps: taken, current, visited, next }
}

/** « alex7@example.fr » when the record has it, else who the action writes to */
function recipientOf(
  reference: unknown,
  description: string,
  scope: {
    context: Record<string, unknown>
    payload: Record<string, unknown>
    routing: RoutingKeys
  }
): string {
  if (typeof reference !== 'string') return description
  const value = resolveValue(reference, scope)
  return typeof value === 'string' && value.includes('@')
    ? value
    : `l’adresse de « ${reference} » (vide dans cette simulation)`
}

type ActionItem = { type: string; params?: unknown }

/**
 * XState applies context actions (assign) inside transition() and lists
 * only the others: the transition's own actions, in the definition's
 * order, then what else ran (entry and exit actions of the states).
 */
function withContextActions(declared: unknown[], executed: ActionItem[]): ActionItem[] {
  const own = declared
    .map((action): ActionItem | null =>
      typeof action === 'string'
        ? { type: action }
        : action && typeof action === 'object' && typeof (action as ActionItem).type === 'string'
          ? (action as ActionItem)
          : null
    )
    .filter((action): action is ActionItem => action !== null)
  const left = [...executed]
  for (const action of own) {
    const index = left.findIndex((candidate) => candidate.type === action.type)
    if (index !== -1) left.splice(index, 1)
  }
  return [...own, ...left]
}
