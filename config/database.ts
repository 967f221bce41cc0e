import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { ClusterHosts, parseHosts } from '#database/cluster_hosts'

/**
 * Two engines, one code path: SQLite (embedded default, a file under tmp/)
 * and MySQL/MariaDB (production). DB_CONNECTION picks one. Models declare
 * their columns explicitly, so Lucid's schema generation stays off on both
 * (see docs/decisions/0002-explicit-model-columns.md).
 */
const migrations = { naturalSort: true, paths: ['database/migrations'] }
const seeders = { paths: ['database/seeders'] }
const schemaGeneration = { enabled: false }

/**
 * MYSQL_HOSTS (a Galera cluster's nodes, "host:port,host:port") replaces
 * MYSQL_HOST/MYSQL_PORT: new connections go to the first node that answers,
 * and a node that dies is left for the next (database/cluster_hosts.ts).
 * Unset, the single server is configured exactly as before.
 */
const mysqlHosts = env.get('MYSQL_HOSTS')
const cluster = mysqlHosts ? new ClusterHosts(parseHosts(mysqlHosts)) : null

function waitForCausalReads(
  connection: { query: (sql: string, done: (error: Error | null) => void) => void },
  done: (error: Error | null, connection: unknown) => void
) {
  connection.query('SET SESSION wsrep_sync_wait = 1', (error) => done(error, connection))
}

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
        host: cluster?.current.host ?? env.get('MYSQL_HOST', '127.0.0.1'),
        port: cluster?.current.port ?? env.get('MYSQL_PORT', 3306),
        ...(cluster ? { stream: cluster.openSocket } : {}),
        user: env.get('MYSQL_USER', 'root'),
        password: env.get('MYSQL_PASSWORD', ''),
        database: env.get('MYSQL_DATABASE', 'ppas'),
        charset: 'utf8mb4',
        /** Store and read every DATETIME as UTC, whatever the server's zone */
        timezone: 'Z',
        dateStrings: false,
      },
      pool: {
        min: 0,
        max: 20,
        /**
         * On a cluster, a read waits until this node has applied what the
         * cluster committed before it (wsrep_sync_wait = 1): a page served by
         * one node shows what a request to another node just wrote.
         */
        ...(cluster ? { afterCreate: waitForCausalReads } : {}),
      },
      migrations,
      seeders,
      schemaGeneration,
    },
  },
})

export default dbConfig
