#!/usr/bin/env node
/*
|--------------------------------------------------------------------------
| npm run test:galera
|--------------------------------------------------------------------------
|
| The Galera suite (tests/galera/, issue 14) on the local three-node
| cluster of bin/galera.mjs: starts the cluster unless it already runs,
| runs the file runner (bin/test_files.ts) on the suite `galera` with the
| nodes in MYSQL_HOSTS (its template and copies made through node 1), and
| stops the cluster again if it started it. The closing line is the
| runner's `Tests: <passed> passed, <failed> failed`; the exit code its.
|
|   npm run test:galera [-- --files=<part>] [Japa flags…]
|
|   GALERA_MYSQL_DATABASE   the databases' prefix on the cluster (default ppas_galera)
|
*/
import { spawn, spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hostsList, sqlPort } from './galera.mjs'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))

function galera(command) {
  return spawnSync(process.execPath, ['bin/galera.mjs', command], { cwd: ROOT, stdio: 'inherit' })
}

/** status exits 0 only when the three nodes are Synced in a Primary component */
const alreadyRunning =
  spawnSync(process.execPath, ['bin/galera.mjs', 'status'], { cwd: ROOT }).status === 0
if (!alreadyRunning && galera('start').status !== 0) {
  console.log('The Galera cluster did not start')
  console.log('Tests: 0 passed, 1 failed')
  galera('stop')
  process.exit(1)
}

const child = spawn(
  process.execPath,
  ['--import=@poppinss/ts-exec', 'bin/test_files.ts', 'galera', ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      DB_CONNECTION: 'mysql',
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: String(sqlPort(1)),
      MYSQL_HOSTS: hostsList(),
      MYSQL_DATABASE: process.env.GALERA_MYSQL_DATABASE ?? 'ppas_galera',
      /** The suite's files share the cluster: one at a time */
      TEST_CONCURRENCY: '1',
    },
  }
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
const code = await new Promise((resolve) => child.on('close', (exit) => resolve(exit ?? 1)))
if (!alreadyRunning) galera('stop')
process.exit(code)
