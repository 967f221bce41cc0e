import { test } from '@japa/runner'
import { isDatabaseUnavailable, isDeadlock, isUniqueViolation } from '#database/errors'
import { closedPort, connectionError, hungUpError } from '#tests/helpers/unreachable_database'

/**
 * What the exception handler answers 503 for (app/exceptions/handler.ts):
 * the errors mysql2 really gives when the server is not there or drops the
 * connection, made here with real sockets (a port nobody listens on, a
 * server that accepts then hangs up), beside refusals that are no outage.
 */

test.group('Hardening a database that does not answer is a 503, never a 500', () => {
  test('no server on the port: unavailable', async ({ assert }) => {
    const error = await connectionError(await closedPort())
    assert.equal((error as { code?: string }).code, 'ECONNREFUSED')
    assert.isTrue(isDatabaseUnavailable(error))
  })

  test('a server that hangs up as a node killed mid-handshake does: unavailable', async ({
    assert,
  }) => {
    const error = await hungUpError()
    assert.isTrue(isDatabaseUnavailable(error), error.message)
  })

  test('refusals of a server that answered are not an outage', ({ assert }) => {
    const duplicate = Object.assign(new Error("Duplicate entry 'x'"), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
    })
    const deadlock = Object.assign(new Error('Deadlock found'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    })
    const syntax = Object.assign(new Error('You have an error in your SQL syntax'), {
      code: 'ER_PARSE_ERROR',
      errno: 1064,
    })
    assert.isTrue(isUniqueViolation(duplicate))
    assert.isTrue(isDeadlock(deadlock))
    for (const refusal of [duplicate, deadlock, syntax, new Error('boom'), null, undefined]) {
      assert.isFalse(isDatabaseUnavailable(refusal), String(refusal))
    }
  })
})
