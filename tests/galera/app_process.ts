/*
|--------------------------------------------------------------------------
| One PPAS app process of the Galera suite
|--------------------------------------------------------------------------
|
| Forked by tests/galera/support.ts with MYSQL_HOSTS in its own order, so
| each process works on its own node of the cluster (and fails over to the
| next when that node dies). It boots the application as bin/server.ts
| does ("web" environment, every middleware of start/kernel.ts, sessions
| in the database as in production) and listens on PORT: the spec talks
| to it over real HTTP, as a browser would. Over IPC it only starts and
| stops its outbox worker (the one of `node ace outbox:work`), says which
| node its connections reach, and exits.
|
*/
process.env.NODE_ENV ??= 'test'
process.env.SESSION_DRIVER = 'database'
process.env.HOST = '127.0.0.1'

const { createIgnitor, listenOn } = await import('../../bin/ignitor.js')
const ignitor = await createIgnitor()
const app = ignitor.createApp('web')
await app.init()
await app.boot()
await app.start(() => listenOn(app, '127.0.0.1', Number(process.env.PORT)))

const { default: OutboxWorker } = await import('#outbox/outbox_worker')
const { default: mail } = await import('@adonisjs/mail/services/main')
const { default: db } = await import('@adonisjs/lucid/services/db')

type Request = { id: number; op: string; args: any }

let outbox: InstanceType<typeof OutboxWorker> | null = null

const operations: Record<string, (args: any) => Promise<unknown>> = {
  async startOutbox({ intervalMs }) {
    outbox = new OutboxWorker(mail.use(), { batchSize: 50 })
    outbox.start(intervalMs)
    return { ok: true }
  },

  async stopOutbox() {
    await outbox?.stop()
    outbox = null
    return { ok: true }
  },

  /** Which node this process's connections reach now */
  async node() {
    const [rows] = await db.rawQuery("SHOW VARIABLES LIKE 'wsrep_node_name'")
    return rows[0]?.Value ?? null
  },

  async exit() {
    await outbox?.stop()
    setImmediate(async () => {
      await app.terminate()
      process.exit(0)
    })
    return { ok: true }
  },
}

process.on('message', async (request: Request) => {
  const operation = operations[request.op]
  try {
    if (!operation) throw new Error(`Unknown operation ${request.op}`)
    process.send!({ id: request.id, result: await operation(request.args) })
  } catch (error) {
    process.send!({ id: request.id, error: String((error as Error)?.stack ?? error) })
  }
})
process.send!({ ready: true })
