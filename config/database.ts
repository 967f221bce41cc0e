import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'

/**
 * Two engines, one code path: SQLite (embedded default, a file under tmp/)
 * and MySQL/MariaDB (production). DB_CONNECTION picks one. Models declare
 * their columns explicitly, so Lucid's schema generation stays off on both
 * (see docs/decisions/0002-explicit-model-columns.md).
 */
const migrations = { naturalSort: true, paths: ['database/migrations'] }
const seeders = { paths: ['database/seeders'] }
const schemaGeneration = { enabled: false }

const sqliteFile = app.makePath(env.get('SQLITE_FILE', `tmp/ppas-${env.get('NODE_ENV')}.sqlite3`))
/** SQLite creates the file, not its folder (tmp/ is absent from a fresh clone) */
mkdirSync(dirname(sqliteFile), { recursive: true })

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile,
      },
      useNullAsDefault: true,
      migrations,
      seeders,
      schemaGeneration,
      pool: {
        /**
         * WAL lets readers proceed while a writer commits; foreign keys are
         * off by default in SQLite.
         */
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          connection.pragma('journal_mode = WAL')
          connection.pragma('foreign_keys = ON')
          connection.pragma('busy_timeout = 5000')
          done(null, connection)
        },
      },
    },
    mysql: {
      client: 'mysql2',
      connection: {
        host: env.get('MYSQL_HOST', '127.0.0.1'),
        port: env.get('MYSQL_PORT', 3306),
        user: env.get('MYSQL_USER', 'root'),
        password: env.get('MYSQL_PASSWORD', ''),
        database: env.get('MYSQL_DATABASE', 'ppas'),
        charset: 'utf8mb4',
        /** Store and read every DATETIME as UTC, whatever the server's zone */
        timezone: 'Z',
        dateStrings: false,
      },
      pool: { min: 0, max: 20 },
      migrations,
      seeders,
      schemaGeneration,
    },
  },
})

export default dbConfig
