import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { sqlDateTime } from '#models/columns'
import { FieldRuleError } from '#exceptions/field_rule_error'
import engine, { type CompiledDefinition, type VersionMove } from '#workflow/engine'
import type { WorkflowActor } from '#workflow/types'
import { WorkflowConflictError } from '#workflow/errors'

/**
 * S10 « Migrer les dossiers »: moves the running records of one version of
 * a workflow to a newer one. plan() says what would happen and writes
 * nothing (the preview and the dry run); run() does it, in batches, each
 * batch one transaction, each record moved through the engine's own
 * audited path (engine.moveToVersion: lock_version guard, audit row in the
 * record's history), and keeps a report (workflow_record_migrations).
 *
 * A state is named by its dotted id ("pending", "pending.reading"). A
 * source state keeps its id on the new version when it exists there, else
 * the analyst maps it by hand, or to nothing (its records stay).
 */

export interface MigrationRequest {
  key: string
  fromVersion: number
  toVersion: number
  /** By hand: old state → new state, or null (its records stay where they are) */
  mapping?: Record<string, string | null>
  /** Values the new version needs and some records lack, given for all of them */
  constants?: Record<string, string>
}

/** Why a record cannot move */
export type RefusalReason = 'no_target' | 'missing_value' | 'parallel'

export interface SourceStatePlan {
  /** Its dotted id on the old version (or its stored value, for a parallel one) */
  state: string
  label: string
  /** Running records in it */
  count: number
  /** The state of the new version its records go to; null: they stay */
  target: string | null
  targetLabel: string | null
  /** Mapped because the new version has a state of the same id */
  automatic: boolean
  movable: number
  /** Records of it that cannot move, by reason */
  refused: Partial<Record<RefusalReason, number>>
}

export interface MissingValue {
  key: string
  label: string
  /** The new version's initial value, offered as the constant to fill in */
  suggestion: string
  /** Records that lack it, among those mapped to a state that needs it */
  records: number
  /** The constant given, if any */
  given: string | null
}

export interface MigrationPlan {
  key: string
  title: string
  from: { id: number; version: number }
  to: { id: number; version: number }
  sources: SourceStatePlan[]
  /** The states of the new version a record may go to, for the lists */
  targets: Array<{ id: string; label: string }>
  missingValues: MissingValue[]
  /** Running records on the old version */
  total: number
  movable: number
  refused: number
  /** The mapping as it would run (automatic and by hand) */
  mapping: Record<string, string | null>
  /** The values given that will be used */
  constants: Record<string, string>
  /** The values given that no target state needs: left out */
  unusedConstants: string[]
}

export interface MigrationReport {
  id: number
  key: string
  fromVersion: number
  toVersion: number
  author: string
  status: 'running' | 'finished' | 'failed'
  mapping: Record<string, string | null>
  constants: Record<string, string>
  moved: number
  skipped: number
  refused: number
  /** Records decided while the migration ran: left as they were */
  skippedIds: number[]
  refusals: Partial<Record<RefusalReason, number>>
  /** Why the run stopped, when a batch failed */
  error: string | null
  createdAt: DateTime
  finishedAt: DateTime | null
}

export interface RunOptions {
  /** The signed-in analyst, or null from the command line */
  actor: { id: number; login: string } | null
  /** The number of records the person confirmed: the run is refused if it is no longer that */
  confirmed?: number
  batchSize?: number
  /** Called after each batch has committed (the command's progress lines) */
  onBatch?: (progress: {
    batch: number
    batches: number
    moved: number
    skipped: number
  }) => unknown
}

/** A rule refused the migration: 422, one French message per field, nothing written */
export class RecordMigrationRuleError extends FieldRuleError {
  static code = 'E_RECORD_MIGRATION_RULE'

  constructor(fieldErrors: Record<string, string>) {
    super(fieldErrors, 'E_RECORD_MIGRATION_RULE')
  }
}

/** A batch could not be written: it was rolled back whole, the batches before it stay moved */
export class RecordMigrationBatchError extends Error {
  constructor(
    readonly report: MigrationReport,
    cause: unknown
  ) {
    super(
      `Un lot n’a pas pu être écrit : aucun de ses dossiers n’a bougé (${report.moved} déplacé(s) avant lui). Relancez la migration pour déplacer les autres.`,
      { cause }
    )
  }
}

