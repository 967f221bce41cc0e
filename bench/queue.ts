import { performance } from 'node:perf_hooks'
import { bootApp, ensureDatabase, prepareEnvironment, resetDatabase, type Db } from './boot.js'
import { memoryLine, positiveInt, positiveNumber, say } from './http_load.js'

/**
 * npm run bench -- queue [--records 1000000]
 *
 * « Dossiers à traiter » of one caisse administrator (the demo's, of the
 * CARSAT Hauts-de-France) with 100,000 pending pre-registrations spread
 * over 20 caisses (5,000 in theirs), through listPending, what the page's
 * controller calls: the rows and the count. Three queries, each by 16
 * callers at once for BENCH_SECONDS in all, in BENCH_ROUNDS alternating
 * rounds after a second of warm-up: the first page, a search by the SIRET
 * of one of their records, and a page deep in the list (keyset: after the
 * row at 80 % of their queue), once MariaDB has flushed the writes (dirty
 * pages, undo history: « MariaDB at rest after … »). Each query's
 * SQL and MariaDB's ANALYZE of it (the index, the rows it read) are printed.
 *
 * Checks: every page of the queue walked by its « Page suivante » cursor
 * gives the caisse's records once each in the SQL order, five pages back by
 * « Page précédente » too, and every page read under load is the one
 * expected (its total, its first row).
 *
 * The HTTP layer around it (session, CSRF, Inertia) is bench/http.ts's.
 *
 * Last line, exactly:
 *   queue records=<int> first_p99_ms=<int> siret_p99_ms=<int> deep_p99_ms=<int>
 * the target is each p99 < 100 ms, and at 1,000,000 records within 1.2 × the
 * 100,000's. The line before gives this process's memory (the application
 * runs in it; the records are written by MariaDB, never held here).
 *
 * Knobs: --records N (or BENCH_RECORDS, 100000), BENCH_CONCURRENCY (16),
 * BENCH_SECONDS (10 per query), BENCH_ROUNDS (5), BENCH_MYSQL_DATABASE
 * (ppas_bench_queue).
 * Why: docs/decisions/0033-queue-keyset-paging.md, 0035-queue-siret-search-and-capped-count.md.
 */

const CAISSES = 20
const CHUNK = 100_000
const SIRET_BASE = 30_000_000_000_000
const SIRET_STEP = 7919

type Page = Awaited<ReturnType<typeof import('#services/back_office/queue').listPending>>
interface Query {
  call(): Promise<Page>
  /** The page is the one expected (its total, its first row) */
  check(page: Page): boolean
}

