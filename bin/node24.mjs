#!/usr/bin/env node
/*
|--------------------------------------------------------------------------
| Node.js 24 wrapper
|--------------------------------------------------------------------------
|
| Runs a command with Node.js 24, the version the portal targets, like
| Maven's wrapper does for Maven: with Node 24+ on PATH it adds nothing;
| with an older node it installs Node 24 from the npm registry (the
| node-<platform>-<arch> package, which ships the binary and its headers)
| into the git-ignored .tools/ folder, rebuilds the native addons for it
| and runs the command with it first on PATH.
|
|   node bin/node24.mjs <command> [args…]    run a command with Node 24
|   node bin/node24.mjs --print-bin-dir      print the folder of Node 24's binary
|
| Plain JavaScript on purpose: it must run on the old node it replaces.
|
*/
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REQUIRED_MAJOR = 24
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const PLATFORM = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform]
const PACKAGE = `node-${PLATFORM}-${process.arch}`
const TOOLS = join(ROOT, '.tools', 'node')
const PROVISIONED = join(TOOLS, 'node_modules', PACKAGE)

function say(message) {
  process.stderr.write(`[node24] ${message}\n`)
}

function majorOf(nodeBinary) {
  const result = spawnSync(nodeBinary, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })
  return result.status === 0 ? Number(result.stdout.trim()) : 0
}

/** Where Node 24 lives (its bin folder and, for native addons, its headers) */
function locateNode24() {
  if (Number(process.versions.node.split('.')[0]) >= REQUIRED_MAJOR) {
    const binDir = dirname(process.execPath)
    const headers = dirname(binDir)
    return { binDir, headers: existsSync(join(headers, 'include', 'node', 'node.h')) ? headers : null, provisioned: false }
  }

  const binDir = join(PROVISIONED, 'bin')
  if (majorOf(join(binDir, 'node')) < REQUIRED_MAJOR) {
    if (!PLATFORM) throw new Error(`No Node.js package for platform ${process.platform}`)
    say(`node ${process.versions.node} is older than ${REQUIRED_MAJOR}: installing ${PACKAGE}@${REQUIRED_MAJOR} into .tools/node`)
    const install = spawnSync(
      'npm',
      ['install', '--prefix', TOOLS, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${PACKAGE}@${REQUIRED_MAJOR}`],
      { stdio: 'inherit', shell: process.platform === 'win32' }
    )
    if (install.status !== 0 || majorOf(join(binDir, 'node')) < REQUIRED_MAJOR) {
      throw new Error(`Could not install ${PACKAGE}@${REQUIRED_MAJOR} from the npm registry`)
    }
  }
  return { binDir, headers: PROVISIONED, provisioned: true }
}

function environmentFor(node) {
  const env = { ...process.env, PATH: `${node.binDir}${delimiter}${process.env.PATH ?? ''}` }
  /** node-gyp must compile against Node 24's headers, not a system node's */
  if (node.headers) env.npm_config_nodedir = node.headers
  return env
}

/**
 * better-sqlite3 is compiled for the node that ran "npm install". When that
 * was an older node, rebuild it once for Node 24.
 */
function ensureNativeAddons(node, env) {
  if (!existsSync(join(ROOT, 'node_modules', 'better-sqlite3'))) return
  const probe = spawnSync(join(node.binDir, 'node'), ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  })
  if (probe.status === 0) return
  say('rebuilding better-sqlite3 for Node 24 (about two minutes, once)')
  const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: ROOT, env, stdio: 'inherit' })
  if (rebuild.status !== 0) throw new Error('npm rebuild better-sqlite3 failed')
}

try {
  const [command, ...args] = process.argv.slice(2)
  const node = locateNode24()
  const env = environmentFor(node)

  if (command === '--print-bin-dir') {
    process.stdout.write(`${node.binDir}\n`)
    process.exit(0)
  }
  if (!command) {
    say('usage: node bin/node24.mjs <command> [args…] | --print-bin-dir')
    process.exit(2)
  }

  ensureNativeAddons(node, env)
  const child = spawn(command, args, { cwd: process.cwd(), env, stdio: 'inherit' })
  /** A signal sent to the wrapper alone (a process manager's SIGTERM) reaches the command */
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal))
  }
  child.on('error', (error) => {
    say(error.message)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} catch (error) {
  say(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
