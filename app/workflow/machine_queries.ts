import {
  createMachine,
  getStateNodes,
  pathToStateValue,
  type AnyStateMachine,
  type AnyStateNode,
  type StateValue,
} from 'xstate'
import { serializeStateValue } from '#workflow/machine_builder'
import {
  isStoredField,
  type EventTone,
  type FieldJson,
  type FormJson,
  type PermissionJson,
  type ScreenJson,
  type WorkflowDefinitionBody,
} from '#workflow/types'

/** A form field whose value the record keeps, with the event whose form has it */
export interface StoredField {
  event: string
  form: FormJson
  field: FieldJson
}

/**
 * Every question the application asks about a definition's machine, answered
 * from XState's own state nodes rather than from the JSON: which states a
 * stored value stands for, which events a state accepts and how the screen
 * labels them, which states wait for a given role, the screen of a state.
 * Built once per definition version (versions never change).
 *
 * A state is named by its dotted id, as screens and stored values name it:
 * "pending", "pending.reading".
 */
export class MachineQueries {
  /** Every event the machine handles somewhere, in the definition's order */
  readonly events: ReadonlySet<string>
  private readonly nodes = new Map<string, AnyStateNode>()
  /** Accepted events per stored state: a machine has few states, asked on every transition */
  private readonly acceptedByValue = new Map<string, string[]>()

  constructor(
    readonly machine: AnyStateMachine,
    private readonly body: Pick<
      WorkflowDefinitionBody,
      'screens' | 'forms' | 'permissions' | 'events' | 'contextLabels'
    >
  ) {
    const events = new Set<string>()
    const visit = (node: AnyStateNode) => {
      for (const event of Object.keys(node.on)) events.add(event)
      for (const child of Object.values(node.states) as AnyStateNode[]) {
        this.nodes.set(idOf(child), child)
        visit(child)
      }
    }
    visit(machine.root)
    this.events = events
  }

  /**
   * The machine of a definition not yet compiled (the static validator), for
   * its structure only: no action or guard of it runs. XState refuses a
   * machine whose targets or initial states do not exist.
   */
  static ofBody(body: WorkflowDefinitionBody): MachineQueries {
    const { context, ...config } = body.machine
    return new MachineQueries(createMachine({ ...(config as any), context }), body)
  }

  /** The top-level state a new record enters */
  initialState(): string {
    return idOf(this.machine.root.initial.target[0])
  }

  /** The top-level states, in the definition's order */
  topLevelStates(): string[] {
    return Object.keys(this.machine.root.states)
  }

  /**
   * S10 the states a record can be put in from outside (a migration):
   * leaf, not final, outside parallel regions (one stored value each), in
   * the definition's order
   */
  restingStates(): string[] {
    return [...this.nodes]
      .filter(([, node]) => node.type === 'atomic' && !insideParallel(node))
      .map(([id]) => id)
  }

  /** The active leaf states of a state value: { pending: 'reading' } → ['pending.reading'] */
  activeStates(value: SnapshotValue): string[] {
    return [
      ...new Set(
        getStateNodes(this.machine.root, value as StateValue)
          .filter((node) => node.type === 'atomic' || node.type === 'final')
          .map(idOf)
      ),
    ]
  }

  /** The state a record shows: its first active leaf */
  currentState(value: SnapshotValue): string | undefined {
    return this.activeStates(value)[0]
  }

  /** The active leaf states of a state as workflow_instances.state stores it; none if unknown */
  storedStates(stored: string): string[] {
    try {
      return this.activeStates(stored.startsWith('{') ? JSON.parse(stored) : stored)
    } catch {
      return []
    }
  }

  /** The state value of a dotted id: "pending.reading" → { pending: 'reading' } */
  valueOf(stateId: string): StateValue {
    return pathToStateValue(stateId.split('.'))
  }

  /**
   * Events the active states (or one of their ancestors) handle, guards
   * aside, in the definition's order: a stale record is told apart from a
   * refused guard.
   */
  acceptedEvents(value: SnapshotValue): string[] {
    const key = serializeStateValue(value)
    let accepted = this.acceptedByValue.get(key)
    if (!accepted) {
      const handled = new Set(
        getStateNodes(this.machine.root, value as StateValue).flatMap((node) =>
          Object.keys(node.on)
        )
      )
      accepted = [...this.events].filter((event) => handled.has(event))
      this.acceptedByValue.set(key, accepted)
    }
    return accepted
  }

  accepts(value: SnapshotValue, event: string): boolean {
    return this.acceptedEvents(value).includes(event)
  }

  /** Does the state, one of its ancestors or one of its descendants handle the event? */
  offers(stateId: string, event: string): boolean {
    const node = this.nodes.get(stateId)
    if (!node) return false
    if (node.events.includes(event)) return true
    for (let current = node.parent; current; current = current.parent) {
      if (Object.keys(current.on).includes(event)) return true
    }
    return false
  }

  /** The screen of a state, else of its nearest ancestor that has one */
  screenOf(stateId: string): ScreenJson | undefined {
    for (let id: string | undefined = stateId; id; id = parentIdOf(id)) {
      const screen = this.body.screens[id]
      if (screen) return screen
    }
    return undefined
  }

