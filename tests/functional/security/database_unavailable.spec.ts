import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'
import { closedPort, connectionError, hungUpError } from '#tests/helpers/unreachable_database'

/**
 * A database that did not answer (a Galera node killed under the request:
 * tests/galera/cluster.spec.ts sees it on a real cluster) or a deadlock no
 * retry took care of: the exception handler answers 503 with Retry-After,
 * in French, never a 500 (docs/decisions/0031-galera-certification-conflicts.md)
 */
async function render(error: unknown) {
  const ctx = await testUtils.createHttpContext()
  ctx.request.request.headers.accept = 'application/json'
  await new HttpExceptionHandler().handle(error, ctx)
  return {
    status: ctx.response.getStatus(),
    retryAfter: ctx.response.getHeader('Retry-After'),
    body: JSON.stringify(ctx.response.getBody()),
  }
}

test.group('Hardening the database gone under a request', () => {
  test('a refused connection, a connection dropped, a deadlock left over: 503, Retry-After 5', async ({
    assert,
  }) => {
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    })
    const errors = [await connectionError(await closedPort()), await hungUpError(), deadlock]
    for (const error of errors) {
      const response = await render(error)
      assert.equal(response.status, 503, String((error as Error).message))
      assert.equal(response.retryAfter, '5')
      assert.include(response.body, 'The database did not answer')
    }
  })

  test('any other error stays a 500', async ({ assert }) => {
    const response = await render(new Error('a bug'))
    assert.equal(response.status, 500)
    assert.isUndefined(response.retryAfter)
  })
})
