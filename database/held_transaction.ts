import db from '@adonisjs/lucid/services/db'
import { QueryClient } from '@adonisjs/lucid/database'
import type { ConnectionContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Knex } from 'knex'

/**
 * A transaction held on one connection of the pool: BEGIN, the callers'
 * statements, COMMIT, sent as they are, and wrapped in Lucid's own
 * TransactionClient, so models, query builders, raw queries, savepoints and
 * after-commit hooks work as in a db.transaction().
 *
 * Why not db.transaction(): knex builds a whole knex instance for every
 * transaction (makeTransactor: a closure per query method, property
 * definitions, an event emitter, four listeners added then removed), a
 * tenth of the engine's CPU per decision. Here a transaction costs one
 * object over the pool's connection and its client.
 * docs/decisions/0040-held-transactions.md
 *
 * What knex's transaction did that this one does too: queries after the
 * end are refused (never sent on a connection back in the pool); nested
 * transactions are savepoints. What it does otherwise (0031): a COMMIT the
 * server refuses (a Galera certification failure) rejects commit(), where
 * knex's resolved and reported it only on its executionPromise; a RELEASE
 * SAVEPOINT the server refuses because it rolled the whole transaction
 * back is a deadlock, where knex took it for an implicit commit.
 */

type Connection = unknown

class HeldConnection {
  private completed = false
  private savepoints = 0
  /** knex's client, bound to this connection: what the query builders run their statements with */
  readonly client: Knex.Client

  private constructor(
    private readonly pool: Knex.Client,
    private readonly connection: Connection,
    private readonly parent?: HeldConnection,
    private readonly savepoint?: string
  ) {
    const held = this
    const client: Knex.Client & { transacting: boolean } = Object.create(pool)
    /** As knex's own transaction client: builders know they are in a transaction */
    client.transacting = true
    client.acquireConnection = () => Promise.resolve(connection)
    client.releaseConnection = () => Promise.resolve()
    client.query = function (this: Knex.Client, on: Connection, query: unknown) {
      if (held.isCompleted() || on !== connection) {
        return Promise.reject(new Error('Transaction query already complete'))
      }
      return pool.query.call(this, on, query)
    }
    this.client = client
  }

  /** BEGIN on a connection of the pool; the connection goes back to the pool if BEGIN fails */
  static async begin(pool: Knex.Client) {
    const connection = await pool.acquireConnection()
    try {
      await pool.query(connection, 'BEGIN;')
    } catch (error) {
      await pool.releaseConnection(connection)
      throw error
    }
    return new HeldConnection(pool, connection)
  }

  private root(): HeldConnection {
    return this.parent ? this.parent.root() : this
  }

  isCompleted(): boolean {
    return this.completed || (this.parent?.isCompleted() ?? false)
  }

  queryBuilder() {
    return this.client.queryBuilder()
  }

  select(...columns: any[]) {
    return this.client.queryBuilder().select(...columns)
  }

  raw(sql: string, bindings?: Knex.RawBinding[] | Knex.ValueDict) {
    return bindings === undefined ? this.client.raw(sql) : this.client.raw(sql, bindings)
  }

  /**
   * A nested transaction: a savepoint of this one (Lucid's trx.transaction()),
   * numbered across the whole transaction: a savepoint named as an open one
   * would replace it
   */
  async transaction() {
    const name = `held_${++this.root().savepoints}`
    await this.send(`SAVEPOINT ${name}`)
    return new HeldConnection(this.pool, this.connection, this, name)
  }

  commit() {
    return this.end(this.savepoint ? `RELEASE SAVEPOINT ${this.savepoint}` : 'COMMIT;')
  }

  /** Nothing to undo once ended: Lucid rolls back after a failed commit */
  async rollback() {
    if (this.isCompleted()) return
    await this.end(this.savepoint ? `ROLLBACK TO SAVEPOINT ${this.savepoint}` : 'ROLLBACK;')
  }

  private send(sql: string) {
    return this.client.query(this.connection, sql)
  }

  /** The last statement; the connection is back in the pool after it, whatever its outcome */
  private async end(sql: string) {
    if (this.isCompleted()) throw new Error('Transaction query already complete')
    try {
      await this.send(sql)
    } catch (error) {
      /**
       * A savepoint the server no longer knows (1305): the enclosing
       * transaction was rolled back under it, by a deadlock or, on a Galera
       * cluster, by a replicated write set — a deadlock, which its owner retries (0031)
       */
      if (this.savepoint && (error as { errno?: number }).errno === 1305) {
        throw Object.assign(new Error('The server rolled the transaction back', { cause: error }), {
          code: 'ER_LOCK_DEADLOCK',
          errno: 1213,
        })
      }
      throw error
    } finally {
      this.completed = true
      if (!this.parent) await this.pool.releaseConnection(this.connection)
    }
  }
}

/**
 * Lucid's QueryClient asks its write client for a knex transaction and wraps
 * what it gets in a TransactionClient: here it gets a held connection.
 */
class HeldTransactionClient extends QueryClient {
  constructor(
    readonly held: ConnectionContract,
    emitter: QueryClient['emitter']
  ) {
    super('dual', held, emitter)
  }

  getWriteClient() {
    const pool: Knex.Client = this.held.client!.client
    return { transaction: () => HeldConnection.begin(pool) } as unknown as Knex
  }
}

/** Is `client` a held transaction (or one of its savepoints)? Its savepoints report a lost transaction themselves */
export function isHeld(client: TransactionClientContract) {
  return (client as { knexClient?: unknown }).knexClient instanceof HeldConnection
}

let starter: HeldTransactionClient | undefined

/** A transaction on the default connection; the caller commits or rolls it back */
export function heldTransaction(): Promise<TransactionClientContract> {
  const name = db.primaryConnectionName
  db.manager.connect(name)
  const connection = db.getRawConnection(name)!.connection!
  /** Built again when the connection was closed and opened again (a new pool) */
  if (starter?.held !== connection) {
    starter = new HeldTransactionClient(connection, (db.connection(name) as QueryClient).emitter)
  }
  return starter.transaction()
}
