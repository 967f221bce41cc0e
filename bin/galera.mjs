#!/usr/bin/env node
/*
|--------------------------------------------------------------------------
| A local three-node MariaDB Galera cluster
|--------------------------------------------------------------------------
|
| Starts three mariadbd processes of Debian's mariadb-server with the
| galera-4 provider on ports of their own, data under tmp/galera/, so PPAS
| can be run and tested on a multi-primary cluster on one machine (README
| « Scale »). The machine's own MariaDB (3306) is not touched.
|
|   node bin/galera.mjs start     initialise (first time), bootstrap node 1,
|                                 join 2 and 3, wait for size 3 and Primary
|   node bin/galera.mjs stop      stop the three nodes (SIGTERM, then wait)
|   node bin/galera.mjs status    each node's wsrep state
|   node bin/galera.mjs kill <n>  SIGKILL node n (tests: a node that dies)
|   node bin/galera.mjs restart <n>  start node n again (rejoins by IST/SST)
|
|   GALERA_DIR   where the nodes live (default tmp/galera)
|
| Node n listens for SQL on 3310+n, for group communication on 4570+n,
| IST on 4580+n and SST (rsync) on 4590+n, all on 127.0.0.1. root, empty
| password, as the machine's own server. Plain JavaScript so it runs on
| any Node (20 or 24) without the TypeScript loader.
|
*/
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const BASE = resolve(ROOT, process.env.GALERA_DIR ?? 'tmp/galera')
const NODES = [1, 2, 3]
const PROVIDER_CANDIDATES = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/libgalera_smm.so']
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((path) => existsSync(path))

export const sqlPort = (node) => 3310 + node
const gcommPort = (node) => 4570 + node
const istPort = (node) => 4580 + node
const sstPort = (node) => 4590 + node
const dir = (node) => join(BASE, `node${node}`)
const dataDir = (node) => join(dir(node), 'data')
const configFile = (node) => join(dir(node), 'my.cnf')
const pidFile = (node) => join(dir(node), 'mariadbd.pid')
const socketFile = (node) => join(dir(node), 'mariadbd.sock')
const errorLog = (node) => join(dir(node), 'error.log')

function say(message) {
  process.stdout.write(`[galera] ${message}\n`)
}

function fail(message) {
  process.stderr.write(`[galera] ${message}\n`)
  process.exit(1)
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms))

function provider() {
  const found = PROVIDER_CANDIDATES.find((path) => existsSync(path))
  if (!found)
    fail(`no Galera provider (${PROVIDER_CANDIDATES.join(', ')}): apt-get install galera-4`)
  return found
}

/**
 * Each node reads only its own file (--defaults-file), not /etc/mysql, so
 * the machine's server settings never leak in. Running as root needs
 * user=root (mariadbd refuses root otherwise); the rsync SST script is
 * handed the same file and so finds the same datadir and ports.
 */
function writeConfig(node) {
  const cluster = NODES.map((other) => `127.0.0.1:${gcommPort(other)}`).join(',')
  const user = processUser()
  const lines = [
    '[mysqld]',
    `user=${user}`,
    `datadir=${dataDir(node)}`,
    `socket=${socketFile(node)}`,
    `pid-file=${pidFile(node)}`,
    `log-error=${errorLog(node)}`,
    `port=${sqlPort(node)}`,
    'bind-address=127.0.0.1',
    'skip-name-resolve',
    'performance_schema=OFF',
    // Galera replicates row events of InnoDB tables only
    'binlog_format=ROW',
    'default_storage_engine=InnoDB',
    'innodb_autoinc_lock_mode=2',
    'innodb_buffer_pool_size=64M',
    // Durability comes from the synchronous copy on the other nodes
    'innodb_flush_log_at_trx_commit=2',
    'character-set-server=utf8mb4',
    'collation-server=utf8mb4_unicode_ci',
    'max_connections=300',
    'wsrep_on=ON',
    `wsrep_provider=${provider()}`,
    'wsrep_cluster_name=ppas_local',
    `wsrep_cluster_address=gcomm://${cluster}`,
    `wsrep_node_name=node${node}`,
    `wsrep_node_address=127.0.0.1:${gcommPort(node)}`,
    `wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${gcommPort(node)};ist.recv_addr=127.0.0.1:${istPort(node)};gcache.size=128M"`,
    `wsrep_sst_receive_address=127.0.0.1:${sstPort(node)}`,
    'wsrep_sst_method=rsync',
    'wsrep_slave_threads=2',
    '',
  ]
  writeFileSync(configFile(node), lines.join('\n'))
}

