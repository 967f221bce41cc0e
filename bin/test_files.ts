/*
|--------------------------------------------------------------------------
| File runner ("npm test", "npm run test:isolation")
|--------------------------------------------------------------------------
|
| Runs every spec file of the suites of adonisrc.ts in a process of its
| own (the Japa entry point bin/test.ts, as `node ace test` starts it) on a
| database of its own: a copy of a template migrated and seeded once. A few
| files run at a time, in a shuffled order whose seed is printed; each
| file's output is printed whole when it ends. Why: docs/decisions/0011-test-isolation.md.
|
|   npm test [-- <suite>… ] [--files=<part>,…] [Japa flags…]
|
|   TEST_SEED                 replays the order of an earlier run
|   TEST_CONCURRENCY          files at a time (default 2)
|   TEST_BROWSER_CONCURRENCY  browser files at a time, within it (default 1)
|   TEST_FILE_TIMEOUT         seconds before a file's process is killed (default 900)
|
| The closing line is `Tests: <passed> passed, <failed> failed`, the sum of
| Japa's counts; the exit code is 1 when a file failed or its process died.
|
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { globSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnvLoader, EnvParser } from '@adonisjs/core/env'
import rcFile from '../adonisrc.js'
import { databaseCopies, type DatabaseSettings } from '../tests/helpers/database_copies.js'

process.env.NODE_ENV = 'test'
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const SUITES = rcFile.tests?.suites ?? []
/** Suites run only when named: galera needs the cluster of bin/galera.mjs (npm run test:galera) */
const ON_REQUEST = new Set(['galera'])

type SpecFile = { suite: string; path: string; index: number }
type Outcome = {
  file: SpecFile
  passed: number
  failed: number
  /** The process ended badly without Japa reporting a failed test (crash, timeout) */
  crashed: boolean
  /** How the process ended (ok, exit 1, killed after 900 s) */
  status: string
  /** The output's last lines, repeated in the summary when the process died */
  tail: string
  seconds: number
}

function positiveInteger(name: string, fallback: number) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, not "${raw}"`)
  }
  return value
}

/** Reproducible shuffles: the same seed gives the same order (mulberry32) */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
  const result = [...items]
  for (let last = result.length - 1; last > 0; last--) {
    const other = Math.floor(random() * (last + 1))
    ;[result[last], result[other]] = [result[other], result[last]]
  }
  return result
}

/**
 * The variables the test processes will see, read the way AdonisJS reads
 * them (the process first, then .env.test, then .env) without changing
 * this process's environment.
 */
async function testEnvironment(): Promise<(key: string) => string | undefined> {
  const values: Record<string, string> = {}
  for (const { contents } of await new EnvLoader(new URL('../', import.meta.url)).load()) {
    const parsed = await new EnvParser(contents, new URL('../', import.meta.url)).parse()
    for (const [key, value] of Object.entries(parsed)) values[key] ??= String(value)
  }
  return (key) => process.env[key] || values[key]
}

function parseArguments(argv: string[]) {
  const suites: string[] = []
  const fileFilters: string[] = []
  const japaFlags: string[] = []
  const known = new Set(SUITES.map((suite) => suite.name))
  for (const argument of argv) {
    if (argument.startsWith('--files=')) {
      fileFilters.push(...argument.slice('--files='.length).split(',').filter(Boolean))
    } else if (known.has(argument)) {
      suites.push(argument)
    } else if (argument.startsWith('-')) {
      japaFlags.push(argument)
    } else {
      throw new Error(`Unknown suite "${argument}" (suites: ${[...known].join(', ')})`)
    }
  }
  return { suites, fileFilters, japaFlags }
}

function specFiles(suites: string[], fileFilters: string[]): Omit<SpecFile, 'index'>[] {
  const files: Omit<SpecFile, 'index'>[] = []
  for (const suite of SUITES) {
    if (suites.length ? !suites.includes(suite.name) : ON_REQUEST.has(suite.name)) continue
    const patterns = Array.isArray(suite.files) ? suite.files : [suite.files]
    for (const path of globSync(patterns as string[], { cwd: ROOT }).sort()) {
      if (fileFilters.length && !fileFilters.some((part) => path.includes(part))) continue
      files.push({ suite: suite.name, path })
    }
  }
  return files
}

/** Colour codes, written with the escape character Japa prints before them */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

/** Japa's closing "Tests  3 failed, 12 passed (15)" */
function japaCounts(output: string) {
  const summary = output
    .replace(ANSI, '')
    .split('\n')
    .filter((line) => /^\s*Tests\s+\d/.test(line))
    .at(-1)
  const count = (word: string) => Number(summary?.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
  return { passed: count('passed'), failed: count('failed'), reported: summary !== undefined }
}

/** The command that runs one file alone, as a developer would */
function aloneCommand(file: SpecFile, env: (key: string) => string | undefined) {
  const prefix = ['DB_CONNECTION', 'MYSQL_DATABASE']
    .filter((key) => process.env[key])
    .map((key) => `${key}=${env(key)} `)
    .join('')
  return `${prefix}node bin/node24.mjs node ace test ${file.suite} --files=${file.path}`
}

const { suites, fileFilters, japaFlags } = parseArguments(process.argv.slice(2))
const env = await testEnvironment()
const seed = process.env.TEST_SEED
  ? Number.parseInt(process.env.TEST_SEED, 10)
  : Math.floor(Math.random() * 2 ** 31)
if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be an integer`)
const concurrency = positiveInteger('TEST_CONCURRENCY', 2)
const browserConcurrency = positiveInteger('TEST_BROWSER_CONCURRENCY', 1)
/** How many of its last lines a dead process's summary repeats */
const DEATH_LINES = 25
const fileTimeoutMs = positiveInteger('TEST_FILE_TIMEOUT', 900) * 1000

