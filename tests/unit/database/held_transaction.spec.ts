import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { retriedTransaction, savepoint } from '#database/transactions'
import { heldTransaction } from '#database/held_transaction'

/**
 * The application's write transactions (retriedTransaction) are held on
 * one connection of the pool without knex's transactor (decision 0040):
 * what a transaction must do, checked on the real database of the run.
 */

/** A TIMESTAMP column on MySQL: before 2038 */
const EXPIRES = '2037-01-01 00:00:00'

function sessionRow(id: string) {
  return { id, data: '{}', expires_at: EXPIRES }
}

async function stored(id: string) {
  return (await db.from('sessions').where('id', id).first()) !== null
}

function connectionsInUse() {
  return (db.connection().getWriteClient().client as any).pool.numUsed() as number
}

test.group('Held transactions', () => {
  test('commits what the callback wrote, and rolls all of it back when it throws', async ({
    assert,
  }) => {
    await retriedTransaction((trx) => trx.table('sessions').insert(sessionRow('held-kept')))
    await assert.rejects(
      () =>
        retriedTransaction(async (trx) => {
          await trx.table('sessions').insert(sessionRow('held-lost'))
          throw new Error('refused after the write')
        }),
      'refused after the write'
    )
    assert.isTrue(await stored('held-kept'))
    assert.isFalse(await stored('held-lost'))
    assert.equal(connectionsInUse(), 0)
  })

  test('a savepoint rolled back keeps the enclosing writes, one committed keeps its own', async ({
    assert,
  }) => {
    await retriedTransaction(async (trx) => {
      await trx.table('sessions').insert(sessionRow('held-outer'))
      await assert.rejects(() =>
        savepoint(trx, async (inner) => {
          await inner.table('sessions').insert(sessionRow('held-inner-lost'))
          throw new Error('inner refusal')
        })
      )
      await savepoint(trx, (inner) => inner.table('sessions').insert(sessionRow('held-inner-kept')))
    })
    assert.isTrue(await stored('held-outer'))
    assert.isTrue(await stored('held-inner-kept'))
    assert.isFalse(await stored('held-inner-lost'))
  })

  test('savepoints inside savepoints: each ends its own, the enclosing one still open', async ({
    assert,
  }) => {
    await retriedTransaction((trx) =>
      savepoint(trx, async (outer) => {
        await outer.table('sessions').insert(sessionRow('held-level-1'))
        /** Released first: a savepoint of the same name as the enclosing one would end both */
        await savepoint(outer, (inner) =>
          inner.table('sessions').insert(sessionRow('held-level-2'))
        )
        await assert.rejects(() =>
          savepoint(outer, async (inner) => {
            await inner.table('sessions').insert(sessionRow('held-level-2-lost'))
            throw new Error('inner refusal')
          })
        )
      })
    )
    assert.isTrue(await stored('held-level-1'))
    assert.isTrue(await stored('held-level-2'))
    assert.isFalse(await stored('held-level-2-lost'))
  })

  test('a statement sent after the end is refused and runs nowhere', async ({ assert }) => {
    const trx = await heldTransaction()
    await trx.commit()
    await assert.rejects(async () => {
      await trx.table('sessions').insert(sessionRow('held-late'))
    }, /already complete/)
    assert.isTrue(trx.isCompleted)
    assert.isFalse(await stored('held-late'))
    await trx.rollback()
    assert.equal(connectionsInUse(), 0)
  })

  test('raw queries, query builders and after-commit hooks work in it', async ({ assert }) => {
    const ran: string[] = []
    await retriedTransaction(async (trx) => {
      trx.after('commit', () => {
        ran.push('after commit')
      })
      const [rows] = await trx.rawQuery('select 1 + 1 as two').then((result: any) => {
        return Array.isArray(result) && Array.isArray(result[0]) ? result : [result]
      })
      ran.push(`two=${rows[0].two}`)
      await trx.table('sessions').insert(sessionRow('held-hooked'))
      assert.isEmpty(ran.filter((entry) => entry === 'after commit'))
    })
    assert.deepEqual(ran, ['two=2', 'after commit'])
  })

  test('more transactions in a row than the pool has connections: each gives its own back', async ({
    assert,
  }) => {
    for (let index = 0; index < 40; index++) {
      await retriedTransaction((trx) => trx.from('sessions').where('id', 'none').first())
    }
    assert.equal(connectionsInUse(), 0)
  })
})