export async function run() {
  const flag = process.argv.indexOf('--records')
  if (flag > 0) process.env.BENCH_RECORDS = process.argv[flag + 1]
  const records = positiveInt('BENCH_RECORDS', 100_000)
  const concurrency = positiveInt('BENCH_CONCURRENCY', 16)
  const seconds = positiveNumber('BENCH_SECONDS', 10)
  const rounds = positiveInt('BENCH_ROUNDS', 5)
  process.env.BENCH_MYSQL_DATABASE ??= 'ppas_bench_queue'

  const { database } = prepareEnvironment()
  const app = await bootApp()
  try {
    await ensureDatabase(app, database)
    say(`reset ${database}: db:wipe, migration:run, db:seed`)
    await resetDatabase(app)

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: User } = await import('#models/user')
    const { default: Caisse } = await import('#models/caisse')
    const { decisionDefinitions } = await import('#services/back_office/definitions')
    const { listPending, COUNT_LIMIT, PER_PAGE } = await import('#services/back_office/queue')
    const { caisseIdsOf } = await import('#services/back_office/scope')

    const admin = await User.findByOrFail('login_key', 'caissehdf')
    const adminCaisses = await caisseIdsOf(admin)
    const caisses = await caissesForTheBench(Caisse, adminCaisses[0])
    const published = await decisionDefinitions()
    const preinscription = published.find((definition) => definition.key === 'preinscription')
    if (!preinscription) throw new Error('preinscription is not published')
    const state = preinscription.pendingStateValues[0]

    /**
     * Rows written by MariaDB itself from its sequence engine
     * (seq_0_to_N), 100,000 a statement: the bench process holds none of
     * them, so its memory is the application's (the engine's path is
     * bench/transitions.ts's). Record i: caisse i mod 20, arrived at
     * 2026-01-01 + i seconds, SIRET 30000000000000 + 7919 i (all different).
     */
    const started = performance.now()
    const caisseOf = `ELT(1 + seq MOD ${CAISSES}, ${caisses.map(Number).join(', ')})`
    for (let from = 0; from < records; from += CHUNK) {
      const to = Math.min(records, from + CHUNK) - 1
      await db.rawQuery(
        `INSERT INTO workflow_instances
           (definition_id, subject_type, state, status, caisse_id, lock_version, snapshot, created_at, updated_at)
         SELECT ?, 'partner', ?, 'active', ${caisseOf}, 1,
           JSON_OBJECT('value', ?, 'status', 'active', 'context', JSON_OBJECT(
             'partnerName', CONCAT('Association numéro ', seq),
             'siret', CAST(${SIRET_BASE} + seq * ${SIRET_STEP} AS CHAR),
             'conventionCode', CONCAT('CONV-', seq),
             'partnerEmail', CONCAT('contact', seq, '@association.test'),
             'city', 'Lille', 'postalCode', '59000')),
           TIMESTAMPADD(SECOND, seq, '2026-01-01 00:00:00'),
           TIMESTAMPADD(SECOND, seq, '2026-01-01 00:00:00')
         FROM seq_${from}_to_${to}`,
        [preinscription.id, state, state]
      )
      say(`  ${to + 1} records written`)
    }
    await db.rawQuery('ANALYZE TABLE workflow_instances')
    say(
      `${records} pending records over ${CAISSES} caisses written in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`
    )
    await settled(db)

    /** The administrator's queue as plain SQL: what every page must add up to */
    const { cursorOf } = await import('#transformers/back_office/queue')
    const queue: Array<{ id: number }> = await db
      .from('workflow_instances')
      .whereIn('caisse_id', adminCaisses)
      .where('status', 'active')
      .orderBy('updated_at')
      .orderBy('id')
      .select('id')
    const expected = queue.map((row) => row.id)
    const inCaisse = expected.length
    say(`${admin.login}'s caisse holds ${inCaisse} of them`)
    /** The page's count: exact up to COUNT_LIMIT, « plus de » beyond */
    const counts = (page: Page) =>
      page.pagination.total === Math.min(inCaisse, COUNT_LIMIT) &&
      page.pagination.totalExceeds === inCaisse > COUNT_LIMIT

    /** Nothing lost, nothing doubled: every page by « Page suivante », then back by « Page précédente » */
    const walked: number[] = []
    let walking = await listPending(adminCaisses, {})
    for (;;) {
      walked.push(...walking.rows.map((row) => row.id))
      if (!counts(walking)) {
        throw new Error(`check failed: a page counts ${walking.pagination.total} of ${inCaisse}`)
      }
      if (!walking.pagination.next) break
      walking = await listPending(adminCaisses, { after: walking.pagination.next })
    }
    if (walked.join() !== expected.join()) {
      throw new Error(
        `check failed: the pages gave ${walked.length} records (${new Set(walked).size} different), ` +
          `SQL ${inCaisse}, or another order`
      )
    }
    let back = 0
    let backwards = walking
    while (backwards.pagination.previous) {
      const next = await listPending(adminCaisses, { before: backwards.pagination.previous })
      const at = expected.indexOf(backwards.rows[0].id)
      if (next.rows.map((row) => row.id).join() !== expected.slice(at - PER_PAGE, at).join()) {
        throw new Error(`check failed: « Page précédente » before record ${backwards.rows[0].id}`)
      }
      backwards = next
      if (++back === 5) break
    }
    say(
      `check: ${Math.ceil(inCaisse / PER_PAGE)} pages by « Page suivante » gave the ${inCaisse} ` +
        `records once each, in the SQL order; ${back} pages back by « Page précédente » too`
    )

    /** The record 80 % down the administrator's queue: a deep page starts after it, its SIRET is searched */
    const { default: WorkflowInstance } = await import('#models/workflow_instance')
    const deepRow = await WorkflowInstance.findOrFail(expected[Math.floor(inCaisse * 0.8)])
    const deepCursor = cursorOf(deepRow)
    const searched = String(deepRow.snapshot.context?.siret ?? '')
    const deepFirst = expected[Math.floor(inCaisse * 0.8) + 1]

    const queries: Record<string, Query> = {
      first: {
        call: () => listPending(adminCaisses, {}),
        check: (page) => counts(page) && page.rows[0]?.id === expected[0],
      },
      siret: {
        call: () => listPending(adminCaisses, { search: searched }),
        check: (page) =>
          page.pagination.total === 1 &&
          !page.pagination.totalExceeds &&
          page.rows.length === 1 &&
          page.rows[0].id === deepRow.id,
      },
      deep: {
        call: () => listPending(adminCaisses, { after: deepCursor }),
        check: (page) =>
          counts(page) && page.rows.length === PER_PAGE && page.rows[0].id === deepFirst,
      },
    }

    /** The SQL of each, as MariaDB plans it and runs it (ANALYZE: r_rows is what it read) */
    const knex = db.connection().getWriteClient()
    for (const [name, query] of Object.entries(queries)) {
      const seen: Array<{ sql: string; bindings: unknown[] }> = []
      const listener = (data: { sql: string; bindings: unknown[] }) => seen.push(data)
      knex.on('query', listener)
      const result = await query.call()
      knex.off('query', listener)
      say(
        `\n${name}: ${result.rows.length} rows of ` +
          `${result.pagination.totalExceeds ? 'more than ' : ''}${result.pagination.total}`
      )
      if (!query.check(result)) throw new Error(`check failed: ${name} gave another page`)
      for (const statement of seen) {
        say(`  SQL ${statement.sql}`)
        const [plan] = await db.rawQuery(`ANALYZE ${statement.sql}`, statement.bindings as any[])
        for (const row of plan as Array<Record<string, unknown>>) {
          say(
            `  ANALYZE table=${row.table} type=${row.type} key=${row.key ?? 'NULL'} ` +
              `rows=${row.rows} r_rows=${row.r_rows} extra=${row.Extra ?? ''}`
          )
        }
      }
    }

    /** Warm-up: each query a second, unmeasured (JIT, buffer pool) */
    for (const query of Object.values(queries)) await drive(query, concurrency, 1)

    /**
     * Alternating rounds (first, siret, deep, first…), BENCH_ROUNDS of
     * them: a burst of the machine's other work falls on the three alike
     */
    const latencies: Record<string, number[]> = { first: [], siret: [], deep: [] }
    for (let round = 0; round < rounds; round++) {
      for (const [name, query] of Object.entries(queries)) {
        latencies[name].push(...(await drive(query, concurrency, seconds / rounds)))
      }
    }
    const results: Record<string, { p50: number; p99: number }> = {}
    for (const [name, measured] of Object.entries(latencies)) {
      results[name] = { p50: percentile(measured, 0.5), p99: percentile(measured, 0.99) }
      say(
        `${name}: ${measured.length} calls by ${concurrency} at once in ${seconds} s ` +
          `(${rounds} rounds), p50 ${results[name].p50.toFixed(1)} ms, ` +
          `p99 ${results[name].p99.toFixed(1)} ms, every page checked`
      )
    }
    say(
      `memory: the application's process (this one) ${memoryLine(process.memoryUsage())} ` +
        `after the bench (limit 300 MB RSS)`
    )
    console.log(
      `queue records=${records} first_p99_ms=${Math.round(results.first.p99)} ` +
        `siret_p99_ms=${Math.round(results.siret.p99)} deep_p99_ms=${Math.round(results.deep.p99)}`
    )
  } finally {
    await app.terminate()
  }
}