const queue: SpecFile[] = shuffled(specFiles(suites, fileFilters), seed).map((file, position) => ({
  ...file,
  index: position + 1,
}))
if (!queue.length) throw new Error('No spec file matches')

const settings: DatabaseSettings = {
  connection: env('DB_CONNECTION') === 'mysql' ? 'mysql' : 'sqlite',
  mysql: {
    host: env('MYSQL_HOST') ?? '127.0.0.1',
    port: Number(env('MYSQL_PORT') ?? 3306),
    user: env('MYSQL_USER') ?? 'root',
    password: env('MYSQL_PASSWORD') ?? '',
    database: env('MYSQL_DATABASE') ?? 'ppas_test',
  },
}
const databases = databaseCopies(ROOT, settings)
const running = new Map<SpecFile, ChildProcess>()
const outcomes: Outcome[] = []
const startedAt = Date.now()

console.log(
  `${queue.length} spec files, ${concurrency} at a time (browser: ${browserConcurrency}), seed ${seed}`
)
console.log(`Database: ${databases.describe()}`)

async function runFile(file: SpecFile): Promise<Outcome> {
  const fileStartedAt = Date.now()
  const databaseEnv = await databases.copy(file.index)
  const output: Buffer[] = []
  let timedOut = false
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import=@poppinss/ts-exec',
        '--enable-source-maps',
        'bin/test.ts',
        file.suite,
        `--files=${file.path}`,
        ...japaFlags,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
          ...databaseEnv,
          /** bin/test.ts picks free ports for each process: a fixed one would be shared */
          TEST_PORT: undefined,
          SMTP_PORT: undefined,
          TEST_DATABASE_PREPARED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    running.set(file, child)
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, fileTimeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(file)
      resolve(code)
    })
  })
  await databases.drop(file.index)

  const text = Buffer.concat(output).toString()
  const counts = japaCounts(text)
  const seconds = (Date.now() - fileStartedAt) / 1000
  const crashed = exitCode !== 0 && counts.failed === 0
  const status = timedOut
    ? `killed after ${fileTimeoutMs / 1000} s`
    : exitCode === 0
      ? 'ok'
      : `exit ${exitCode}`
  process.stdout.write(
    `\n━━ ${file.suite} ${file.path} (${seconds.toFixed(1)} s, ${status})\n${text.trimEnd()}\n`
  )
  const tail = text.replace(ANSI, '').trimEnd().split('\n').slice(-DEATH_LINES).join('\n')
  return { file, ...counts, crashed, seconds, status, tail }
}

/** Files started and not yet done (a file's database is copied before its process exists) */
const inFlight = new Set<SpecFile>()

/** The next file a free slot may take: browser files are capped within the concurrency */
function nextFile() {
  const browsers = [...inFlight].filter((file) => file.suite === 'browser').length
  const position = queue.findIndex(
    (file) => file.suite !== 'browser' || browsers < browserConcurrency
  )
  return position === -1 ? undefined : queue.splice(position, 1)[0]
}

async function runQueue() {
  const active = new Set<Promise<void>>()
  while (queue.length || active.size) {
    while (active.size < concurrency) {
      const file = nextFile()
      if (!file) break
      inFlight.add(file)
      const run: Promise<void> = runFile(file)
        .then((outcome) => void outcomes.push(outcome))
        .finally(() => {
          inFlight.delete(file)
          active.delete(run)
        })
      active.add(run)
    }
    if (!active.size) break
    await Promise.race(active)
  }
}

let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true
    queue.length = 0
    for (const child of running.values()) child.kill('SIGTERM')
  })
}

let failure: unknown = null
try {
  await databases.prepareTemplate()
  await runQueue()
} catch (error) {
  failure = error
} finally {
  await databases.close()
}

const passed = outcomes.reduce((total, outcome) => total + outcome.passed, 0)
/** A file whose process died without a failed test still counts one failure */
const failed = outcomes.reduce(
  (total, outcome) => total + outcome.failed + (outcome.crashed ? 1 : 0),
  0
)
const failedFiles = outcomes.filter((outcome) => outcome.failed || outcome.crashed)
const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1)

console.log(
  `\n${outcomes.length} files in ${minutes} min, seed ${seed} (TEST_SEED=${seed} replays the order)`
)
if (failedFiles.length) {
  console.log('Failed files, and the command that runs each alone:')
  for (const { file, crashed, status, tail } of failedFiles) {
    console.log(`  ${file.path}${crashed ? ` (process died: ${status})` : ''}`)
    console.log(`    ${aloneCommand(file, env)}`)
    /** CI keeps the end of the output: what killed the process is said there too */
    if (crashed) console.log((tail || '(no output)').replace(/^/gm, '      | '))
  }
}
if (failure) console.error(failure)
if (interrupted) console.log('Interrupted')
console.log(`Tests: ${passed} passed, ${failed} failed`)
process.exitCode = failed || failure || interrupted ? 1 : 0
