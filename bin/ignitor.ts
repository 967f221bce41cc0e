/*
|--------------------------------------------------------------------------
| The Ignitor every entry point starts from
|--------------------------------------------------------------------------
|
| bin/server.ts, bin/console.ts and bin/test.ts boot the same application:
| the same root, the same importer of its files, the environment validated
| first, a clean shutdown on SIGTERM. Only what they start differs.
|
*/
import type { ApplicationService } from '@adonisjs/core/types'

export async function createIgnitor() {
  /** Dates are stored and compared in UTC; screens format them for France */
  process.env.TZ = 'UTC'

  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')

  const appRoot = new URL('../', import.meta.url)
  const importer = (filePath: string) =>
    filePath.startsWith('./') || filePath.startsWith('../')
      ? import(new URL(filePath, appRoot).href)
      : import(filePath)

  return new Ignitor(appRoot, { importer }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
}

/**
 * The HTTP server of a process given its port (the HTTP benches' workers,
 * the Galera suite's app processes), as bin/server.ts's: the app's server
 * booted, listening on host:port, closed when the app terminates. Called
 * inside app.start(), after any route of the caller's own.
 */
export async function listenOn(app: ApplicationService, host: string, port: number) {
  const { createServer } = await import('node:http')
  const server = await app.container.make('server')
  await server.boot()
  const httpServer = createServer(server.handle.bind(server))
  server.setNodeServer(httpServer)
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(port, host, () => resolve())
  })
  app.terminating(() => new Promise<void>((resolve) => httpServer.close(() => resolve())))
}
