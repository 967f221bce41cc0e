import cluster, { type Worker } from 'node:cluster'
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import type { ApplicationService } from '@adonisjs/core/types'
import type { WorkflowActor } from '#workflow/types'
import { SERVER_NODE_FLAGS } from '../bin/server_flags.mjs'
import { freePort } from '../bin/free_port.js'
import { bootApp, ensureDatabase, prepareEnvironment, resetDatabase } from './boot.js'

/**
 * What bench/http.ts and bench/processes.ts share: records for the caisse
 * administrator to decide on, application processes behind one port
 * (node:cluster), a signed-in session, and autocannon rounds. Method and
 * reasons: docs/decisions/0034-http-benchmarks.md.
 */

/** The demo caisse administrator (database/seeders/03_demo_seeder.ts) */
const LOGIN = 'caissehdf'
const PASSWORD = 'Demo2026'
const DEFINITION_KEY = 'bench-toggle'

export function positiveInt(name: string, fallback: number) {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name])
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`)
  return value
}

export function positiveNumber(name: string, fallback: number) {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name])
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`)
  return value
}

export function say(line: string) {
  console.log(line)
}

export function megabytes(bytes: number) {
  return Math.round(bytes / 1024 / 1024)
}

/** « RSS 212 MB (V8 heap 61 MB used of 90 MB) »: the heap is the application's share of it */
export function memoryLine(usage: NodeJS.MemoryUsage) {
  return (
    `RSS ${megabytes(usage.rss)} MB (V8 heap ${megabytes(usage.heapUsed)} MB used ` +
    `of ${megabytes(usage.heapTotal)} MB, external ${megabytes(usage.external)} MB)`
  )
}

/**
 * The benchmark's database (wiped), the production session store, then
 * `records` records of bench-toggle in the administrator's caisse, started
 * through the engine. The returned app (console environment) is the
 * primary's, for the final count only.
 */
export async function prepareDecisions(records: number, defaultDatabase: string) {
  process.env.BENCH_MYSQL_DATABASE ??= defaultDatabase
  const { database } = prepareEnvironment()
  /** The production default (config/session.ts): a session read, and written when it changes */
  process.env.SESSION_DRIVER = 'database'
  process.env.HOST = '127.0.0.1'
  process.env.PORT = String(await freePort())

  const app = await bootApp()
  await ensureDatabase(app, database)
  say(`reset ${database}: db:wipe, migration:run, db:seed`)
  await resetDatabase(app)

  const { default: engine } = await import('#workflow/engine')
  const { publishDefinition } = await import('#workflow/definition_store')
  const { default: User } = await import('#models/user')
  const body = JSON.parse(
    await readFile(new URL('./definitions/bench-toggle.json', import.meta.url), 'utf8')
  )
  await publishDefinition(body, { author: 'bench' })
  const admin = await User.findByOrFail('login_key', LOGIN)
  await admin.load('caisses')
  const caisseId = admin.caisses[0].id
  const system: WorkflowActor = { id: null, role: 'system', partnerId: null, caisseIds: [] }

  const ids: number[] = []
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < records) {
        next++
        const instance = await engine.start(
          DEFINITION_KEY,
          { caisseId, subjectType: 'bench' },
          system
        )
        ids.push(instance.id)
      }
    })
  )
  say(
    `${ids.length} records of ${DEFINITION_KEY} in ${LOGIN}'s caisse, started in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`
  )
  return { app, ids, port: Number(process.env.PORT) }
}

export async function lockVersionSum(app: ApplicationService) {
  const db = await app.container.make('lucid.db')
  const [row] = await db.from('workflow_instances').sum('lock_version as total')
  return Number(row.total)
}

export interface AppProcesses {
  workers: Worker[]
  /** Runs `round` with the first process's CPU profiled into `file` (BENCH_CPU_PROFILE) */
  profiled<T>(file: string | undefined, round: () => Promise<T>): Promise<T>
  /** process.memoryUsage() of each process, in bytes */
  rss(): Promise<NodeJS.MemoryUsage[]>
  stop(): Promise<void>
}

