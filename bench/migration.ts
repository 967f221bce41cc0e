import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { bootApp, ensureDatabase, prepareEnvironment, resetDatabase } from './boot.js'

/**
 * npm run bench -- migration
 *
 * S10 « Migrer les dossiers » at scale: BENCH_MIGRATION_RECORDS (100,000)
 * running records of version 1 moved to version 2 by the service the studio
 * and `node ace workflow:migrate` call (the preview's survey of every
 * record, then batches of 500 in transactions through engine.moveToVersion:
 * guarded update and audit row per record). Version 1 has three waiting
 * states: « off » (same id in version 2), « on » (renamed « lit »), and
 * « paused » (removed: its 5,000 records stay); 1,000 finished records
 * never move. The records are inserted as the engine stores them.
 *
 * Afterwards it checks that nothing was lost or doubled: every moved record
 * on version 2 exactly once with lock_version 1 and one "$migrate" audit
 * row, the others where they were, the report's counts equal to those.
 *
 * Its own database (BENCH_MYSQL_DATABASE, default ppas_bench_migration),
 * wiped at every run. Last line, exactly:
 *   migration records_per_s=<int>
 */

const RECORDS = positiveInt('BENCH_MIGRATION_RECORDS', 100_000)
const STAYING = 5_000
const FINISHED = 1_000
const INSERT_CHUNK = 2_000

