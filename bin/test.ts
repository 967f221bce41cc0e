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
const { freePort } = await import('./free_port.js')
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
