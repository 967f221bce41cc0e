import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { setTimeout } from 'node:timers/promises'
import type { ApplicationService } from '@adonisjs/core/types'
import {
  checkDecisions,
  decisionRecords,
  decisionRound,
  describe,
  lockVersionSum,
  memoryLine,
  positiveInt,
  positiveNumber,
  prepareDecisions,
  say,
  signIn,
  startProcesses,
  type RoundResult,
} from './http_load.js'

/**
 * npm run bench -- processes
 *
 * bench/http.ts's decision (the caisse administrator's POST
 * /caisse/dossiers/:id/decision through session, CSRF, policy, engine,
 * flash and redirect) with 1, 2 and 4 application processes behind one
 * port (node:cluster shares it), the same autocannon connections each time.
 * During each measured round the bench reads the CPU time of every app
 * process, of MariaDB (its pid file) and of itself (autocannon) from
 * /proc/<pid>/stat, the machine's idle time from /proc/stat, and MariaDB's
 * row lock waits and deadlocks (SHOW GLOBAL STATUS), to say where the
 * limit is.
 *
 * Checks, for each count: lock_version grew by one per decision answered
 * 302 (nothing lost, nothing doubled), no other answer.
 *
 * Last line, exactly:
 *   processes rps=1:<int>,2:<int>,4:<int> p99_ms=1:<int>,2:<int>,4:<int> speedup_4=<2 decimals> limit=<app_cpu|mariadb_cpu|locks|other_processes|machine>
 * the lines before give, per count, each process's CPU (100 % = one core)
 * and RSS after its round.
 *
 * Knobs: BENCH_PROCESSES (1,2,4), BENCH_RECORDS (2000), BENCH_CONNECTIONS
 * (16), BENCH_SECONDS (10 per count), BENCH_WARMUP_SECONDS (5),
 * BENCH_MYSQL_DATABASE (ppas_bench_processes). Why: docs/decisions/0036-app-processes-and-memory.md.
 */
export async function run() {
  const counts = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number)
  if (counts.some((count) => !Number.isInteger(count) || count <= 0)) {
    throw new Error('BENCH_PROCESSES must be positive integers, e.g. 1,2,4')
  }
  const records = positiveInt('BENCH_RECORDS', 2000)
  const connections = positiveInt('BENCH_CONNECTIONS', 16)
  const seconds = positiveNumber('BENCH_SECONDS', 10)
  const warmup = positiveNumber('BENCH_WARMUP_SECONDS', 5)

  const { app, ids, port } = await prepareDecisions(records, 'ppas_bench_processes')
  const base = `http://127.0.0.1:${port}`
  const mariadb = await mariadbPid(app)
  const { availableParallelism } = await import('node:os')
  const cores = availableParallelism()
  say(
    `processes: ${counts.join(', ')} app processes on ${base}, ${connections} connections, ` +
      `${seconds} s each after ${warmup} s of warm-up; ${cores} cores, MariaDB pid ${mariadb}`
  )

  /** One set for every count: each record's lock_version carries on from one count to the next */
  const decisions = decisionRecords(ids)
  const curve: Array<{ count: number; result: RoundResult; limit: string }> = []
  try {
    for (const count of counts) {
      const processes = await startProcesses(count)
      try {
        const booted = await processes.rss()
        booted.forEach((one, index) => say(`  app process ${index + 1} booted: ${memoryLine(one)}`))
        const session = await signIn(base)
        const before = await lockVersionSum(app)
        const counted = { ...decisions }
        await decisionRound(base, session, decisions, warmup, connections)

        const pids = processes.workers.map((worker) => worker.process.pid!)
        const started = await sample(app, [...pids, mariadb, process.pid])
        const result = await decisionRound(base, session, decisions, seconds, connections)
        const ended = await sample(app, [...pids, mariadb, process.pid])
        /** The requests autocannon dropped at the round's end are still answered: let them */
        await setTimeout(1000)

        await checkDecisions(app, before, {
          ...decisions,
          sent: decisions.sent - counted.sent,
          answered: decisions.answered - counted.answered,
          decided: decisions.decided - counted.decided,
        })
        if (result.unexpected) {
          throw new Error(`check failed: ${result.unexpected} decisions answered otherwise`)
        }
        const usage = usageOf(started, ended)
        const apps = pids.map((pid) => usage.cpu.get(pid)!)
        const appTotal = apps.reduce((sum, share) => sum + share, 0)
        const database = usage.cpu.get(mariadb)!
        const bench = usage.cpu.get(process.pid)!
        const others = Math.max(0, usage.busy * cores - appTotal - database - bench)
        say(describe(`${count} process${count > 1 ? 'es' : ''}`, result))
        say(
          `  CPU (100 % = one core): app ${apps.map(percent).join(' + ')} = ${percent(appTotal)}, ` +
            `MariaDB ${percent(database)}, autocannon ${percent(bench)}, ` +
            `other processes ${percent(others)}, ` +
            `machine busy ${percent(usage.busy * cores)} of ${cores * 100} % ` +
            `(and ${percent(usage.steal * cores)} taken by the hypervisor)`
        )
        say(
          `  MariaDB: ${usage.lockWaits} row lock waits (${usage.lockMs} ms), ` +
            `${usage.deadlocks} deadlocks`
        )
        const memory = await processes.rss()
        memory.forEach((one, index) =>
          say(`  memory: app process ${index + 1} ${memoryLine(one)} (limit 300 MB RSS)`)
        )
        const lockShare = usage.lockMs / (connections * seconds * 1000)
        const limit = limitOf({ apps, database, others, busy: usage.busy, cores, lockShare })
        say(`  limit: ${limit.why}`)
        curve.push({ count, result, limit: limit.name })
      } finally {
        await processes.stop()
      }
    }
  } finally {
    await app.terminate()
  }

  const rps = (entry: (typeof curve)[number]) => entry.result.expected / entry.result.seconds
  const first = curve[0]
  const last = curve.at(-1)!
  console.log(
    `processes rps=${curve.map((entry) => `${entry.count}:${Math.round(rps(entry))}`).join(',')} ` +
      `p99_ms=${curve.map((entry) => `${entry.count}:${Math.round(entry.result.p99)}`).join(',')} ` +
      `speedup_${last.count}=${(rps(last) / rps(first)).toFixed(2)} limit=${last.limit}`
  )
}

