import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Boots the application for a benchmark the way bin/console.ts and
 * bin/test.ts do (Ignitor → init → boot → start), in the "console"
 * environment: no HTTP server, no embedded mail catcher or outbox worker
 * (those preloads are "web" only), so nothing but the benchmark touches the
 * database.
 *
 * The environment comes from the committed .env.test (NODE_ENV=test) unless
 * NODE_ENV is set. The database is always MySQL and always a benchmark's
 * own: it is wiped at every run, so MYSQL_DATABASE is forced to
 * BENCH_MYSQL_DATABASE (default ppas_bench) and must contain "bench".
 */
/** The database service, once the app is booted (imported then, not at load) */
export type Db = typeof import('@adonisjs/lucid/services/db').default

export function prepareEnvironment() {
  process.env.TZ = 'UTC'
  process.env.NODE_ENV ??= 'test'
  /** Required by start/env.ts; nothing listens */
  process.env.PORT ??= '0'

  if (process.env.DB_CONNECTION && process.env.DB_CONNECTION !== 'mysql') {
    throw new Error(
      `The benchmarks run on MySQL only (DB_CONNECTION=${process.env.DB_CONNECTION}): unset it or set it to mysql`
    )
  }
  process.env.DB_CONNECTION = 'mysql'

  const database = process.env.BENCH_MYSQL_DATABASE ?? 'ppas_bench'
  if (!/bench/.test(database)) {
    throw new Error(
      `BENCH_MYSQL_DATABASE=${database}: the benchmark wipes its database, its name must contain "bench"`
    )
  }
  process.env.MYSQL_DATABASE = database
  return { database }
}

export async function bootApp(): Promise<ApplicationService> {
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const APP_ROOT = new URL('../', import.meta.url)
  const IMPORTER = (filePath: string) => {
    if (filePath.startsWith('./') || filePath.startsWith('../')) {
      return import(new URL(filePath, APP_ROOT).href)
    }
    return import(filePath)
  }
  const app = new Ignitor(APP_ROOT, { importer: IMPORTER }).createApp('console')
  app.booting(async () => {
    await import('#start/env')
  })
  await app.init()
  await app.boot()
  await app.start(() => {})
  return app
}

/** CREATE DATABASE IF NOT EXISTS, on the server the application is configured for */
export async function ensureDatabase(app: ApplicationService, database: string) {
  const mysql = await import('mysql2/promise')
  const { host, port, user, password } = mysqlSettings(app)
  const connection = await mysql.createConnection({ host, port, user, password })
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    )
  } finally {
    await connection.end()
  }
}

/** db:wipe, migration:run, db:seed: what tests/helpers/database.ts does before a test run */
export async function resetDatabase(app: ApplicationService) {
  const ace = await app.container.make('ace')
  for (const [command, args] of [
    ['db:wipe', ['--force']],
    ['migration:run', ['--force', '--compact-output', '--no-schema-generate']],
    ['db:seed', ['--compact-output']],
  ] as const) {
    const result = await ace.exec(command, [...args])
    if (result.exitCode) throw result.error ?? new Error(`"${command}" failed`)
  }
}

/** The application's own MySQL connection settings (config/database.ts) */
export function mysqlSettings(app: ApplicationService) {
  const connection = app.config.get<Record<string, any>>('database.connections.mysql.connection')
  return {
    host: String(connection.host),
    port: Number(connection.port),
    user: String(connection.user),
    password: String(connection.password ?? ''),
    database: String(connection.database),
  }
}