export async function run() {
  process.env.BENCH_MYSQL_DATABASE ??= 'ppas_bench_migration'
  const { database } = prepareEnvironment()
  say(`migration: MySQL database ${database}, ${RECORDS} records to move`)
  const app = await bootApp()
  try {
    await ensureDatabase(app, database)
    say('reset: db:wipe, migration:run, db:seed')
    await resetDatabase(app)

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { publishDefinition } = await import('#workflow/definition_store')
    const { MIGRATE_EVENT } = await import('#workflow/engine')
    const { planMigration, runMigration } = await import('#services/workflow/record_migration')
    const { sqlDateTime } = await import('#models/columns')
    const { DateTime } = await import('luxon')

    const toggle = JSON.parse(
      await readFile(new URL('./definitions/bench-toggle.json', import.meta.url), 'utf8')
    )
    const one = structuredClone(toggle)
    one.key = 'bench-migration'
    one.machine.id = 'bench-migration'
    one.title = 'Banc d’essai : migration'
    one.machine.states.on.on.PAUSE = 'paused'
    one.machine.states.paused = { on: { TOGGLE: 'off' } }
    one.permissions.PAUSE = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
    one.events = { PAUSE: { label: 'Mettre en pause' } }
    one.screens.paused = { page: 'workflow/step', title: 'En pause' }
    one.machine.states.done = { type: 'final' }
    one.machine.states.off.on.FINISH = 'done'
    one.permissions.FINISH = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
    one.events.FINISH = { label: 'Terminer' }
    const first = await publishDefinition(one, { author: 'bench' })

    const two = structuredClone(one)
    two.machine.states.lit = two.machine.states.on
    delete two.machine.states.on
    two.machine.states.off.on.TOGGLE.target = 'lit'
    delete two.machine.states.paused
    delete two.machine.states.lit.on.PAUSE
    delete two.permissions.PAUSE
    delete two.events.PAUSE
    two.screens.lit = { ...two.screens.on, title: 'Allumé (v2)' }
    delete two.screens.on
    delete two.screens.paused
    two.machine.states.lit.on.TOGGLE.target = 'off'
    const second = await publishDefinition(two, { author: 'bench' })
    say(
      `versions ${first.definition.version} (${first.status}) → ${second.definition.version} (${second.status})`
    )

    /** The records, as the engine stores them: interleaved states, as they arrive */
    const caisse = await db.from('caisses').orderBy('id').select('id').firstOrFail()
    const stamp = sqlDateTime(DateTime.now())
    const total = RECORDS + STAYING + FINISHED
    const stateOf = (n: number) =>
      n < RECORDS ? (n % 9 < 5 ? 'off' : 'on') : n < RECORDS + STAYING ? 'paused' : 'done'
    const insertStarted = performance.now()
    for (let start = 0; start < total; start += INSERT_CHUNK) {
      const rows = []
      for (let n = start; n < Math.min(total, start + INSERT_CHUNK); n++) {
        const state = stateOf(n)
        const status = state === 'done' ? 'done' : 'active'
        rows.push({
          definition_id: first.definition.id,
          subject_type: 'bench',
          subject_id: null,
          state,
          snapshot: JSON.stringify({
            value: state,
            context: { notifyEmail: 'bench@ppas.test', note: `dossier ${n}` },
            status,
          }),
          status,
          caisse_id: caisse.id,
          partner_id: null,
          lock_version: 0,
          created_at: stamp,
          updated_at: stamp,
        })
      }
      await db.table('workflow_instances').multiInsert(rows)
    }
    say(`inserted ${total} records in ${seconds(insertStarted)} s`)

    const request = {
      key: 'bench-migration',
      fromVersion: first.definition.version,
      toVersion: second.definition.version,
      mapping: { on: 'lit', paused: null },
    }
    const previewStarted = performance.now()
    const plan = await planMigration(request)
    say(
      `preview: ${plan.movable} to move, ${plan.refused} staying, in ${seconds(previewStarted)} s`
    )
    if (plan.movable !== RECORDS) throw new Error(`preview counted ${plan.movable}, not ${RECORDS}`)

    const started = performance.now()
    let lastSaid = started
    const report = await runMigration(request, {
      actor: null,
      confirmed: plan.movable,
      onBatch: ({ batch, batches, moved }) => {
        if (performance.now() - lastSaid < 5_000) return
        lastSaid = performance.now()
        say(`batch ${batch}/${batches}: ${moved} moved`)
      },
    })
    const elapsed = (performance.now() - started) / 1000
    say(
      `run: ${report.moved} moved, ${report.skipped} skipped, ${report.refused} refused in ${elapsed.toFixed(1)} s`
    )

    /** Nothing lost or doubled */
    const count = async (query: any) => {
      const [row] = await query.count('* as total')
      return Number(row.total)
    }
    const onNew = await count(
      db.from('workflow_instances').where('definition_id', second.definition.id)
    )
    const onNewOnce = await count(
      db
        .from('workflow_instances')
        .where('definition_id', second.definition.id)
        .where('lock_version', 1)
        .whereIn('state', ['off', 'lit'])
    )
    const audits = await count(db.from('workflow_transitions').where('event', MIGRATE_EVENT))
    const [distinct] = await db
      .from('workflow_transitions')
      .where('event', MIGRATE_EVENT)
      .countDistinct('instance_id as total')
    const audited = Number(distinct.total)
    const stayed = await count(
      db.from('workflow_instances').where('definition_id', first.definition.id)
    )
    const all = await count(
      db
        .from('workflow_instances')
        .whereIn('definition_id', [first.definition.id, second.definition.id])
    )
    const problems = [
      [report.moved, RECORDS, 'moved'],
      [onNew, RECORDS, 'records on version 2'],
      [onNewOnce, RECORDS, 'records on version 2 in off/lit with lock_version 1'],
      [audits, RECORDS, '$migrate audit rows'],
      [audited, RECORDS, 'records with a $migrate audit row'],
      [stayed, STAYING + FINISHED, 'records left on version 1'],
      [all, total, 'records in all'],
      [report.skipped, 0, 'skipped'],
    ].filter(([got, wanted]) => got !== wanted)
    if (problems.length) {
      throw new Error(
        `lost or doubled: ${problems.map(([got, wanted, what]) => `${what} ${got} ≠ ${wanted}`).join('; ')}`
      )
    }
    say('checked: every record moved once, audited once; the others where they were')
    console.log(`migration records_per_s=${Math.round(report.moved / elapsed)}`)
  } finally {
    await app.terminate()
  }
}

function seconds(since: number) {
  return ((performance.now() - since) / 1000).toFixed(1)
}

function say(line: string) {
  console.log(line)
}

function positiveInt(name: string, fallback: number) {
  const value = process.env[name]
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive integer`)
  return parsed
}