/** `count` application processes (bench/http_worker.ts) sharing the port, once all listen */
export async function startProcesses(count: number): Promise<AppProcesses> {
  /** As bin/start.mjs runs the server (bin/server_flags.mjs), with the primary's loader */
  cluster.setupPrimary({
    exec: new URL('./http_worker.ts', import.meta.url).pathname,
    execArgv: [...process.execArgv, ...SERVER_NODE_FLAGS],
  })
  /**
   * The server as production runs it (NODE_ENV=production: templates cached, JSON logs, no
   * debug pages), with the test settings the primary loaded from .env.test but the captcha
   * bypass, which a production server refuses to start with (config/captcha.ts); fork() adds
   * these over the primary's environment, hence an empty value rather than none
   */
  const production = { NODE_ENV: 'production', CAPTCHA_TEST_CODE: '' }
  const workers = Array.from({ length: count }, () => cluster.fork(production))
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('exit', (code) => reject(new Error(`app process exited (${code})`)))
          worker.on('message', (message) => {
            if (message?.type === 'listening') resolve()
          })
        })
    )
  )
  const reply = (worker: Worker, type: string) =>
    new Promise<void>((resolve) => {
      const listener = (message: { type?: string }) => {
        if (message?.type !== type) return
        worker.off('message', listener)
        resolve()
      }
      worker.on('message', listener)
    })
  return {
    workers,
    profiled: async (file, measured) => {
      if (!file) return measured()
      const [worker] = workers
      const started = reply(worker, 'profile-started')
      worker.send({ type: 'profile-start' })
      await started
      const result = await measured()
      const written = reply(worker, 'profile-written')
      worker.send({ type: 'profile-stop', file })
      await written
      say(`CPU profile of the app process in ${file}`)
      return result
    },
    rss: () =>
      Promise.all(
        workers.map(
          (worker) =>
            new Promise<NodeJS.MemoryUsage>((resolve) => {
              const listener = (message: { type?: string } & NodeJS.MemoryUsage) => {
                if (message?.type !== 'rss') return
                worker.off('message', listener)
                resolve(message)
              }
              worker.on('message', listener)
              worker.send({ type: 'rss' })
            })
        )
      ),
    stop: async () => {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.removeAllListeners('exit')
              worker.once('exit', () => resolve())
              worker.send({ type: 'stop' })
            })
        )
      )
    },
  }
}

/** The session's cookies and the CSRF token Inertia's client would send (X-XSRF-TOKEN) */
export interface SignedIn {
  cookie: string
  xsrf: string
}

/**
 * Signs the caisse administrator in through the real form: GET /connexion
 * (session and XSRF-TOKEN cookies), POST /connexion with the token, then
 * GET /caisse/dossiers for the renewed session's cookies.
 */
export async function signIn(base: string): Promise<SignedIn> {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
  }
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const xsrf = () => decodeURIComponent(jar.get('XSRF-TOKEN') ?? '')

  /** Inertia's visits (JSON): the full page would need the client's build */
  keep(await fetch(`${base}/connexion`, { redirect: 'manual', headers: { 'x-inertia': 'true' } }))
  const login = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      'cookie': cookie(),
      'x-xsrf-token': xsrf(),
      'x-inertia': 'true',
    },
    body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
  })
  keep(login)
  if (login.status !== 302 && login.status !== 303) {
    throw new Error(`sign-in answered ${login.status}: ${await login.text()}`)
  }
  const queue = await fetch(`${base}/caisse/dossiers`, {
    redirect: 'manual',
    headers: { 'cookie': cookie(), 'x-inertia': 'true' },
  })
  keep(queue)
  /** Inertia's page object (a 409 only asks for a full reload: no X-Inertia-Version sent) */
  const page = await queue.text()
  if (!page.includes(`"login":"${LOGIN}"`)) {
    throw new Error(`/caisse/dossiers answered ${queue.status} without the session: ${page}`)
  }
  return { cookie: cookie(), xsrf: xsrf() }
}

export interface RoundResult {
  requests: number
  seconds: number
  p99: number
  /** Answers with the expected status */
  expected: number
  /** Any other status, or a socket error */
  unexpected: number
}

function headersOf(session: SignedIn) {
  return {
    'content-type': 'application/json',
    'cookie': session.cookie,
    'x-xsrf-token': session.xsrf,
    'x-inertia': 'true',
    'x-requested-with': 'XMLHttpRequest',
  }
}