const TABLE = 'workflow_record_migrations'
const DEFAULT_BATCH = 500
/** Rows read at once to count what the preview shows */
const READ_PAGE = 2000

/** The records of the plan that may move, with what the run re-checks */
interface Candidate {
  id: number
  lockVersion: number
  state: string
  target: string
}

interface Versions {
  from: CompiledDefinition
  to: CompiledDefinition
}

async function versionsOf(request: MigrationRequest): Promise<Versions> {
  const versions = await WorkflowDefinition.query()
    .where('key', request.key)
    .whereIn('version', [request.fromVersion, request.toVersion])
  const errors: Record<string, string> = {}
  const from = versions.find((row) => row.version === request.fromVersion)
  const to = versions.find((row) => row.version === request.toVersion)
  if (!from) errors.from = `La version ${request.fromVersion} de ce parcours n’existe pas.`
  if (!to) errors.to = `La version ${request.toVersion} de ce parcours n’existe pas.`
  else if (request.toVersion <= request.fromVersion) {
    errors.to = `Choisissez une version plus récente que la version ${request.fromVersion}.`
  } else if (to.status === 'draft') {
    errors.to = 'Un brouillon ne reçoit pas de dossiers : publiez-le d’abord.'
  }
  if (Object.keys(errors).length) throw new RecordMigrationRuleError(errors)
  return {
    from: await engine.definitionById(from!.id),
    to: await engine.definitionById(to!.id),
  }
}

/**
 * What the new version needs in the data of a record put in this state:
 * the keys of its initial data (a record started on it has them) and the
 * keys the state's screen displays
 */
function requiredKeys(to: CompiledDefinition, state: string): string[] {
  return [
    ...new Set([
      ...Object.keys(to.body.machine.context ?? {}),
      ...(to.queries.screenOf(state)?.display ?? []),
    ]),
  ]
}

function missingKeys(
  to: CompiledDefinition,
  state: string,
  context: Record<string, unknown>,
  constants: Record<string, string>
) {
  return requiredKeys(to, state).filter((key) => !(key in context) && !(key in constants))
}

/** The mapping as it runs: by hand first, else the same id, else nothing */
function resolveMapping(
  versions: Versions,
  sources: string[],
  byHand: Record<string, string | null>
): { mapping: Record<string, string | null>; automatic: Set<string> } {
  const targets = new Set(versions.to.queries.restingStates())
  const errors: Record<string, string> = {}
  for (const [source, target] of Object.entries(byHand)) {
    if (!versions.from.queries.restingStates().includes(source)) {
      errors[`mapping.${source}`] =
        `L’état « ${source} » n’existe pas dans la version ${versions.from.version}.`
    } else if (target !== null && !targets.has(target)) {
      errors[`mapping.${source}`] =
        `Choisissez un état de la version ${versions.to.version} où un dossier peut attendre.`
    }
  }
  if (Object.keys(errors).length) throw new RecordMigrationRuleError(errors)
  const mapping: Record<string, string | null> = {}
  const automatic = new Set<string>()
  for (const source of sources) {
    if (source in byHand) mapping[source] = byHand[source]
    else if (targets.has(source)) {
      mapping[source] = source
      automatic.add(source)
    } else mapping[source] = null
  }
  return { mapping, automatic }
}

/** The constants a record put in this state takes */
function constantsFor(to: CompiledDefinition, state: string, constants: Record<string, string>) {
  const keys = requiredKeys(to, state)
  return Object.fromEntries(Object.entries(constants).filter(([key]) => keys.includes(key)))
}

/** The constants given: trimmed, the empty ones dropped */
function givenConstants(constants: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(constants)
      .map(([key, value]) => [key, String(value ?? '').trim()] as const)
      .filter(([, value]) => value !== '')
  )
}

/** The leaf state of a stored value on a version; several for a parallel one, none if unknown */
function leafOf(definition: CompiledDefinition, stored: string): string | null {
  const leaves = definition.queries.storedStates(stored)
  return leaves.length === 1 ? leaves[0] : null
}