/**
 * As root, the nodes run as the mysql account owning their folders: the
 * rsync daemon that receives an SST, started by a root mariadbd, would
 * drop to nobody and be refused the datadir.
 */
function processUser() {
  if (process.getuid?.() !== 0) return process.env.USER ?? 'mysql'
  const found = spawnSync('id', ['-u', 'mysql'], { encoding: 'utf8' })
  return found.status === 0 ? 'mysql' : 'root'
}

function ownFolders(node) {
  const user = processUser()
  if (process.getuid?.() !== 0 || user === 'root') return
  const result = spawnSync('chown', ['-R', `${user}:${user}`, dir(node)], { encoding: 'utf8' })
  if (result.status !== 0) fail(`chown of ${dir(node)} failed: ${result.stderr}`)
}

function pidOf(node) {
  if (!existsSync(pidFile(node))) return null
  const pid = Number(readFileSync(pidFile(node), 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  return running(pid) ? pid : null
}

/** A zombie (killed, not yet reaped) counts as gone */
function running(pid) {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
  return !/^\d+ \(.*\) Z/.test(stat)
}

function initialise(node) {
  if (existsSync(join(dataDir(node), 'mysql'))) return
  mkdirSync(dataDir(node), { recursive: true })
  writeConfig(node)
  const result = spawnSync(
    'mariadb-install-db',
    [
      `--defaults-file=${configFile(node)}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      // The tables it creates must not be replicated before the cluster exists
      '--wsrep-on=OFF',
    ],
    { encoding: 'utf8' }
  )
  ownFolders(node)
  if (result.status !== 0) {
    fail(`mariadb-install-db for node ${node} failed:\n${result.stdout}\n${result.stderr}`)
  }
}

/** A SQL statement on node n through the mariadb client, or null when it cannot connect */
function query(node, sql) {
  const result = spawnSync(
    'mariadb',
    [
      '--no-defaults',
      '--protocol=TCP',
      '--host=127.0.0.1',
      `--port=${sqlPort(node)}`,
      '--user=root',
      '--batch',
      '--skip-column-names',
      '--connect-timeout=2',
      '-e',
      sql,
    ],
    { encoding: 'utf8' }
  )
  return result.status === 0 ? result.stdout.trim() : null
}

function wsrepStatus(node) {
  const output = query(
    node,
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_cluster_status','wsrep_local_state_comment','wsrep_ready')"
  )
  if (output === null) return null
  const values = {}
  for (const line of output.split('\n')) {
    const [name, value] = line.split('\t')
    values[name] = value
  }
  return {
    size: Number(values.wsrep_cluster_size ?? 0),
    status: values.wsrep_cluster_status ?? '?',
    state: values.wsrep_local_state_comment ?? '?',
    ready: values.wsrep_ready === 'ON',
  }
}

function launch(node, extra = []) {
  writeConfig(node)
  ownFolders(node)
  const log = openSync(join(dir(node), 'stdout.log'), 'a')
  const child = spawn(MARIADBD, [`--defaults-file=${configFile(node)}`, ...extra], {
    detached: true,
    stdio: ['ignore', log, log],
  })
  child.unref()
  launched.set(node, child.pid)
}

/** Pids of the mariadbd this process started, known before their pid file exists */
const launched = new Map()

function alive(node) {
  const pid = launched.get(node) ?? pidOf(node)
  return pid ? running(pid) : false
}

/** Waits until node n is Synced in a Primary component, or fails with its log's tail */
async function waitSynced(node, seconds) {
  for (let waited = 0; waited < seconds * 2; waited++) {
    if (!alive(node)) break
    const status = wsrepStatus(node)
    if (status?.ready && status.status === 'Primary' && status.state === 'Synced') return status
    await sleep(500)
  }
  const tail = existsSync(errorLog(node))
    ? readFileSync(errorLog(node), 'utf8').split('\n').slice(-30).join('\n')
    : '(no log)'
  fail(
    `node ${node} did not reach Synced/Primary (${alive(node) ? `${seconds} s` : 'it stopped'}); ${errorLog(node)}:\n${tail}`
  )
}

/**
 * Bootstraps from node 1 (--wsrep-new-cluster) when no node runs, else
 * joins the running ones. A node stopped cleanly may bootstrap again only
 * if its grastate says safe_to_bootstrap; after a kill -9 of all nodes the
 * cluster is started anew from node 1 by marking it safe (local data only).
 */
async function start() {
  if (!MARIADBD) fail('mariadbd not found: apt-get install mariadb-server')
  for (const node of NODES) initialise(node)
  const running = NODES.filter((node) => pidOf(node))
  if (running.length === 0) {
    const grastate = join(dataDir(1), 'grastate.dat')
    if (existsSync(grastate)) {
      writeFileSync(
        grastate,
        readFileSync(grastate, 'utf8').replace(/safe_to_bootstrap:\s*0/, 'safe_to_bootstrap: 1')
      )
    }
    say(`bootstrapping node 1 on port ${sqlPort(1)}`)
    launch(1, ['--wsrep-new-cluster'])
    await waitSynced(1, 60)
  }
  for (const node of NODES) {
    if (pidOf(node)) continue
    say(`starting node ${node} on port ${sqlPort(node)}`)
    launch(node)
    await waitSynced(node, 120)
  }
  for (let waited = 0; waited < 120; waited++) {
    const status = wsrepStatus(1) ?? wsrepStatus(2)
    if (status?.size === NODES.length && status.status === 'Primary') {
      say(`cluster Primary with ${status.size} nodes: MYSQL_HOSTS=${hostsList()}`)
      return
    }
    await sleep(500)
  }
  fail('the cluster did not reach 3 nodes')
}

export function hostsList() {
  return NODES.map((node) => `127.0.0.1:${sqlPort(node)}`).join(',')
}

async function stopNode(node) {
  const pid = pidOf(node)
  if (!pid) return
  process.kill(pid, 'SIGTERM')
  for (let waited = 0; waited < 120; waited++) {
    if (!pidOf(node)) return
    await sleep(500)
  }
  say(`node ${node} still running after 60 s: SIGKILL`)
  process.kill(pid, 'SIGKILL')
}

/** The last node stopped is the one safe to bootstrap from: stop 3, 2, then 1 */
async function stop() {
  for (const node of [...NODES].reverse()) {
    if (pidOf(node)) say(`stopping node ${node}`)
    await stopNode(node)
  }
  say('stopped')
}

function status() {
  let healthy = true
  for (const node of NODES) {
    const pid = pidOf(node)
    const wsrep = pid ? wsrepStatus(node) : null
    if (!wsrep || wsrep.status !== 'Primary' || wsrep.state !== 'Synced') healthy = false
    say(
      `node ${node} port ${sqlPort(node)}: ` +
        (pid
          ? wsrep
            ? `pid ${pid}, ${wsrep.state}, ${wsrep.status}, cluster size ${wsrep.size}`
            : `pid ${pid}, not answering`
          : 'stopped')
    )
  }
  process.exitCode = healthy ? 0 : 1
}

function nodeArgument(raw) {
  const node = Number(raw)
  if (!NODES.includes(node)) fail(`node must be one of ${NODES.join(', ')}`)
  return node
}

const [command, argument] = process.argv.slice(2)
if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) {
  switch (command) {
    case 'start':
      await start()
      break
    case 'stop':
      await stop()
      break
    case 'status':
      status()
      break
    case 'kill': {
      const node = nodeArgument(argument)
      const pid = pidOf(node)
      if (pid) process.kill(pid, 'SIGKILL')
      for (let waited = 0; pid && running(pid) && waited < 100; waited++) await sleep(100)
      say(pid ? `node ${node} (pid ${pid}) killed` : `node ${node} was not running`)
      break
    }
    case 'restart': {
      const node = nodeArgument(argument)
      if (!pidOf(node)) launch(node)
      await waitSynced(node, 120)
      say(`node ${node} Synced`)
      break
    }
    case 'destroy':
      await stop()
      rmSync(BASE, { recursive: true, force: true })
      say(`removed ${BASE}`)
      break
    default:
      fail('usage: node bin/galera.mjs start|stop|status|kill <n>|restart <n>|destroy')
  }
}
