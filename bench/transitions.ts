import { readFile, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import type { EventLoopUtilization } from 'node:perf_hooks'
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise'
import type { WorkflowActor } from '#workflow/types'
import {
  bootApp,
  ensureDatabase,
  mysqlSettings,
  prepareEnvironment,
  resetDatabase,
  type Db,
} from './boot.js'
import { memoryLine } from './http_load.js'

/**
 * npm run bench -- transitions
 *
 * Successful workflow transitions per second through engine.send (load,
 * authorise, validate the form, pure transition(), one transaction: guarded
 * update, audit row, outbox row), against a baseline doing the same SQL
 * shape with raw mysql2 (BEGIN; SELECT … FOR UPDATE; UPDATE … WHERE
 * lock_version = ?; INSERT audit; INSERT outbox; COMMIT: the rows the
 * engine writes, docs/decisions/0038-decision-statements.md). Same process, database,
 * instances and concurrency, in alternating rounds. Method and reasons:
 * docs/decisions/0008-benchmark.md.
 *
 * Last line, exactly:
 *   transitions engine_per_s=<int> baseline_per_s=<int> ratio=<2 decimals>
 *
 * Knobs (environment): BENCH_INSTANCES (10000), BENCH_CONCURRENCY (16),
 * BENCH_SECONDS (10, per side), BENCH_ROUNDS (2), BENCH_WARMUP_SECONDS (2),
 * BENCH_MYSQL_DATABASE (ppas_bench), BENCH_CPU_PROFILE=<file.cpuprofile>
 * (profiles each side's measured rounds: <file>.engine.1.cpuprofile,
 * <file>.baseline.1.cpuprofile…; the same sampler slows both sides alike).
 */

const INSTANCES = positiveInt('BENCH_INSTANCES', 10_000)
const CONCURRENCY = positiveInt('BENCH_CONCURRENCY', 16)
const SECONDS = positiveNumber('BENCH_SECONDS', 10)
const WARMUP_SECONDS = positiveNumber('BENCH_WARMUP_SECONDS', 2, true)
const ROUNDS = positiveInt('BENCH_ROUNDS', 2)
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE

const DEFINITION_KEY = 'bench-toggle'
const EVENT = 'TOGGLE'

/** One transition attempt: true = applied, false = lost a race (counts as a retry) */
type Attempt = (instanceId: number, note: string) => Promise<boolean>

interface PhaseResult {
  applied: number
  conflicts: number
  /** Applied after the deadline (committed, not counted in the rate) */
  late: number
  seconds: number
  /** Wall time, time the event loop was busy, and CPU time of the process, in ms */
  wallMs: number
  busyMs: number
  cpuMs: number
}

export async function run() {
  const { database } = prepareEnvironment()
  say(
    `transitions: MySQL database ${database}, ${INSTANCES} instances, ${CONCURRENCY} senders, ` +
      `${SECONDS} s per side in ${ROUNDS} alternating rounds after ${WARMUP_SECONDS} s of warm-up`
  )
  const app = await bootApp()
  let pool: Pool | undefined
  try {
    const settings = mysqlSettings(app)
    await ensureDatabase(app, database)
    say('reset: db:wipe, migration:run, db:seed')
    await resetDatabase(app)

    const { default: engine } = await import('#workflow/engine')
    const { WorkflowConflictError } = await import('#workflow/errors')
    const { publishDefinition } = await import('#workflow/definition_store')
    const { default: Caisse } = await import('#models/caisse')
    const { default: db } = await import('@adonisjs/lucid/services/db')

    const poolMax = app.config.get<number | undefined>('database.connections.mysql.pool.max')
    if (poolMax !== undefined && poolMax < CONCURRENCY + 1) {
      throw new Error(
        `database.connections.mysql.pool.max is ${poolMax}: the engine needs ${CONCURRENCY} transactions at once, plus a connection for its reads`
      )
    }

    const body = JSON.parse(
      await readFile(new URL('./definitions/bench-toggle.json', import.meta.url), 'utf8')
    )
    const published = await publishDefinition(body, { author: 'bench' })
    say(`definition ${DEFINITION_KEY} v${published.definition.version} ${published.status}`)

    const caisse = await Caisse.query().orderBy('id').firstOrFail()
    const system: WorkflowActor = { id: null, role: 'system', partnerId: null, caisseIds: [] }
    /** A caisse administrator of the instances' caisse: the TOGGLE permission's scope holds */
    const actor: WorkflowActor = {
      id: 1,
      role: 'caisse_admin',
      partnerId: null,
      caisseIds: [caisse.id],
    }

    /** Instances, started through the engine (CONCURRENCY at a time) */
    const ids: number[] = []
    const startedAt = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < INSTANCES) {
          next++
          const instance = await engine.start(
            DEFINITION_KEY,
            { caisseId: caisse.id, subjectType: 'bench' },
            system
          )
          ids.push(instance.id)
          if (ids.length % 2000 === 0) say(`started ${ids.length}/${INSTANCES} instances`)
        }
      })
    )
    say(
      `started ${ids.length} instances in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`
    )

    /** The engine, the whole way: what a controller calls */
    const engineAttempt: Attempt = async (instanceId, note) => {
      try {
        await engine.send(instanceId, { type: EVENT, payload: { note } }, actor)
        return true
      } catch (error) {
        if (error instanceof WorkflowConflictError) return false
        throw error
      }
    }

    /** Raw mysql2: the minimum SQL a guarded, audited transition needs */
    const mysql = await import('mysql2/promise')
    pool = mysql.createPool({
      ...settings,
      charset: 'utf8mb4',
      timezone: 'Z',
      connectionLimit: CONCURRENCY,
      maxIdle: CONCURRENCY,
    })
    const baselinePool = pool
    const baselineAttempt: Attempt = (instanceId, note) =>
      baselineTransition(baselinePool, instanceId, note, actor)

    const before = await counts(db)
    const { engine: engineResult, baseline: baselineResult } = await compare(ids, {
      engine: engineAttempt,
      baseline: baselineAttempt,
    })
    await check(db, before, engineResult, baselineResult)

    console.log(
      `memory: the application's process (this one, the baseline's pool too) ` +
        `${memoryLine(process.memoryUsage())} after the bench (limit 300 MB RSS)`
    )
    const enginePerSecond = engineResult.applied / engineResult.seconds
    const baselinePerSecond = baselineResult.applied / baselineResult.seconds
    console.log(
      `transitions engine_per_s=${Math.round(enginePerSecond)} ` +
        `baseline_per_s=${Math.round(baselinePerSecond)} ` +
        `ratio=${(enginePerSecond / baselinePerSecond).toFixed(2)}`
    )
  } finally {
    await pool?.end()
    await app.terminate()
  }
}