/** MariaDB's own process: its pid file (the server is on this machine in the bench) */
async function mariadbPid(app: ApplicationService) {
  const db = await app.container.make('lucid.db')
  const [[row]] = await db.rawQuery('SELECT @@pid_file AS file')
  const text = await readFile(String(row.file), 'utf8')
  const pid = Number(text.trim())
  if (!Number.isInteger(pid)) throw new Error(`no MariaDB pid in ${row.file}`)
  return pid
}

interface Sample {
  at: number
  /** utime + stime of each pid, in clock ticks (USER_HZ, 100 a second) */
  ticks: Map<number, number>
  /** /proc/stat's first line: all ticks, idle ticks (idle + iowait), ticks the hypervisor took (steal) */
  machine: { all: number; idle: number; steal: number }
  status: Record<string, number>
}

async function sample(app: ApplicationService, pids: number[]): Promise<Sample> {
  const ticks = new Map<number, number>()
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    /** Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15 */
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks.set(pid, Number(fields[11]) + Number(fields[12]))
  }
  const machine = await readFile('/proc/stat', 'utf8')
  const [cpu] = machine.split('\n')
  const values = cpu.trim().split(/\s+/).slice(1).map(Number)
  const db = await app.container.make('lucid.db')
  const [rows] = await db.rawQuery(
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Innodb_deadlocks')`
  )
  const status = Object.fromEntries(
    (rows as Array<{ Variable_name: string; Value: string }>).map((row) => [
      row.Variable_name,
      Number(row.Value),
    ])
  )
  return {
    at: performance.now(),
    ticks,
    machine: {
      all: values.slice(0, 8).reduce((sum, value) => sum + value, 0),
      idle: values[3] + values[4],
      steal: values[7] ?? 0,
    },
    status,
  }
}

/** Each pid's CPU as a share of one core, the machine's busy share, MariaDB's lock counters */
function usageOf(started: Sample, ended: Sample) {
  const seconds = (ended.at - started.at) / 1000
  const cpu = new Map<number, number>()
  for (const [pid, ticks] of ended.ticks) {
    cpu.set(pid, (ticks - started.ticks.get(pid)!) / 100 / seconds)
  }
  const all = ended.machine.all - started.machine.all
  const delta = (name: string) => (ended.status[name] ?? 0) - (started.status[name] ?? 0)
  return {
    cpu,
    busy: all
      ? 1 -
        (ended.machine.idle - started.machine.idle + ended.machine.steal - started.machine.steal) /
          all
      : 0,
    steal: all ? (ended.machine.steal - started.machine.steal) / all : 0,
    lockWaits: delta('Innodb_row_lock_waits'),
    lockMs: delta('Innodb_row_lock_time'),
    deadlocks: delta('Innodb_deadlocks'),
  }
}

function percent(share: number) {
  return `${Math.round(share * 100)} %`
}

/**
 * Where a round stopped growing: lock waits taking a tenth of the
 * connections' time, the machine's cores all busy (then whose CPU took
 * most: other processes of a shared machine, the app's, MariaDB's), one app process at a full core (one process is one JavaScript
 * thread), or MariaDB at the machine's cores.
 */
function limitOf(round: {
  apps: number[]
  database: number
  /** CPU the machine's other processes took (other work on a shared machine) */
  others: number
  busy: number
  cores: number
  lockShare: number
}) {
  const app = round.apps.reduce((sum, share) => sum + share, 0)
  if (round.lockShare > 0.1) {
    return {
      name: 'locks',
      why: `row lock waits: ${percent(round.lockShare)} of the connections' time`,
    }
  }
  if (round.busy > 0.9 && round.others > app + round.database) {
    return {
      name: 'other_processes',
      why:
        `the machine's cores are busy, most of it (${percent(round.others)}) with other ` +
        `processes than the app's and MariaDB: this curve says little of the application`,
    }
  }
  if (round.busy > 0.9) {
    const name = app >= round.database ? 'app_cpu' : 'mariadb_cpu'
    return {
      name,
      why:
        `the machine's ${round.cores} cores are busy (${percent(round.busy)}); ` +
        `app processes ${percent(app)}, MariaDB ${percent(round.database)}: ` +
        (name === 'app_cpu' ? 'the application takes most' : 'MariaDB takes most'),
    }
  }
  if (round.apps.some((share) => share > 0.9)) {
    return { name: 'app_cpu', why: 'an app process at a full core (one JavaScript thread)' }
  }
  if (round.database > 0.9 * round.cores) {
    return { name: 'mariadb_cpu', why: 'MariaDB at the machine’s cores' }
  }
  return { name: 'machine', why: 'no resource saturated: latency bound (too few connections)' }
}
