/*
|--------------------------------------------------------------------------
| One-command demo ("npm start")
|--------------------------------------------------------------------------
|
| Brings a fresh clone up on the embedded SQLite database: creates .env
| from .env.example (with a new APP_KEY), migrates, seeds the reference and
| demo data, builds the front-end when needed, then runs the web server and
| prints where to go. Every step is idempotent, so it also restarts a demo.
|
| Plain JavaScript: it runs before anything is compiled, under the Node 24
| that bin/node24.mjs provides.
|
*/
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from './server_flags.mjs'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const ENV_FILE = join(ROOT, '.env')
const MANIFEST = join(ROOT, 'public', 'assets', '.vite', 'manifest.json')
const READY_TIMEOUT_MS = 60_000

function say(message) {
  process.stdout.write(`[démo] ${message}\n`)
}

/** Runs a Node script of the project with the current (Node 24) binary; stops the demo if it fails */
function run(label, args, env = process.env) {
  say(label)
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env })
  if (result.status !== 0) {
    say(`échec : ${label}`)
    process.exit(result.status ?? 1)
  }
}

/** A fresh clone has no .env: the demo defaults, with a key of its own (never a shared one) */
function ensureEnvFile() {
  if (existsSync(ENV_FILE)) return
  copyFileSync(join(ROOT, '.env.example'), ENV_FILE)
  const key = `APP_KEY=${randomBytes(32).toString('base64url')}`
  const content = readFileSync(ENV_FILE, 'utf8')
  writeFileSync(
    ENV_FILE,
    /^APP_KEY=.*$/m.test(content) ? content.replace(/^APP_KEY=.*$/m, key) : `${content.trimEnd()}\n${key}\n`
  )
  say('.env créé à partir de .env.example, avec une nouvelle APP_KEY')
}

/** Newest modification time under a folder, in ms */
function newestMtime(path) {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0)
}

/** The server serves the built assets (no Vite dev server outside "node ace serve"): rebuild only when stale */
function ensureAssets() {
  const sources = Math.max(newestMtime(join(ROOT, 'inertia')), newestMtime(join(ROOT, 'vite.config.ts')))
  if (existsSync(MANIFEST) && statSync(MANIFEST).mtimeMs >= sources) return
  /**
   * Always React's production build, whatever the demo's NODE_ENV: the
   * development runtime (jsxDEV, owner stacks) would triple what every
   * partner downloads (bin/check_assets.ts refuses it in CI)
   */
  run('construction des écrans (vite build)', [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    ...process.env,
    NODE_ENV: 'production',
  })
}

/**
 * AdonisJS tells its parent over IPC once its HTTP server listens (the
 * signal "node ace serve" uses too): unlike probing the port, another
 * process already holding it cannot be mistaken for our server.
 */
function serverStarted(server) {
  return new Promise((resolve) => {
    server.on('message', (message) => {
      if (message?.isAdonisJS && message.environment === 'web') resolve(message)
    })
  })
}

/** Then the first request proves the page answers; false if it still does not after a while */
async function answers(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
      return true
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  return false
}

function banner(env, url) {
  const line = '─'.repeat(72)
  const mails =
    env.MAIL_TRANSPORT === 'catcher'
      ? `${url}/boite-mails (boîte mails de démonstration)`
      : `relayés par le serveur SMTP ${env.SMTP_HOST ?? '127.0.0.1'}:${env.SMTP_PORT ?? 2525}`
  const accounts =
    env.NODE_ENV === 'production'
      ? ['  (aucun compte de démonstration en production)']
      : [
          'Comptes de démonstration, mot de passe Demo2026 :',
          '  caissehdf    administrateur caisse CARSAT Hauts-de-France',
          '  analyste     analyste',
          '  partenaire1  administrateur du partenaire « Association Démo »',
        ]
  process.stdout.write(
    [
      '',
      line,
      '  Portail Partenaires Action Sociale : la démonstration est prête',
      '',
      `  Adresse : ${url}`,
      ...accounts.map((text) => `  ${text}`),
      `  Mails envoyés : ${mails}`,
      '  Arrêt : Ctrl+C',
      line,
      '',
    ].join('\n') + '\n'
  )
}

ensureEnvFile()
/** As AdonisJS does: the process environment wins over .env */
const env = { ...parseEnv(readFileSync(ENV_FILE, 'utf8')), ...process.env }

run('migration de la base de données', ['ace', 'migration:run', '--force'])
run('données de référence et de démonstration', ['ace', 'db:seed'])
ensureAssets()

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import=@poppinss/ts-exec', 'bin/server.ts'], {
  cwd: ROOT,
  env: { ...process.env, ...SERVER_ENVIRONMENT },
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
})
const started = serverStarted(server)

/**
 * The server shuts down gracefully (closing the database and the mail
 * catcher) on SIGTERM only (bin/server.ts), so both signals reach it as one.
 */
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill('SIGTERM'))
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1))
})

const { host, port } = await started
/** A wildcard address is not one a browser can open */
const shownHost = ['0.0.0.0', '::', ''].includes(host) ? 'localhost' : host
const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
if (await answers(url)) {
  banner(env, url)
} else {
  say(`le serveur ne répond pas sur ${url} après ${READY_TIMEOUT_MS / 1000} s`)
}