  /** How a screen names a state: its title, else its id */
  stateLabel(stateId: string): string {
    return this.screenOf(stateId)?.title ?? stateId
  }

  /** How a stored state is named on screens ('{"a":"b"}' → the title of a.b) */
  storedStateLabel(stored: string): string {
    return this.stateLabel(this.storedStates(stored)[0] ?? stored)
  }

  /**
   * What the person clicked to send the event from the state: its button,
   * else the event's declared label, else its form's (the validator makes
   * sure one exists)
   */
  eventLabel(event: string, fromStateId: string | null): string {
    const button = fromStateId
      ? this.screenOf(fromStateId)?.buttons?.find((candidate) => candidate.event === event)
      : undefined
    const form = this.body.forms[event]
    return (
      button?.label ?? this.body.events?.[event]?.label ?? form?.submitLabel ?? form?.title ?? event
    )
  }

  /** How the event's button looks (events.<E>.tone), neutral unless the definition says */
  eventTone(event: string): EventTone {
    return this.body.events?.[event]?.tone ?? 'neutral'
  }

  /** How screens name a context key: the label of the form field of that name, else its declared label */
  dataLabel(key: string): string | undefined {
    for (const form of Object.values(this.body.forms)) {
      const field = form.fields.find((candidate) => candidate.name === key)
      if (field) return field.label
    }
    return this.body.contextLabels?.[key]
  }

  /**
   * The fields whose values go into the record's data (every form field but
   * the secret ones, under its name), in the definition's order: forms, then
   * fields; the first field of each name only, as dataLabel() names it.
   */
  storedFields(): StoredField[] {
    const seen = new Set<string>()
    const stored: StoredField[] = []
    for (const [event, form] of Object.entries(this.body.forms)) {
      for (const field of form.fields) {
        if (!isStoredField(field) || seen.has(field.name)) continue
        seen.add(field.name)
        stored.push({ event, form, field })
      }
    }
    return stored
  }

  /** The first state, in the definition's order, that handles the event itself */
  stateHandling(event: string): string | undefined {
    for (const [id, node] of this.nodes) {
      if (Object.keys(node.on).includes(event)) return id
    }
    return undefined
  }

  /** The doors the event may come through; undefined: every door */
  doorsOf(event: string): readonly string[] | undefined {
    return this.body.events?.[event]?.via
  }

  /**
   * May the event be sent through this door? An event that names its doors
   * is refused to code that names none: a new caller must choose its door,
   * it cannot skip a service's rules by forgetting to say where it is.
   */
  sendableThrough(event: string, door: string | undefined): boolean {
    const via = this.doorsOf(event)
    return via === undefined || (door !== undefined && via.includes(door))
  }

  /**
   * Leaf states, not final, where somebody may act and every rule of every
   * event they accept is for this role alone: nobody else would ever move a
   * record left there (a visitor's unfinished journey).
   */
  statesOnlyFor(role: string): AwaitingState[] {
    const states: AwaitingState[] = []
    for (const [id, node] of this.nodes) {
      if (node.type !== 'atomic' || insideParallel(node)) continue
      const value = this.valueOf(id)
      const rules = this.acceptedEvents(value).flatMap(
        (event) => this.body.permissions[event] ?? []
      )
      if (rules.length && rules.every((rule) => rule.role === role)) {
        states.push({ id, stored: serializeStateValue(value) })
      }
    }
    return states
  }

  /** Events one of whose permission rules is exactly this role and scope */
  eventsPermittedTo(rule: PermissionJson): string[] {
    return Object.entries(this.body.permissions)
      .filter(([, rules]) =>
        rules.some((candidate) => candidate.role === rule.role && candidate.scope === rule.scope)
      )
      .map(([event]) => event)
  }

  /**
   * The states in which work waits for this role and scope: leaf, not final,
   * accepting one of its events. States inside parallel regions have no
   * single stored value to match and are not listed (docs/decisions/0006).
   */
  statesAwaiting(rule: PermissionJson): { events: string[]; states: AwaitingState[] } {
    const events = this.eventsPermittedTo(rule)
    const states: AwaitingState[] = []
    for (const [id, node] of this.nodes) {
      if (node.type !== 'atomic' || insideParallel(node)) continue
      const value = this.valueOf(id)
      if (events.some((event) => this.accepts(value, event))) {
        states.push({ id, stored: serializeStateValue(value) })
      }
    }
    return { events, states }
  }
}

/** A snapshot's value, as XState gives it or as workflow_instances.snapshot keeps it */
export type SnapshotValue = StateValue | Record<string, unknown>

export interface AwaitingState {
  /** Dotted id: "pending" */
  id: string
  /** As workflow_instances.state stores it */
  stored: string
}

function idOf(node: AnyStateNode) {
  return node.path.join('.')
}

function parentIdOf(stateId: string) {
  const index = stateId.lastIndexOf('.')
  return index === -1 ? undefined : stateId.slice(0, index)
}

function insideParallel(node: AnyStateNode) {
  for (let current: AnyStateNode | undefined = node; current; current = current.parent) {
    if (current.type === 'parallel') return true
  }
  return false
}