async function round(
  options: autocannon.Options,
  expectedStatus: number,
  seconds: number,
  connections: number
): Promise<RoundResult> {
  const result = await autocannon({
    ...options,
    connections,
    duration: seconds,
    pipelining: 1,
  })
  const byStatus = result.statusCodeStats as Record<string, { count: number }> | undefined
  const expected = byStatus?.[String(expectedStatus)]?.count ?? 0
  const responses = result.requests.total
  return {
    requests: responses,
    seconds: result.duration,
    p99: result.latency.p99,
    expected,
    unexpected: responses - expected + result.errors + result.timeouts,
  }
}

/**
 * The caisse administrator's decision, POST /caisse/dossiers/:id/decision
 * with the lock_version the page showed, as Inertia's client sends it: each
 * request takes a record nobody else is deciding on, so none is a conflict,
 * and a 302 to the item's page is a decision applied.
 */
export function decisionRound(
  base: string,
  session: SignedIn,
  records: DecisionRecords,
  seconds: number,
  connections: number
) {
  let note = 0
  return round(
    {
      url: base,
      requests: [
        {
          method: 'POST',
          headers: headersOf(session),
          setupRequest: (request: any, context: any) => {
            const id = records.free.shift()
            if (id === undefined) throw new Error('no record free: give more records')
            records.sent++
            context.id = id
            request.path = `/caisse/dossiers/${id}/decision`
            request.body = JSON.stringify({
              event: 'TOGGLE',
              lockVersion: records.lockVersions.get(id),
              note: `bascule ${++note}`,
            })
            return request
          },
          onResponse: (status: number, _body: string, context: any) => {
            if (status === 302) {
              records.lockVersions.set(context.id, records.lockVersions.get(context.id)! + 1)
              records.decided++
            }
            records.answered++
            records.free.push(context.id)
          },
        },
      ],
    } as autocannon.Options,
    302,
    seconds,
    connections
  )
}

/** POST /bench/bare (bench/http_worker.ts): the same middleware, a small JSON */
export function bareRound(base: string, session: SignedIn, seconds: number, connections: number) {
  return round(
    {
      url: `${base}/bench/bare`,
      method: 'POST',
      headers: headersOf(session),
      body: JSON.stringify({ note: 'bare' }),
    },
    200,
    seconds,
    connections
  )
}

/**
 * The records the decision rounds move. A request still in flight when a
 * round ends is dropped by autocannon but may still be applied by the
 * server: its record leaves `free` for good (its lock_version is unknown).
 */
export interface DecisionRecords {
  free: number[]
  lockVersions: Map<number, number>
  sent: number
  answered: number
  /** Answered 302 */
  decided: number
}

export function decisionRecords(ids: number[]): DecisionRecords {
  return {
    free: [...ids],
    lockVersions: new Map(ids.map((id) => [id, 0])),
    sent: 0,
    answered: 0,
    decided: 0,
  }
}

/**
 * Nothing lost, nothing doubled: lock_version grew by one per decision
 * answered 302, plus at most one per request dropped at a round's end
 */
export async function checkDecisions(
  app: ApplicationService,
  before: number,
  records: DecisionRecords
) {
  const moved = (await lockVersionSum(app)) - before
  const dropped = records.sent - records.answered
  say(
    `check: ${records.decided} decisions answered 302, ${dropped} dropped in flight at a round's end, ` +
      `lock_version +${moved} (warm-up included)`
  )
  if (moved < records.decided || moved > records.decided + dropped) {
    throw new Error(
      `check failed: lock_version grew by ${moved}, expected ${records.decided} to ${records.decided + dropped}`
    )
  }
}

/** Rounds of one kind added up: requests per second over their time, the worst p99 */
export function total(results: RoundResult[]) {
  const requests = results.reduce((sum, result) => sum + result.expected, 0)
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0)
  return {
    rps: requests / seconds,
    p99: Math.max(...results.map((result) => result.p99)),
    unexpected: results.reduce((sum, result) => sum + result.unexpected, 0),
  }
}

export function describe(label: string, result: RoundResult) {
  return (
    `${label}: ${result.expected} answered as expected in ${result.seconds.toFixed(1)} s = ` +
    `${Math.round(result.expected / result.seconds)}/s, p99 ${result.p99} ms` +
    (result.unexpected ? `, ${result.unexpected} UNEXPECTED` : '')
  )
}