/** The administrator's caisse and 19 others: the seeded ones, then new ones of its regime */
async function caissesForTheBench(
  Caisse: typeof import('#models/caisse').default,
  adminCaisse: number
): Promise<number[]> {
  const own = await Caisse.findOrFail(adminCaisse)
  const seeded = await Caisse.query().whereNot('id', adminCaisse).orderBy('id')
  const others = seeded.map((caisse) => caisse.id)
  for (let index = others.length; index < CAISSES - 1; index++) {
    const created = await Caisse.create({
      code: `BENCH-${index}`,
      name: `Caisse du banc d'essai ${index}`,
      regimeId: own.regimeId,
    })
    others.push(created.id)
  }
  return [adminCaisse, ...others.slice(0, CAISSES - 1)]
}

/** `concurrency` callers at once for `seconds`, each page checked: the latencies, in ms */
async function drive(query: Query, concurrency: number, seconds: number) {
  const latencies: number[] = []
  const deadline = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now()
        const page = await query.call()
        latencies.push(performance.now() - started)
        if (!query.check(page)) throw new Error('check failed: a page under load was another')
      }
    })
  )
  return latencies
}

function percentile(values: number[], share: number) {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]
}

/**
 * Dirty pages (a share of the buffer pool: InnoDB keeps a few hundred dirty
 * at rest) and undo history below which MariaDB has caught up with the writes
 */
const SETTLED = { dirtyShare: 0.1, historyLength: 1_000 }
const SETTLE_TIMEOUT_MS = 180_000

/**
 * Waits until MariaDB has flushed the records just written and purged the
 * previous run's (db:wipe dropped up to a million rows): measured during
 * that background work, a queue of 1,000,000 read 1.3–1.4 × slower than one
 * of 100,000 in one run, and as fast in the next. The queue is a read
 * workload; what it is compared on is MariaDB at rest.
 */
async function settled(db: Db) {
  const started = performance.now()
  const status = async (name: string) => {
    const [rows] = await db.rawQuery('SHOW GLOBAL STATUS LIKE ?', [name])
    return Number(rows[0]?.Value ?? 0)
  }
  for (;;) {
    const dirtyPages = await status('Innodb_buffer_pool_pages_dirty')
    const poolPages = await status('Innodb_buffer_pool_pages_total')
    const historyLength = await status('Innodb_history_list_length')
    const waited = performance.now() - started
    if (
      (dirtyPages <= poolPages * SETTLED.dirtyShare && historyLength <= SETTLED.historyLength) ||
      waited > SETTLE_TIMEOUT_MS
    ) {
      say(
        `MariaDB at rest after ${(waited / 1000).toFixed(1)} s: ${dirtyPages} dirty pages, ` +
          `undo history ${historyLength}`
      )
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