/** Where a state comes in its version's list; a parallel or unknown one last */
function stateOrder(definition: CompiledDefinition, state: string) {
  const index = definition.queries.restingStates().indexOf(state)
  return index === -1 ? Number.MAX_SAFE_INTEGER : index
}

function isParallel(definition: CompiledDefinition, stored: string) {
  return definition.queries.storedStates(stored).length > 1
}

function parseSnapshot(value: unknown): { context?: Record<string, unknown> } {
  return typeof value === 'string' ? JSON.parse(value) : (value as any)
}

/** Running records of a version, page by page (id order): what they are in and hold */
async function* runningRecords(definitionId: number) {
  let after = 0
  for (;;) {
    const rows: Array<{ id: number; lock_version: number; state: string; snapshot: unknown }> =
      await db
        .from('workflow_instances')
        .where('definition_id', definitionId)
        .where('status', 'active')
        .where('id', '>', after)
        .orderBy('id')
        .limit(READ_PAGE)
        .select('id', 'lock_version', 'state', 'snapshot')
    if (!rows.length) return
    yield rows
    after = Number(rows.at(-1)!.id)
  }
}

/** The preview and the records that would move */
async function survey(request: MigrationRequest) {
  const versions = await versionsOf(request)
  const { from, to } = versions
  const constants = givenConstants(request.constants)
  const counts: Array<{ state: string; total: number }> = await db
    .from('workflow_instances')
    .where('definition_id', from.id)
    .where('status', 'active')
    .groupBy('state')
    .select('state')
    .count('* as total')
  const sourceOf = new Map(counts.map(({ state }) => [state, leafOf(from, state) ?? state]))
  const { mapping, automatic } = resolveMapping(
    versions,
    [...new Set([...sourceOf.values()])].filter((state) => from.queries.storedStates(state).length),
    request.mapping ?? {}
  )
  /** A value no target state needs is left out, and said (a typo on the command line) */
  const needed = (key: string) =>
    Object.values(mapping).some((target) => target && requiredKeys(to, target).includes(key))
  const unusedConstants = Object.keys(constants).filter((key) => !needed(key))
  for (const key of unusedConstants) delete constants[key]

  const sources = new Map<string, SourceStatePlan>()
  const lacking = new Map<string, number>()
  const candidates: Candidate[] = []
  for await (const rows of runningRecords(from.id)) {
    for (const row of rows) {
      const stored = String(row.state)
      const leaf = leafOf(from, stored)
      const state = leaf ?? stored
      const target = leaf ? (mapping[leaf] ?? null) : null
      let plan = sources.get(state)
      if (!plan) {
        plan = {
          state,
          label: leaf ? from.queries.stateLabel(leaf) : from.queries.storedStateLabel(stored),
          count: 0,
          target,
          targetLabel: target ? to.queries.stateLabel(target) : null,
          automatic: automatic.has(state),
          movable: 0,
          refused: {},
        }
        sources.set(state, plan)
      }
      plan.count++
      const refuse = (reason: RefusalReason) => {
        plan.refused[reason] = (plan.refused[reason] ?? 0) + 1
      }
      if (!leaf) refuse(isParallel(from, stored) ? 'parallel' : 'no_target')
      else if (!target) refuse('no_target')
      else {
        const missing = missingKeys(
          to,
          target,
          parseSnapshot(row.snapshot).context ?? {},
          constants
        )
        for (const key of missing) lacking.set(key, (lacking.get(key) ?? 0) + 1)
        if (missing.length) refuse('missing_value')
        else {
          plan.movable++
          candidates.push({
            id: Number(row.id),
            lockVersion: Number(row.lock_version),
            state: stored,
            target,
          })
        }
      }
    }
  }

  const initial = to.body.machine.context ?? {}
  const neededKeys = [
    ...new Set(
      Object.values(mapping).flatMap((target) => (target ? requiredKeys(to, target) : []))
    ),
  ].filter((key) => lacking.has(key) || key in constants)
  const plan: MigrationPlan = {
    key: from.key,
    title: to.body.title,
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    /** In the old version's order of states, as its outline lists them */
    sources: [...sources.values()].sort(
      (a, b) => stateOrder(from, a.state) - stateOrder(from, b.state)
    ),
    targets: to.queries.restingStates().map((id) => ({ id, label: to.queries.stateLabel(id) })),
    missingValues: neededKeys.map((key) => ({
      key,
      label: to.queries.dataLabel(key) ?? key,
      suggestion: initial[key] === null || initial[key] === undefined ? '' : String(initial[key]),
      records: lacking.get(key) ?? 0,
      given: constants[key] ?? null,
    })),
    total: [...sources.values()].reduce((sum, source) => sum + source.count, 0),
    movable: candidates.length,
    refused: 0,
    mapping,
    constants,
    unusedConstants,
  }
  plan.refused = plan.total - plan.movable
  return { plan, versions, candidates }
}

