import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowForbiddenError,
  WorkflowNotFoundError,
  WorkflowValidationError,
} from '#workflow/errors'

/** What the application's exception handler makes of each refusal of the engine */
async function render(error: Error, accept = 'application/json') {
  const ctx = await testUtils.createHttpContext()
  ctx.request.request.headers.accept = accept
  await new HttpExceptionHandler().handle(error, ctx)
  return { status: ctx.response.getStatus(), body: ctx.response.getBody() }
}

test.group('W2 engine refusals over HTTP', () => {
  test('W2 refusals become 403, 404, 409 and 422 with their French message, never a 500', async ({
    assert,
  }) => {
    const cases: Array<[Error, number]> = [
      [new WorkflowForbiddenError(), 403],
      [new WorkflowNotFoundError(), 404],
      [new WorkflowConflictError('stale'), 409],
      [new WorkflowEventRejectedError(), 422],
    ]
    for (const [error, status] of cases) {
      const response = await render(error)
      assert.equal(response.status, status, error.constructor.name)
      assert.include(JSON.stringify(response.body), error.message)
      assert.isAbove(error.message.length, 10)
    }
  })

  test('R4 a form error is rendered like a VineJS validation error, per field', async ({
    assert,
  }) => {
    const response = await render(
      new WorkflowValidationError({ reason: 'Le champ « Motif » est obligatoire.' })
    )
    assert.equal(response.status, 422)
    assert.deepEqual(response.body, {
      errors: [
        { field: 'reason', message: 'Le champ « Motif » est obligatoire.', rule: 'workflow_form' },
      ],
    })
  })
})
