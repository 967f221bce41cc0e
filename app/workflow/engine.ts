import { DateTime } from 'luxon'
import {
  createActor,
  initialTransition,
  type ActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { retriedTransaction, savepoint } from '#database/transactions'
import WorkflowDefinition from '#models/workflow_definition'
import WorkflowInstance, { type PersistedSnapshot } from '#models/workflow_instance'
import type { MailPayload } from '#models/outbox_message'
import { sealPayload } from '#outbox/sealed_payload'
import defaultRegistry, { type MachineEvent, type WorkflowRegistry } from '#workflow/registry'
import type { RoutingKeys, WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'
import { buildMachine, serializeStateValue } from '#workflow/machine_builder'
import { MachineQueries } from '#workflow/machine_queries'
import { compileForm, EMPTY_FORM, type CompiledForm } from '#workflow/form_compiler'
import { isAllowed } from '#workflow/permissions'
import {
  insertOutbox,
  insertTransition,
  selectInstance,
  updateInstance,
} from '#workflow/decision_statements'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowForbiddenError,
  WorkflowNotFoundError,
} from '#workflow/errors'

/**
 * Runs persisted workflow instances:
 * load → authorise → validate the payload → pure transition() → one DB
 * transaction (instance update guarded by lock_version, effect actions,
 * audit row, outbox rows). Knows nothing of partners or caisses: routing
 * keys are ids, domain work comes from the registry's effect actions.
 */

/** A definition version ready to run; versions never change, so this is cached by id */
export interface CompiledDefinition {
  id: number
  key: string
  version: number
  body: WorkflowDefinitionBody
  machine: AnyStateMachine
  forms: Map<string, CompiledForm>
  /** What its states are, accept and show */
  queries: MachineQueries
  /** transition() without building an actor each time (see pureTransition) */
  transition: (snapshot: AnyMachineSnapshot, event: MachineEvent) => [AnyMachineSnapshot, any[]]
}

export interface StartInput extends Partial<RoutingKeys> {
  /** Merged over the definition's initial context */
  context?: Record<string, unknown>
}

export interface SendEvent {
  type: string
  payload?: Record<string, unknown>
}

export interface SendOptions {
  /**
   * The lock_version the actor saw when deciding: a decision taken on a
   * stale screen is refused even if the state would still accept it.
   */
  expectedLockVersion?: number
  /**
   * An enclosing transaction (an effect action moving another record, e.g.
   * R6 starting the new administrator's user-lifecycle record): every read
   * and write goes through it, in a savepoint, so both records commit or
   * roll back together.
   */
  client?: TransactionClientContract
  /**
   * The door the event comes through (registry.doors): an event whose
   * definition names its doors (events.<E>.via) is refused through any
   * other, or when no door is named
   */
  via?: string
  /**
   * The record as the caller has just read it in this request (the back
   * office loads it to check its scope): the engine then does not read it a
   * second time. A stale copy costs nothing in safety: the update is
   * guarded by the copy's lock_version, so it is refused as a conflict.
   */
  loaded?: WorkflowInstance
}

export interface StartOptions {
  /** As SendOptions.client */
  client?: TransactionClientContract
}

/**
 * A transaction of its own, or a savepoint of the enclosing one. Its own is
 * run again when the server rolled it back for another writer (a Galera
 * certification failure): the guarded update then finds the winner's
 * lock_version and refuses with the 409; still losing after the retries,
 * the same 409. In a savepoint the whole enclosing transaction was rolled
 * back: its owner retries it.
 */
function transactionOf<T>(
  client: TransactionClientContract | undefined,
  callback: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return client
    ? savepoint(client, callback)
    : retriedTransaction(callback, () => new WorkflowConflictError('stale'))
}

/**
 * What a record is after a transition: its row's values, not a model (the
 * model built on each decision was 9 % of the engine's CPU, for callers
 * that read a state or a lock_version). docs/decisions/0038-decision-statements.md
 */
export type SentInstance = Pick<
  WorkflowInstance,
  | 'id'
  | 'definitionId'
  | 'state'
  | 'snapshot'
  | 'status'
  | 'lockVersion'
  | 'subjectType'
  | 'subjectId'
  | 'caisseId'
  | 'partnerId'
>

/** Event name stored in the audit row of an instance's creation */
export const START_EVENT = '$start'

/** S10 event name stored in the audit row of a record moved to another version */
export const MIGRATE_EVENT = '$migrate'

/** S10 one record to move to another version of its workflow */
export interface VersionMove {
  id: number
  /** The lock_version the move was decided on: a record decided since is left as it is */
  lockVersion: number
  /** As workflow_instances.state stores it */
  fromState: string
  /** The dotted id of a state of the target version */
  toState: string
  /** The record's data on the target version */
  context: Record<string, unknown>
  /** What its audit row keeps (versions, labels, the report's id) */
  payload: Record<string, unknown>
}

/** A transition computed and checked, not yet written */
interface PreparedTransition {
  type: string
  /** The validated payload, secrets included (effect actions only) */
  payload: Record<string, unknown>
  /** What the audit row keeps */
  redacted: Record<string, unknown>
  next: PersistedSnapshot
  actions: Array<{ type: string; params?: unknown }>
}

interface PendingEffects {
  outbox: Array<{ kind: string; payload: MailPayload }>
  routing: Partial<RoutingKeys>
}

export class WorkflowEngine {
  private compiled = new Map<number, CompiledDefinition>()

  constructor(readonly registry: WorkflowRegistry = defaultRegistry) {}

  /** The published version of a key, the one new instances start on */
  async publishedDefinition(key: string, client?: TransactionClientContract) {
    const definition = await WorkflowDefinition.query({ client })
      .where('key', key)
      .where('status', 'published')
      .orderBy('version', 'desc')
      .first()
    if (!definition) throw new WorkflowNotFoundError("Ce parcours n'est pas disponible.")
    return this.compile(definition)
  }

  async definitionById(id: number, client?: TransactionClientContract) {
    const cached = this.compiled.get(id)
    if (cached) return cached
    const definition = await WorkflowDefinition.find(id, { client })
    if (!definition) throw new WorkflowNotFoundError("Ce parcours n'est pas disponible.")
    return this.compile(definition)
  }

  /** Forget compiled versions (tests that swap registry entries) */
  clearCache() {
    this.compiled.clear()
  }

  private compile(definition: WorkflowDefinition): CompiledDefinition {
    const cached = this.compiled.get(definition.id)
    if (cached) return cached
    const body = definition.body
    const machine = buildMachine(body, this.registry)
    const compiled: CompiledDefinition = {
      id: definition.id,
      key: definition.key,
      version: definition.version,
      body,
      machine,
      forms: new Map(Object.entries(body.forms).map(([event, form]) => [event, compileForm(form)])),
      queries: new MachineQueries(machine, body),
      transition: pureTransition(machine),
    }
    this.compiled.set(definition.id, compiled)
    return compiled
  }

  async start(
    key: string,
    input: StartInput,
    actor: WorkflowActor,
    options: StartOptions = {}
  ): Promise<WorkflowInstance> {
    const { definition, routing, initial } = await this.prepareStart(key, input, actor, options)
    const inserted = await transactionOf(options.client, (trx) =>
      this.insert(trx, definition, routing, initial, actor)
    )
    return WorkflowInstance.findOrFail(inserted.id, { client: options.client })
  }

  /**
   * Starts a record and sends it its first event in ONE transaction: a
   * refused event (permission, door, form, guard, an effect that fails)
   * leaves nothing behind, and nobody ever sees the record half-started.
   */
  async startWith(
    key: string,
    input: StartInput,
    event: SendEvent,
    actor: WorkflowActor,
    options: StartOptions & Pick<SendOptions, 'via'> = {}
  ): Promise<WorkflowInstance> {
    const { definition, routing, initial } = await this.prepareStart(key, input, actor, options)
    const persisted = persist(initial[0])
    const first = await this.prepare(
      definition,
      {
        state: serializeStateValue(persisted.value),
        snapshot: persisted,
        status: persisted.status,
        lockVersion: 0,
        routing,
      },
      event,
      actor,
      { via: options.via }
    )
    const instanceId = await transactionOf(options.client, async (trx) => {
      const started = await this.insert(trx, definition, routing, initial, actor)
      /** The start's own effects may have routed the record: the actor must still be allowed */
      if (!isAllowed(definition.body.permissions[event.type], actor, started.routing)) {
        throw new WorkflowForbiddenError()
      }
      await this.apply(trx, definition, {
        id: started.id,
        state: started.state,
        lockVersion: 0,
        routing: started.routing,
        prepared: first,
        actor,
      })
      return started.id
    })
    return WorkflowInstance.findOrFail(instanceId, { client: options.client })
  }

  private async prepareStart(
    key: string,
    input: StartInput,
    actor: WorkflowActor,
    options: StartOptions
  ) {
    const definition = await this.publishedDefinition(key, options.client)
    const routing: RoutingKeys = {
      subjectType: input.subjectType ?? definition.body.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      caisseId: input.caisseId ?? null,
      partnerId: input.partnerId ?? null,
    }
    if (!isAllowed(definition.body.startPermissions, actor, routing)) {
      throw new WorkflowForbiddenError()
    }
    const initial = initialTransition(definition.machine, input.context ?? {})
    return { definition, routing, initial }
  }

  /** The instance row, the start's effect actions and its audit row (seq 0) */
  private async insert(
    trx: TransactionClientContract,
    definition: CompiledDefinition,
    routing: RoutingKeys,
    [snapshot, actions]: ReturnType<typeof initialTransition>,
    actor: WorkflowActor
  ): Promise<{ id: number; state: string; routing: RoutingKeys }> {
    const persisted = persist(snapshot)
    const instance = await WorkflowInstance.create(
      {
        definitionId: definition.id,
        ...routing,
        state: serializeStateValue(persisted.value),
        snapshot: persisted,
        status: persisted.status,
        lockVersion: 0,
      },
      { client: trx }
    )
    const effects = await this.runEffects(trx, {
      definition,
      instance: { id: instance.id, definitionId: definition.id, routing },
      actions,
      event: { type: START_EVENT, payload: {} },
      context: persisted.context,
      actor,
    })
    await this.saveRoutingChanges(trx, instance.id, effects.routing)
    await this.writeAuditAndOutbox(trx, {
      instanceId: instance.id,
      seq: 0,
      event: START_EVENT,
      actor,
      fromState: null,
      toState: instance.state,
      payload: {},
      effects,
      stamp: now(trx),
    })
    return { id: instance.id, state: instance.state, routing: { ...routing, ...effects.routing } }
  }

  async send(
    instanceId: number,
    event: SendEvent,
    actor: WorkflowActor,
    options: SendOptions = {}
  ): Promise<SentInstance> {
    /** The caller's model, or the row read by a prebuilt statement: no model is built here (0038) */
    const current: SentInstance | undefined =
      options.loaded?.id === instanceId
        ? options.loaded
        : recordOf(await selectInstance(options.client ?? db, instanceId))
    if (!current) throw new WorkflowNotFoundError()
    const definition = await this.definitionById(current.definitionId, options.client)
    const routing = routingOf(current)
    /** Named one by one: a model's attributes are not its own properties, a spread would lose them */
    const prepared = await this.prepare(
      definition,
      {
        state: current.state,
        snapshot: current.snapshot,
        status: current.status,
        lockVersion: current.lockVersion,
        routing,
      },
      event,
      actor,
      options
    )
    const effects = await transactionOf(options.client, (trx) =>
      this.apply(trx, definition, {
        id: current.id,
        state: current.state,
        lockVersion: current.lockVersion,
        routing,
        prepared,
        actor,
      })
    )

    /** The row now holds exactly this: no need to read it back, nor to build a model of it */
    return {
      id: current.id,
      definitionId: definition.id,
      state: serializeStateValue(prepared.next.value),
      snapshot: prepared.next,
      status: prepared.next.status,
      lockVersion: current.lockVersion + 1,
      ...routing,
      ...effects.routing,
    }
  }

  /**
   * Everything that needs no write: authorise (permission, door) → the
   * record still takes the event → validate the payload → XState's pure
   * transition(). A refusal here has written nothing.
   */
  private async prepare(
    definition: CompiledDefinition,
    current: {
      state: string
      snapshot: PersistedSnapshot
      status: string
      lockVersion: number
      routing: RoutingKeys
    },
    event: SendEvent,
    actor: WorkflowActor,
    options: Pick<SendOptions, 'via' | 'expectedLockVersion'>
  ): Promise<PreparedTransition> {
    if (!definition.queries.events.has(event.type)) {
      throw new WorkflowEventRejectedError(
        `L'action « ${event.type} » n'existe pas dans le parcours « ${definition.body.title} ».`
      )
    }
    if (!isAllowed(definition.body.permissions[event.type], actor, current.routing)) {
      throw new WorkflowForbiddenError()
    }
    if (!definition.queries.sendableThrough(event.type, options.via)) {
      throw new WorkflowForbiddenError(this.closedDoorMessage(definition, event.type))
    }
    const stale =
      options.expectedLockVersion !== undefined &&
      options.expectedLockVersion !== current.lockVersion
    if (
      current.status === 'done' ||
      !definition.queries.accepts(current.snapshot.value, event.type) ||
      stale
    ) {
      throw new WorkflowConflictError(stale ? 'stale' : 'not_accepted')
    }

    const form = definition.forms.get(event.type) ?? EMPTY_FORM
    const payload = await form.validate(event.payload ?? {})
    const redacted = redact(payload, form.secretFields)
    const machineEvent: MachineEvent = {
      type: event.type,
      payload: redacted,
      actor,
      routing: current.routing,
    }

    const snapshot = definition.machine.resolveState({
      value: current.snapshot.value as any,
      context: current.snapshot.context,
    })
    /** Only the guards run twice here (cheap): the transition itself is computed once */
    if (!definition.machine.getTransitionData(snapshot, machineEvent).length) {
      throw new WorkflowEventRejectedError(
        'Les conditions de cette action ne sont pas remplies pour ce dossier.'
      )
    }
    const [next, actions] = definition.transition(snapshot, machineEvent)
    return { type: event.type, payload, redacted, next: persist(next), actions }
  }

  /** « Use Modification inscription › Utilisateurs »: where the event may be sent from */
  private closedDoorMessage(definition: CompiledDefinition, event: string) {
    const doors = (definition.queries.doorsOf(event) ?? [])
      .map((door) => this.registry.doors.get(door))
      .filter((label): label is string => label !== undefined)
    const where = doors.length
      ? ` : utilisez ${doors.map((label) => `« ${label} »`).join(' ou ')}`
      : ''
    return `Cette action ne se fait pas depuis cette page${where}.`
  }

  /** The writes of a prepared transition, in the caller's transaction */
  private async apply(
    trx: TransactionClientContract,
    definition: CompiledDefinition,
    run: {
      id: number
      state: string
      lockVersion: number
      routing: RoutingKeys
      prepared: PreparedTransition
      actor: WorkflowActor
    }
  ): Promise<PendingEffects> {
    const { prepared } = run
    const stamp = now(trx)
    const nextLockVersion = run.lockVersion + 1
    const toState = serializeStateValue(prepared.next.value)
    /**
     * The guarded update comes first: on MySQL it takes the row lock, so a
     * concurrent decision waits here and then finds 0 rows, before any
     * domain effect of the loser runs.
     */
    const updated = await updateInstance(trx, {
      id: run.id,
      lockVersion: run.lockVersion,
      state: toState,
      snapshot: JSON.stringify(prepared.next),
      status: prepared.next.status,
      updatedAt: stamp,
    })
    if (updated !== 1) throw new WorkflowConflictError('stale')

    const pending = await this.runEffects(trx, {
      definition,
      instance: { id: run.id, definitionId: definition.id, routing: run.routing },
      actions: prepared.actions,
      event: { type: prepared.type, payload: prepared.payload },
      context: prepared.next.context,
      actor: run.actor,
    })
    await this.saveRoutingChanges(trx, run.id, pending.routing)
    await this.writeAuditAndOutbox(trx, {
      instanceId: run.id,
      seq: nextLockVersion,
      event: prepared.type,
      actor: run.actor,
      fromState: run.state,
      toState,
      payload: prepared.redacted,
      effects: pending,
      stamp,
    })
    return pending
  }

  /**
   * S10 moves records to a state of another version, in the caller's
   * transaction, all or none: the snapshot is the one XState resolves on
   * the target machine (what send() restores later); one UPDATE for the
   * batch, each row guarded by its lock_version as a transition is (a
   * migration moves thousands of records: one statement, not one per
   * record); each moved record gets its audit row in workflow_transitions,
   * so its history says it moved. A record decided since its lock_version
   * was read makes the whole call refuse (WorkflowConflictError): the caller
   * rolls back and reads again. Callers lock the rows first (FOR UPDATE).
   */
  async moveToVersion(
    trx: TransactionClientContract,
    target: CompiledDefinition,
    moves: VersionMove[],
    actor: WorkflowActor
  ): Promise<void> {
    if (!moves.length) return
    const stamp = now(trx)
    const next = moves.map((move) => {
      const snapshot = persist(
        target.machine.resolveState({
          value: target.queries.valueOf(move.toState),
          context: move.context,
        })
      )
      return { move, snapshot, state: serializeStateValue(snapshot.value) }
    })
    const byId = (value: (row: (typeof next)[number]) => string) =>
      trx.raw(
        `case id ${next.map(() => 'when ? then ?').join(' ')} end`,
        next.flatMap((row) => [row.move.id, value(row)])
      )
    const updated = await trx
      .from('workflow_instances')
      .whereIn(
        ['id', 'lock_version'],
        moves.map((move) => [move.id, move.lockVersion])
      )
      .update({
        definition_id: target.id,
        state: byId((row) => row.state),
        snapshot: byId((row) => JSON.stringify(row.snapshot)),
        status: byId((row) => row.snapshot.status),
        /**
         * updated_at stays: the queues sort and date records by it (« reçu
         * le »), and a migration is no step of the record's own life
         */
        lock_version: trx.raw('lock_version + 1'),
      })
    if (affectedRows(updated) !== moves.length) throw new WorkflowConflictError('stale')
    await trx
      .insertQuery()
      .table('workflow_transitions')
      .multiInsert(
        next.map(({ move, state }) => ({
          instance_id: move.id,
          seq: move.lockVersion + 1,
          event: MIGRATE_EVENT,
          actor_id: actor.id,
          actor_role: actor.role,
          from_state: move.fromState,
          to_state: state,
          payload: JSON.stringify(move.payload),
          created_at: stamp,
        }))
      )
  }

  /**
   * Events of the current state this actor may send through this door (for
   * the screen's buttons; no door: the events every door opens)
   */
  async availableEvents(
    instance: SentInstance,
    actor: WorkflowActor,
    door?: string
  ): Promise<string[]> {
    if (instance.status === 'done') return []
    const definition = await this.definitionById(instance.definitionId)
    const routing = routingOf(instance)
    return definition.queries
      .acceptedEvents(instance.snapshot.value)
      .filter(
        (event) =>
          isAllowed(definition.body.permissions[event], actor, routing) &&
          definition.queries.sendableThrough(event, door)
      )
  }

  private async runEffects(
    trx: TransactionClientContract,
    run: {
      definition: CompiledDefinition
      instance: { id: number; definitionId: number; routing: RoutingKeys }
      actions: Array<{ type: string; params?: unknown }>
      event: { type: string; payload: Record<string, unknown> }
      context: Record<string, unknown>
      actor: WorkflowActor
    }
  ): Promise<PendingEffects> {
    const effects: PendingEffects = { outbox: [], routing: {} }
    for (const action of run.actions) {
      const definition = this.registry.actions.get(action.type)
      /** XState's own actions (xstate.*) and context actions have already been applied */
      if (!definition || definition.kind !== 'effect') continue
      await definition.run({
        trx,
        params: (action.params ?? {}) as any,
        instance: { ...run.instance, routing: { ...run.instance.routing, ...effects.routing } },
        event: run.event,
        context: run.context,
        actor: run.actor,
        definition: run.definition.body,
        enqueueMail: (template, to, data = {}) => {
          const notification = run.definition.body.notifications[template]
          if (!notification) throw new Error(`Unknown notification "${template}"`)
          effects.outbox.push({
            kind: 'mail',
            payload: {
              to,
              subject: renderTemplate(notification.subject, data),
              text: renderTemplate(notification.text, data),
              template,
              workflowInstanceId: run.instance.id,
            },
          })
        },
        setRouting: (keys) => Object.assign(effects.routing, keys),
      })
    }
    return effects
  }

  private async saveRoutingChanges(
    trx: TransactionClientContract,
    instanceId: number,
    routing: Partial<RoutingKeys>
  ) {
    const columns = routingColumns(routing)
    if (Object.keys(columns).length) {
      await trx.from('workflow_instances').where('id', instanceId).update(columns)
    }
  }

  /**
   * The audit row and the outbox rows, one timestamp: prebuilt statements,
   * as this runs on every transition (bench/transitions.ts)
   */
  private async writeAuditAndOutbox(
    trx: TransactionClientContract,
    row: {
      instanceId: number
      seq: number
      event: string
      actor: WorkflowActor
      fromState: string | null
      toState: string
      payload: Record<string, unknown>
      effects: PendingEffects
      /** Now, in the dialect's date-time format */
      stamp: string
    }
  ) {
    await insertTransition(trx, {
      instanceId: row.instanceId,
      seq: row.seq,
      event: row.event,
      actorId: row.actor.id,
      actorRole: row.actor.role,
      fromState: row.fromState,
      toState: row.toState,
      payload: JSON.stringify(row.payload),
      createdAt: row.stamp,
    })
    await insertOutbox(
      trx,
      row.effects.outbox.map((message) => ({
        kind: message.kind,
        sealedPayload: sealPayload(message.payload),
      })),
      row.stamp
    )
  }
}

/**
 * XState's transition(), minus its cost: transition() builds a whole actor
 * (and computes the machine's initial snapshot) on every call just to hand
 * the machine an inert scope. The scope is built once per compiled
 * definition; only its action collector is new at each call. Safe because
 * the engine's machines never spawn or invoke (machine_builder only uses
 * assign) and machine.transition() is synchronous.
 */
function pureTransition(machine: AnyStateMachine) {
  const self = createActor(machine)
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as ActorScope<any, any, any, any>
  return (snapshot: AnyMachineSnapshot, event: MachineEvent): [AnyMachineSnapshot, any[]] => {
    const actions: any[] = []
    const next = machine.transition(snapshot, event, {
      ...scope,
      actionExecutor: (action: unknown) => {
        actions.push(action)
      },
    } as ActorScope<any, any, any, any>)
    return [next, actions]
  }
}

/** A row of workflow_instances as the driver hands it, as the values send() works on */
function recordOf(row: Record<string, any> | undefined): SentInstance | undefined {
  if (!row) return undefined
  return {
    id: Number(row.id),
    definitionId: Number(row.definition_id),
    state: String(row.state),
    snapshot: parseSnapshot(row.snapshot),
    status: row.status,
    lockVersion: Number(row.lock_version),
    subjectType: row.subject_type ?? null,
    subjectId: row.subject_id ?? null,
    caisseId: row.caisse_id ?? null,
    partnerId: row.partner_id ?? null,
  }
}

function parseSnapshot(value: unknown): PersistedSnapshot {
  return (typeof value === 'string' ? JSON.parse(value) : value) as PersistedSnapshot
}

/** The routing keys an effect changed, as columns */
function routingColumns(routing: Partial<RoutingKeys>) {
  const columns: Record<string, unknown> = {}
  if (routing.caisseId !== undefined) columns.caisse_id = routing.caisseId
  if (routing.partnerId !== undefined) columns.partner_id = routing.partnerId
  if (routing.subjectType !== undefined) columns.subject_type = routing.subjectType
  if (routing.subjectId !== undefined) columns.subject_id = routing.subjectId
  return columns
}

function persist(snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return {
    value: snapshot.value as PersistedSnapshot['value'],
    context: snapshot.context,
    status: snapshot.status === 'done' ? 'done' : 'active',
  }
}

export function routingOf(instance: SentInstance): RoutingKeys {
  return {
    subjectType: instance.subjectType,
    subjectId: instance.subjectId,
    caisseId: instance.caisseId,
    partnerId: instance.partnerId,
  }
}

function redact(payload: Record<string, unknown>, secretFields: string[]) {
  return Object.fromEntries(
    Object.entries(payload).filter(([name]) => !secretFields.includes(name))
  )
}

/** knex returns the affected row count as a number (mysql2, better-sqlite3) or a one-item array */
function affectedRows(result: unknown): number {
  return Array.isArray(result) ? Number(result[0]) : Number(result)
}

/**
 * Now, local time, in the dialect's date-time format. MySQL's and SQLite's
 * format is written by hand: luxon's toFormat parses its format string at
 * every call, on every transition.
 */
function now(trx: TransactionClientContract) {
  const format = trx.dialect.dateTimeFormat
  if (format !== 'yyyy-MM-dd HH:mm:ss') return DateTime.now().toFormat(format)
  const date = new Date()
  const two = (value: number) => (value < 10 ? `0${value}` : String(value))
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  )
}

/** "Bonjour {{ adminFirstName }}": placeholders read the data, dotted paths allowed */
export function renderTemplate(template: string, data: Record<string, unknown>) {
  return template.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_match, path: string) => {
    let current: unknown = data
    for (const key of path.split('.')) {
      current = current && typeof current === 'object' ? (current as any)[key] : undefined
    }
    return current === undefined || current === null ? '' : String(current)
  })
}

/** The application's engine, on the application's registry */
const engine = new WorkflowEngine()
export default engine