/** The preview, also the dry run: every check, nothing written */
export async function planMigration(request: MigrationRequest): Promise<MigrationPlan> {
  const { plan } = await survey(request)
  return plan
}

/**
 * Moves the records the plan says may move, batch by batch. A record whose
 * lock_version changed since the plan counted it (decided meanwhile) is
 * skipped and reported, never overwritten; a batch that fails is rolled back
 * whole and stops the run (the report says so). Running it again moves
 * what is left: moved records are no longer on the old version.
 */
export async function runMigration(
  request: MigrationRequest,
  options: RunOptions
): Promise<MigrationReport> {
  const { plan, versions, candidates } = await survey(request)
  if (options.confirmed !== undefined && options.confirmed !== plan.movable) {
    throw new RecordMigrationRuleError({
      confirmation: `Le nombre de dossiers à déplacer est ${plan.movable} : tapez ce nombre pour confirmer. Rien n’a bougé.`,
    })
  }
  const actor: WorkflowActor = options.actor
    ? { id: options.actor.id, role: 'analyst', partnerId: null, caisseIds: [] }
    : { id: null, role: 'system', partnerId: null, caisseIds: [] }
  const refusals: Partial<Record<RefusalReason, number>> = {}
  for (const source of plan.sources) {
    for (const [reason, count] of Object.entries(source.refused) as Array<
      [RefusalReason, number]
    >) {
      refusals[reason] = (refusals[reason] ?? 0) + count
    }
  }
  const [reportId] = await db
    .table(TABLE)
    .insert({
      workflow_key: plan.key,
      from_definition_id: plan.from.id,
      to_definition_id: plan.to.id,
      actor_id: options.actor?.id ?? null,
      author: options.actor?.login ?? 'ligne de commande',
      mapping: JSON.stringify(plan.mapping),
      constants: JSON.stringify(plan.constants),
      status: 'running',
      moved: 0,
      skipped: 0,
      refused: plan.refused,
      details: JSON.stringify({ skippedIds: [], refusals }),
      created_at: sqlDateTime(DateTime.now()),
    })
    .returning('id')
  const id =
    typeof reportId === 'object' ? Number((reportId as { id: number }).id) : Number(reportId)

  const payloadBase = {
    migrationId: id,
    fromVersion: plan.from.version,
    toVersion: plan.to.version,
  }
  const size = options.batchSize ?? DEFAULT_BATCH
  const batches = Math.ceil(candidates.length / size)
  let moved = 0
  const skippedIds: number[] = []
  const finish = (status: 'finished' | 'failed', error: string | null) =>
    db
      .from(TABLE)
      .where('id', id)
      .update({
        status,
        moved,
        skipped: skippedIds.length,
        details: JSON.stringify({ skippedIds, refusals, error }),
        finished_at: sqlDateTime(DateTime.now()),
      })

  /** One batch in one transaction: what is still as the plan saw it moves, the rest is reported */
  const moveBatch = (slice: Candidate[]) =>
    db.transaction(async (trx) => {
      /** The rows as they are now, locked (MySQL) until the batch commits */
      const query = trx
        .from('workflow_instances')
        .whereIn(
          'id',
          slice.map((candidate) => candidate.id)
        )
        .where('definition_id', plan.from.id)
        .where('status', 'active')
        .select('id', 'lock_version', 'snapshot')
      /** SQLite has one writer at a time already, and knex warns on FOR UPDATE there */
      if (trx.dialect.name === 'mysql') query.forUpdate()
      const rows: Array<{ id: number; lock_version: number; snapshot: unknown }> = await query
      const current = new Map(rows.map((row) => [Number(row.id), row]))
      const moves: VersionMove[] = []
      const decided: number[] = []
      for (const candidate of slice) {
        const row = current.get(candidate.id)
        if (!row || Number(row.lock_version) !== candidate.lockVersion) {
          decided.push(candidate.id)
          continue
        }
        moves.push({
          id: candidate.id,
          lockVersion: candidate.lockVersion,
          fromState: candidate.state,
          toState: candidate.target,
          /** The record's own data wins: a constant only fills what it lacks */
          context: {
            ...constantsFor(versions.to, candidate.target, plan.constants),
            ...(parseSnapshot(row.snapshot).context ?? {}),
          },
          payload: {
            ...payloadBase,
            fromStateLabel: versions.from.queries.storedStateLabel(candidate.state),
            toStateLabel: versions.to.queries.stateLabel(candidate.target),
          },
        })
      }
      await engine.moveToVersion(trx, versions.to, moves, actor)
      return { moved: moves.length, skipped: decided }
    })

  for (let batch = 0; batch < batches; batch++) {
    const slice = candidates.slice(batch * size, (batch + 1) * size)
    try {
      /**
       * A record decided between the read and the update (SQLite, where no
       * row is locked) refuses the batch whole: read it again, the decided
       * record is then seen and left out
       */
      const outcome = await moveBatch(slice).catch((error) => {
        if (error instanceof WorkflowConflictError) return moveBatch(slice)
        throw error
      })
      moved += outcome.moved
      skippedIds.push(...outcome.skipped)
    } catch (error) {
      /** The report says it in French; the database's own words stay in the error's cause */
      await finish(
        'failed',
        `Le lot n° ${batch + 1} sur ${batches} n’a pas pu être écrit : aucun de ses dossiers n’a bougé.`
      )
      throw new RecordMigrationBatchError(await reportOf(id), error)
    }
    await options.onBatch?.({ batch: batch + 1, batches, moved, skipped: skippedIds.length })
  }
  await finish('finished', null)
  return reportOf(id)
}

