/*
|--------------------------------------------------------------------------
| A database per spec file
|--------------------------------------------------------------------------
|
| Used by the file runner (bin/test_files.ts), outside any AdonisJS app:
| migrates and seeds one template database, then hands each spec file a
| copy of it and drops the copy once the file is done
| (docs/decisions/0011-test-isolation.md). Copying is cheaper than
| migrating and seeding again: a file copy on SQLite, a clone of every
| table on MySQL/MariaDB.
|
*/
import { spawn } from 'node:child_process'
import { copyFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import mysql from 'mysql2/promise'

/** The environment variables that say where a test process's database is */
export type DatabaseEnv = Record<string, string>

export interface DatabaseCopies {
  /** Migrates and seeds the template */
  prepareTemplate(): Promise<void>
  /** A fresh copy of the template for the file numbered `index`, and where it is */
  copy(index: number): Promise<DatabaseEnv>
  /** Deletes the copy of `index` */
  drop(index: number): Promise<void>
  /** Deletes the template */
  close(): Promise<void>
  /** What the run uses, for its header */
  describe(): string
}

export type DatabaseSettings = {
  connection: 'sqlite' | 'mysql'
  mysql: { host: string; port: number; user: string; password: string; database: string }
}

/** `node ace migration:fresh --seed` on the database `env` names, as the suites expect it */
async function migrateAndSeed(root: string, env: DatabaseEnv) {
  const output: Buffer[] = []
  const child = spawn(process.execPath, ['ace.js', 'migration:fresh', '--force', '--seed'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) {
    throw new Error(`Migrating the template failed:\n${Buffer.concat(output).toString()}`)
  }
}

const SQLITE_SUFFIXES = ['', '-wal', '-shm']

/** SQLite: the template is a file under tmp/, each copy another file beside it */
class SqliteCopies implements DatabaseCopies {
  readonly #root: string
  readonly #prefix: string

  constructor(root: string) {
    this.#root = root
    /** The runner's pid keeps two runs on one machine apart */
    this.#prefix = `tmp/ppas-test-${process.pid}`
  }

  get #template() {
    return `${this.#prefix}-template.sqlite3`
  }

  #file(index: number) {
    return `${this.#prefix}-${index}.sqlite3`
  }

  async prepareTemplate() {
    await migrateAndSeed(this.#root, { SQLITE_FILE: this.#template })
  }

  /** With its WAL file, if the migrating process left one behind */
  async copy(index: number) {
    for (const suffix of SQLITE_SUFFIXES) {
      try {
        await copyFile(
          join(this.#root, this.#template + suffix),
          join(this.#root, this.#file(index) + suffix)
        )
      } catch (error) {
        if (suffix === '' || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return { SQLITE_FILE: this.#file(index) }
  }

  async drop(index: number) {
    await this.#remove(this.#file(index))
  }

  async close() {
    await this.#remove(this.#template)
  }

  describe() {
    return `SQLite, copies of ${this.#template}`
  }

  async #remove(file: string) {
    for (const suffix of SQLITE_SUFFIXES) {
      await rm(join(this.#root, file + suffix), { force: true })
    }
  }
}

const quote = (identifier: string) => `\`${identifier.replaceAll('`', '``')}\``

/**
 * MySQL/MariaDB: the template is the database <MYSQL_DATABASE>_template,
 * each copy <MYSQL_DATABASE>_<n>. A table is cloned from its own
 * `SHOW CREATE TABLE` (CREATE TABLE … LIKE would lose the foreign keys the
 * cascades rely on) and filled with INSERT … SELECT, foreign key checks off
 * so the tables can come in any order.
 */
class MysqlCopies implements DatabaseCopies {
  readonly #root: string
  readonly #settings: DatabaseSettings['mysql']
  #pool: mysql.Pool | null = null

  constructor(root: string, settings: DatabaseSettings['mysql']) {
    this.#root = root
    this.#settings = settings
  }

  get #template() {
    return `${this.#settings.database}_template`
  }

  #database(index: number) {
    return `${this.#settings.database}_${index}`
  }

  get #connections() {
    this.#pool ??= mysql.createPool({
      host: this.#settings.host,
      port: this.#settings.port,
      user: this.#settings.user,
      password: this.#settings.password,
      connectionLimit: 4,
    })
    return this.#pool
  }

  async prepareTemplate() {
    await this.#recreate(this.#template)
    await migrateAndSeed(this.#root, { MYSQL_DATABASE: this.#template })
  }

  async copy(index: number) {
    const target = this.#database(index)
    await this.#recreate(target)
    const connection = await this.#connections.getConnection()
    try {
      await connection.query('SET SESSION FOREIGN_KEY_CHECKS = 0')
      const [tables] = await connection.query<mysql.RowDataPacket[]>(
        `SHOW FULL TABLES FROM ${quote(this.#template)} WHERE Table_type = 'BASE TABLE'`
      )
      await connection.query(`USE ${quote(target)}`)
      for (const row of tables) {
        const table = String(Object.values(row)[0])
        const [[created]] = await connection.query<mysql.RowDataPacket[]>(
          `SHOW CREATE TABLE ${quote(this.#template)}.${quote(table)}`
        )
        await connection.query(String(created['Create Table']))
        /** Generated columns (workflow_instances.context_siret) are computed, never copied */
        const [columns] = await connection.query<mysql.RowDataPacket[]>(
          `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
           WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%'
           ORDER BY ORDINAL_POSITION`,
          [this.#template, table]
        )
        const list = columns.map((column) => quote(String(column.name))).join(', ')
        await connection.query(
          `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM ${quote(this.#template)}.${quote(table)}`
        )
      }
    } finally {
      await connection.query('SET SESSION FOREIGN_KEY_CHECKS = 1')
      connection.release()
    }
    return { MYSQL_DATABASE: target }
  }

  async drop(index: number) {
    await this.#connections.query(`DROP DATABASE IF EXISTS ${quote(this.#database(index))}`)
  }

  async close() {
    await this.#connections.query(`DROP DATABASE IF EXISTS ${quote(this.#template)}`)
    await this.#pool?.end()
    this.#pool = null
  }

  describe() {
    return `MySQL/MariaDB, copies of ${this.#template} named ${this.#settings.database}_<n>`
  }

  /** Left over by an interrupted run, or new */
  async #recreate(database: string) {
    await this.#connections.query(`DROP DATABASE IF EXISTS ${quote(database)}`)
    await this.#connections.query(
      `CREATE DATABASE ${quote(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    )
  }
}

export function databaseCopies(root: string, settings: DatabaseSettings): DatabaseCopies {
  return settings.connection === 'mysql'
    ? new MysqlCopies(root, settings.mysql)
    : new SqliteCopies(root)
}
