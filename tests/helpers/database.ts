import app from '@adonisjs/core/services/app'

/**
 * Drops every table, migrates and seeds: each test run starts from a clean
 * schema on whichever engine DB_CONNECTION names.
 */
export async function resetDatabase() {
  const ace = await app.container.make('ace')
  for (const [command, args] of [
    ['db:wipe', ['--force']],
    ['migration:run', ['--force', '--compact-output', '--no-schema-generate']],
    ['db:seed', ['--compact-output']],
  ] as const) {
    const result = await ace.exec(command, [...args])
    if (result.exitCode) {
      throw result.error ?? new Error(`"${command}" failed`)
    }
  }
}

/**
 * The file runner (bin/test_files.ts) hands each process a copy of a
 * database it already migrated and seeded, and says so with
 * TEST_DATABASE_PREPARED; `node ace test` alone resets its database.
 */
export async function prepareDatabase() {
  if (process.env.TEST_DATABASE_PREPARED === '1') return
  await resetDatabase()
}