function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** Stored in UTC: SQLite gives text, MySQL a Date */
function stampOf(value: unknown): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  return DateTime.fromSQL(String(value), { zone: 'utc' })
}

function reportFromRow(row: Record<string, any>): MigrationReport {
  const details = parseJson<{
    skippedIds?: number[]
    refusals?: Partial<Record<RefusalReason, number>>
    error?: string | null
  }>(row.details, {})
  return {
    id: Number(row.id),
    key: String(row.workflow_key),
    fromVersion: Number(row.from_version),
    toVersion: Number(row.to_version),
    author: String(row.author),
    status: row.status,
    mapping: parseJson(row.mapping, {}),
    constants: parseJson(row.constants, {}),
    moved: Number(row.moved),
    skipped: Number(row.skipped),
    refused: Number(row.refused),
    skippedIds: details.skippedIds ?? [],
    refusals: details.refusals ?? {},
    error: details.error ?? null,
    createdAt: stampOf(row.created_at),
    finishedAt: row.finished_at ? stampOf(row.finished_at) : null,
  }
}

/** The reports with the versions they moved records between */
const reportRows = () =>
  db
    .from(`${TABLE} as report`)
    .join('workflow_definitions as source', 'source.id', 'report.from_definition_id')
    .join('workflow_definitions as target', 'target.id', 'report.to_definition_id')
    .select('report.*', 'source.version as from_version', 'target.version as to_version')

export async function reportOf(id: number): Promise<MigrationReport> {
  return reportFromRow(await reportRows().where('report.id', id).firstOrFail())
}

/** A workflow's migrations, newest first */
export async function migrationReports(key: string, limit = 20): Promise<MigrationReport[]> {
  const rows = await reportRows()
    .where('report.workflow_key', key)
    .orderBy('report.created_at', 'desc')
    .orderBy('report.id', 'desc')
    .limit(limit)
  return rows.map(reportFromRow)
}
