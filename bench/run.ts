/*
|--------------------------------------------------------------------------
| Benchmark entry point
|--------------------------------------------------------------------------
|
|   npm run bench -- <name>        e.g. npm run bench -- transitions
|
| Each benchmark is a module of this folder exporting `run()`. It boots the
| application itself (see bench/boot.ts), prints progress lines, and its
| last line is the result, machine-readable.
|
| The application runs here with the server's Node.js flags and environment
| (bin/server_flags.mjs): without them, this process starts itself again
| with them, so that what a benchmark measures is what the server runs.
|
*/
import { spawnSync } from 'node:child_process'
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../bin/server_flags.mjs'

const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  transitions: () => import('./transitions.js'),
  first_load: () => import('./first_load.js'),
  migration: () => import('./migration.js'),
  http: () => import('./http.js'),
  queue: () => import('./queue.js'),
  processes: () => import('./processes.js'),
}

const name = process.argv[2]
const load = name ? BENCHMARKS[name] : undefined
const runsAsServer =
  SERVER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag)) &&
  Object.entries(SERVER_ENVIRONMENT).every(([variable, value]) => process.env[variable] === value)
if (!runsAsServer) {
  const again = spawnSync(
    process.execPath,
    [...process.execArgv, ...SERVER_NODE_FLAGS, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, ...SERVER_ENVIRONMENT } }
  )
  process.exitCode = again.status ?? 1
} else if (!load) {
  process.stderr.write(
    `usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`
  )
  process.exitCode = 2
} else {
  try {
    const benchmark = await load()
    await benchmark.run()
  } catch (error) {
    process.exitCode = 1
    console.error(error)
  }
}
