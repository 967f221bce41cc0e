import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import env from '#start/env'
import { parseHosts, type ClusterHost } from '#database/cluster_hosts'
import { freePort } from '../../bin/free_port.js'

/**
 * The Galera suite's app processes, browsers and nodes (not a spec file).
 * The suite runs against the cluster of bin/galera.mjs (npm run
 * test:galera, bin/test_galera.mjs): MYSQL_HOSTS lists its nodes, and the
 * runner's MYSQL_PORT is node 1's (README « Scale »).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export function clusterNodes(): ClusterHost[] {
  const list = env.get('MYSQL_HOSTS')
  if (!list) throw new Error('The galera suite needs MYSQL_HOSTS (node bin/galera.mjs start)')
  const hosts = parseHosts(list)
  if (hosts.length < 3) throw new Error('The galera suite needs the three nodes in MYSQL_HOSTS')
  return hosts
}

/**
 * One app process (tests/galera/app_process.ts) serving HTTP on `base`,
 * working on the node `first` (an index in clusterNodes()), then the next
 * ones
 */
export class AppProcess {
  readonly #child: ChildProcess
  readonly #pending = new Map<number, (message: any) => void>()
  #nextId = 0
  readonly ready: Promise<void>
  readonly base: string

  static async start(first: number) {
    const app = new AppProcess(first, await freePort())
    await app.ready
    return app
  }

  private constructor(first: number, port: number) {
    const nodes = clusterNodes()
    const order = nodes.map((_, index) => nodes[(first + index) % nodes.length])
    this.base = `http://127.0.0.1:${port}`
    this.#child = fork(fileURLToPath(new URL('./app_process.ts', import.meta.url)), [], {
      cwd: ROOT,
      execArgv: ['--import=@poppinss/ts-exec'],
      env: {
        ...process.env,
        PORT: String(port),
        MYSQL_HOSTS: order.map(({ host, port: sqlPort }) => `${host}:${sqlPort}`).join(','),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.ready = new Promise((resolve, reject) => {
      this.#child.once('exit', (code) => reject(new Error(`app process exited (${code})`)))
      this.#child.on('message', (message: any) => {
        if (message.ready) return resolve()
        this.#pending.get(message.id)?.(message)
        this.#pending.delete(message.id)
      })
    })
  }

  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.#nextId
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (message) =>
        message.error ? reject(new Error(message.error)) : resolve(message.result)
      )
      this.#child.send({ id, op, args })
    })
  }

  async close() {
    if (this.#child.exitCode !== null) return
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    await this.call('exit').catch(() => undefined)
    await exited
  }
}

/** bin/galera.mjs kill|restart <n> (node n is clusterNodes()[n - 1]) */
export function galera(command: 'kill' | 'restart' | 'status', node?: number) {
  const result = spawnSync(
    process.execPath,
    ['bin/galera.mjs', command, ...(node ? [String(node)] : [])],
    { cwd: ROOT, encoding: 'utf8' }
  )
  if (result.status !== 0)
    throw new Error(`galera ${command} failed:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/**
 * A connection of its own to one node, reading only after that node has
 * applied what the cluster committed (wsrep_sync_wait = 1)
 */
export async function nodeConnection(node: ClusterHost) {
  const connection = await mysql.createConnection({
    host: node.host,
    port: node.port,
    user: env.get('MYSQL_USER', 'root'),
    password: env.get('MYSQL_PASSWORD', ''),
    database: env.get('MYSQL_DATABASE'),
  })
  await connection.query('SET SESSION wsrep_sync_wait = 1')
  return connection
}

/** An answer of the app: its status, where it redirects, its body (Inertia's page as JSON) */
export type Answer = { status: number; location: string | null; body: string }

/**
 * A browser's session as Inertia's client runs it: the cookies the app
 * sets, the CSRF token it sends back (X-XSRF-TOKEN), Inertia's JSON
 * visits. Any app process takes it: sessions are rows of the database.
 */
export class Browser {
  readonly #jar = new Map<string, string>()

  #keep(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const index = pair.indexOf('=')
      this.#jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
  }

  async send(base: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'cookie': [...this.#jar].map(([name, value]) => `${name}=${value}`).join('; '),
        'x-xsrf-token': decodeURIComponent(this.#jar.get('XSRF-TOKEN') ?? ''),
        'x-inertia': 'true',
        'x-requested-with': 'XMLHttpRequest',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    this.#keep(response)
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    }
  }

  /** « Connexion » through the form, then the landing page for the renewed session's cookies */
  async signIn(base: string, login: string, password: string) {
    await this.send(base, 'GET', '/connexion')
    const answer = await this.send(base, 'POST', '/connexion', { login, password })
    if (answer.status !== 302 || !answer.location) {
      throw new Error(`sign-in of ${login} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
    }
    await this.send(base, 'GET', answer.location)
    return this
  }
}

/** The props of the Inertia page an answer carries */
export function pageProps(answer: Answer): Record<string, any> {
  return JSON.parse(answer.body).props
}
