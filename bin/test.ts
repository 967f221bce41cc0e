/*
|--------------------------------------------------------------------------
| Test runner entry point
|--------------------------------------------------------------------------
|
| Boots the application in the "test" environment and runs Japa with the
| suites of adonisrc.ts and the plugins of tests/bootstrap.ts.
|
*/
process.env.NODE_ENV = 'test'

/**
 * Each run gets its own HTTP port, SMTP port and SQLite file unless told
 * otherwise, so that two runs on one machine never share state.
 */
const { createServer } = await import('node:net')
/**
 * A port below Linux's ephemeral range (32768–60999), which outgoing
 * connections draw from: a port the kernel handed out (a probe on port 0)
 * and then closed could be taken by one of this machine's thousands of
 * MariaDB client sockets before the app listens on it, and the run would
 * die with EADDRINUSE before its first test. Here only another run picking the same random port in
 * the same instant could collide, and a port in use is skipped.
 */
const LOWEST_PORT = 15_000
const PORTS_BELOW_EPHEMERAL = 17_000
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
const freePort = async () => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * PORTS_BELOW_EPHEMERAL)
    if (await portIsFree(port)) return port
  }
  throw new Error('no free port between 15000 and 32000')
}
/** The assembler hands over the PORT of .env (the dev server's): never reuse it */
process.env.PORT = process.env.TEST_PORT ?? String(await freePort())
process.env.SMTP_PORT ??= String(await freePort())
if (!process.env.SQLITE_FILE) {
  const { rmSync } = await import('node:fs')
  const file = `tmp/ppas-test-${process.pid}.sqlite3`
  process.env.SQLITE_FILE = file
  process.on('exit', () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  })
}

const { prettyPrintError } = await import('@adonisjs/core')
const { configure, processCLIArgs, run } = await import('@japa/runner')
const { createIgnitor } = await import('./ignitor.js')

const ignitor = await createIgnitor()

await ignitor
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      setup: runnerHooks.setup,
      teardown: runnerHooks.teardown.concat([() => app.terminate()]),
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
