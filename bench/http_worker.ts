/**
 * One application process of the HTTP benchmarks (bench/http.ts,
 * bench/processes.ts), forked by node:cluster: the application booted as
 * bin/server.ts boots it ("web" environment, every middleware of
 * start/kernel.ts), listening on the port the primary gives (cluster shares
 * it between workers).
 *
 * The bench adds one route of its own here, before the router is committed:
 * POST /bench/bare, behind the same router middleware (body parser,
 * session, shield's CSRF check, auth, bouncer) and the same `auth` named
 * middleware as the decision, answering a small JSON. It exists only in
 * this process: production code has no branch for it.
 *
 * Messages: the primary sends { type: 'rss' } and gets { type: 'rss', rss, heapUsed… }
 * (process.memoryUsage(), bytes); 'profile-start', then 'profile-stop' with a file, to profile a
 * round; 'stop'. The worker sends { type: 'listening' } once it accepts
 * requests.
 */

const { createIgnitor, listenOn } = await import('../bin/ignitor.js')
const ignitor = await createIgnitor()
const app = ignitor.createApp('web')
await app.init()
await app.boot()
await app.start(async () => {
  const router = await app.container.make('router')
  const { middleware } = await import('#start/kernel')
  router
    .post('/bench/bare', ({ auth, response }) =>
      response.json({ ok: true, userId: auth.getUserOrFail().id })
    )
    .use(middleware.auth())

  await listenOn(app, process.env.HOST ?? '127.0.0.1', Number(process.env.PORT))
})

/** BENCH_CPU_PROFILE: the primary asks for a profile of each measured round */
let profiler: import('node:inspector/promises').Session | undefined

process.on('message', async (message: { type?: string; file?: string }) => {
  if (message?.type === 'rss') process.send?.({ type: 'rss', ...process.memoryUsage() })
  if (message?.type === 'stop') void app.terminate().then(() => process.exit(0))
  if (message?.type === 'profile-start') {
    const { Session } = await import('node:inspector/promises')
    profiler = new Session()
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 })
    await profiler.post('Profiler.start')
    process.send?.({ type: 'profile-started' })
  }
  if (message?.type === 'profile-stop' && profiler && message.file) {
    const { profile } = await profiler.post('Profiler.stop')
    profiler.disconnect()
    const { writeFile } = await import('node:fs/promises')
    await writeFile(message.file, JSON.stringify(profile))
    process.send?.({ type: 'profile-written' })
  }
})
process.send?.({ type: 'listening' })
