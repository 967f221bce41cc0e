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