/** Counters of every attempt, warm-up included, for the consistency check */
const totals = { engine: 0, baseline: 0 }

type Side = 'engine' | 'baseline'

/**
 * A warm-up of each side (JIT, connection pools, InnoDB buffer pool), then
 * ROUNDS alternating rounds (engine, baseline, engine, baseline…) of
 * SECONDS / ROUNDS each: on a shared machine, a burst of load from another
 * process then hits both sides instead of one.
 */
async function compare(ids: number[], attempts: Record<Side, Attempt>) {
  const sides: Side[] = ['engine', 'baseline']
  if (WARMUP_SECONDS > 0) {
    for (const side of sides) {
      const warm = await drive(`${side} warm-up`, ids, attempts[side], WARMUP_SECONDS)
      totals[side] += warm.applied + warm.late
    }
  }
  const results: Record<Side, PhaseResult> = { engine: emptyResult(), baseline: emptyResult() }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const side of sides) {
      const profile = CPU_PROFILE ? await startProfile() : undefined
      const result = await drive(
        `${side} ${round}/${ROUNDS}`,
        ids,
        attempts[side],
        SECONDS / ROUNDS
      )
      if (profile && CPU_PROFILE) {
        const file = CPU_PROFILE.replace(/(\.cpuprofile)?$/, `.${side}.${round}.cpuprofile`)
        await writeFile(file, JSON.stringify(await profile()))
        say(`${side}: CPU profile of round ${round} in ${file}`)
      }
      totals[side] += result.applied + result.late
      summarise(`${side} ${round}/${ROUNDS}`, result)
      const total = results[side]
      for (const key of Object.keys(total) as Array<keyof PhaseResult>) total[key] += result[key]
    }
  }
  for (const side of sides) summarise(side, results[side])
  return results
}

function emptyResult(): PhaseResult {
  return { applied: 0, conflicts: 0, late: 0, seconds: 0, wallMs: 0, busyMs: 0, cpuMs: 0 }
}

function summarise(label: string, result: PhaseResult) {
  say(
    `${label}: ${result.applied} transitions in ${result.seconds} s = ` +
      `${Math.round(result.applied / result.seconds)}/s (${result.conflicts} conflicts retried; ` +
      `event loop busy ${percent(result.busyMs / result.wallMs)}, ` +
      `process CPU ${percent(result.cpuMs / result.wallMs)} of one core, ` +
      `${(result.cpuMs / Math.max(result.applied + result.late, 1)).toFixed(2)} ms CPU per transition)`
  )
}

/**
 * CONCURRENCY senders, each picking a random instance, for `seconds`. A
 * conflict (another sender moved the instance first) is a retry, not a
 * success. Any other error stops the benchmark.
 */
async function drive(
  label: string,
  ids: number[],
  attempt: Attempt,
  seconds: number
): Promise<PhaseResult> {
  let applied = 0
  let conflicts = 0
  let late = 0
  let failure: unknown
  let sequence = 0
  const started = performance.now()
  const deadline = started + seconds * 1000
  const loopBefore: EventLoopUtilization = performance.eventLoopUtilization()
  const cpuBefore = process.cpuUsage()

  let reportedApplied = 0
  let reportedAt = started
  const progress = setInterval(() => {
    const now = performance.now()
    const rate = ((applied - reportedApplied) * 1000) / (now - reportedAt)
    say(
      `  ${label} t=${((now - started) / 1000).toFixed(0)}s applied=${applied} ` +
        `conflicts=${conflicts} rate=${Math.round(rate)}/s`
    )
    reportedApplied = applied
    reportedAt = now
  }, 1000)

  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (failure === undefined && performance.now() < deadline) {
        const id = ids[Math.floor(Math.random() * ids.length)]
        try {
          const ok = await attempt(id, `bascule ${++sequence}`)
          if (!ok) conflicts++
          else if (performance.now() <= deadline) applied++
          else late++
        } catch (error) {
          failure ??= error
        }
      }
    })
  )
  clearInterval(progress)
  const loop = performance.eventLoopUtilization(loopBefore)
  const cpuUsed = process.cpuUsage(cpuBefore)
  if (failure !== undefined) throw failure
  return {
    applied,
    conflicts,
    late,
    seconds,
    wallMs: performance.now() - started,
    busyMs: loop.active,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
  }
}

async function baselineTransition(
  pool: Pool,
  instanceId: number,
  note: string,
  actor: WorkflowActor
): Promise<boolean> {
  const connection = await pool.getConnection()
  try {
    await connection.query('BEGIN')
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT id, state, snapshot, status, lock_version FROM workflow_instances WHERE id = ? FOR UPDATE',
      [instanceId]
    )
    const row = rows[0]
    if (!row) throw new Error(`baseline: no instance ${instanceId}`)
    const snapshot = JSON.parse(row.snapshot)
    const toState = row.state === 'off' ? 'on' : 'off'
    snapshot.value = toState
    snapshot.context = { ...snapshot.context, note }
    const now = new Date()
    const [updated] = await connection.query<ResultSetHeader>(
      'UPDATE workflow_instances SET state = ?, snapshot = ?, status = ?, lock_version = lock_version + 1, updated_at = ? ' +
        'WHERE id = ? AND lock_version = ?',
      [toState, JSON.stringify(snapshot), row.status, now, instanceId, row.lock_version]
    )
    if (updated.affectedRows !== 1) {
      await connection.query('ROLLBACK')
      return false
    }
    await connection.query(
      'INSERT INTO workflow_transitions (instance_id, seq, event, actor_id, actor_role, from_state, to_state, payload, created_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        instanceId,
        row.lock_version + 1,
        EVENT,
        actor.id,
        actor.role,
        row.state,
        toState,
        JSON.stringify({ note }),
        now,
      ]
    )
    /** The mail the engine's definition sends, as the engine's outbox row (unsealed here) */
    await connection.query(
      'INSERT INTO outbox_messages (kind, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at) ' +
        "VALUES ('mail', ?, 'pending', 0, ?, NULL, ?, NULL)",
      [
        JSON.stringify({
          to: snapshot.context.notifyEmail,
          subject: `Bascule ${toState}`,
          text: `Le dossier ${instanceId} est passé à ${toState} : ${note}`,
          template: 'bench_toggled',
          workflowInstanceId: instanceId,
        }),
        now,
        now,
      ]
    )
    await connection.query('COMMIT')
    return true
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    connection.release()
  }
}

async function counts(db: Db) {
  const [versions] = await db.from('workflow_instances').sum('lock_version as total')
  const [audit] = await db.from('workflow_transitions').count('* as total')
  const [outbox] = await db.from('outbox_messages').count('* as total')
  return {
    lockVersions: Number(versions.total),
    auditRows: Number(audit.total),
    outboxRows: Number(outbox.total),
  }
}

/**
 * Nothing lost, nothing doubled: every applied transition (warm-up
 * included) moved one lock_version and wrote one audit row and one outbox
 * row; a conflict wrote nothing.
 */
async function check(
  db: Db,
  before: Awaited<ReturnType<typeof counts>>,
  engineResult: PhaseResult,
  baselineResult: PhaseResult
) {
  const applied = totals.engine + totals.baseline
  const after = await counts(db)
  const found = {
    lockVersions: after.lockVersions - before.lockVersions,
    auditRows: after.auditRows - before.auditRows,
    outboxRows: after.outboxRows - before.outboxRows,
  }
  const expected = { lockVersions: applied, auditRows: applied, outboxRows: applied }
  say(
    `check: ${applied} transitions applied (warm-up included), ${engineResult.conflicts + baselineResult.conflicts} conflicts wrote nothing: ` +
      `lock_version +${found.lockVersions}, audit rows +${found.auditRows}, outbox rows +${found.outboxRows}`
  )
  for (const key of Object.keys(expected) as Array<keyof typeof expected>) {
    if (found[key] !== expected[key]) {
      throw new Error(`check failed: ${key} grew by ${found[key]}, expected ${expected[key]}`)
    }
  }
}

/** Profiles the main thread with the inspector; the returned function stops and hands the profile */
async function startProfile() {
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    return profile
  }
}

function percent(share: number) {
  return `${Math.round(share * 100)}%`
}

function say(line: string) {
  console.log(line)
}

function positiveInt(name: string, fallback: number) {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name])
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`)
  return value
}

function positiveNumber(name: string, fallback: number, zeroAllowed = false) {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name])
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`${name} must be a positive number`)
  }
  return value
}
