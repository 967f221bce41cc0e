import { test } from '@japa/runner'
import { MachineQueries } from '#workflow/machine_queries'
import type { WorkflowDefinitionBody } from '#workflow/types'

/** A machine with a nested state, a parallel region and a handler on the root */
const body: WorkflowDefinitionBody = {
  key: 'queries',
  title: 'Requêtes',
  startPermissions: [{ role: 'visitor', scope: 'any' }],
  machine: {
    id: 'queries',
    initial: 'draft',
    on: { CANCEL: '.cancelled' },
    states: {
      draft: { on: { SUBMIT: 'review' } },
      review: {
        initial: 'reading',
        on: { INVALIDATE: 'refused' },
        states: {
          reading: { on: { VALIDATE: '#queries.accepted', ASK: 'waiting' } },
          waiting: { on: { ANSWER: 'reading' } },
        },
      },
      checks: {
        type: 'parallel',
        states: {
          left: { initial: 'open', states: { open: { on: { VALIDATE: '#queries.accepted' } } } },
          right: { initial: 'open', states: { open: {} } },
        },
      },
      accepted: { type: 'final' },
      refused: { type: 'final' },
      cancelled: { type: 'final' },
    },
  },
  forms: { ASK: { title: 'Question', submitLabel: 'Poser la question', fields: [] } },
  permissions: {
    SUBMIT: [{ role: 'visitor', scope: 'any' }],
    VALIDATE: [{ role: 'caisse_admin', scope: 'instance_caisse' }],
    INVALIDATE: [
      { role: 'caisse_admin', scope: 'instance_caisse' },
      { role: 'caisse_admin', scope: 'self' },
    ],
    ASK: [{ role: 'caisse_admin', scope: 'self' }],
    ANSWER: [{ role: 'visitor', scope: 'any' }],
    CANCEL: [{ role: 'system', scope: 'any' }],
  },
  screens: {
    draft: { page: 'workflow/step', title: 'Brouillon' },
    review: {
      page: 'workflow/status',
      title: 'En cours d’examen',
      buttons: [{ event: 'VALIDATE', label: 'Valider' }],
    },
    accepted: { page: 'workflow/status', title: 'Accepté' },
  },
  notifications: {},
}

const CAISSE = { role: 'caisse_admin', scope: 'instance_caisse' }

test.group('W1 machine queries', () => {
  test('the active leaves of a state value, nested and parallel', ({ assert }) => {
    const queries = MachineQueries.ofBody(body)
    assert.deepEqual(queries.activeStates('draft'), ['draft'])
    assert.deepEqual(queries.activeStates({ review: 'waiting' }), ['review.waiting'])
    assert.deepEqual(queries.activeStates({ checks: { left: 'open', right: 'open' } }), [
      'checks.left.open',
      'checks.right.open',
    ])
    assert.deepEqual(queries.storedStates('{"review":"reading"}'), ['review.reading'])
    assert.deepEqual(queries.storedStates('nowhere'), [])
    assert.equal(queries.initialState(), 'draft')
    assert.deepEqual(queries.topLevelStates(), [
      'draft',
      'review',
      'checks',
      'accepted',
      'refused',
      'cancelled',
    ])
  })

  test('the events a state accepts: its own and its ancestors’, in the definition’s order', ({
    assert,
  }) => {
    const queries = MachineQueries.ofBody(body)
    assert.deepEqual(queries.acceptedEvents({ review: 'reading' }), [
      'CANCEL',
      'INVALIDATE',
      'VALIDATE',
      'ASK',
    ])
    assert.deepEqual(queries.acceptedEvents(queries.valueOf('draft')), ['CANCEL', 'SUBMIT'])
    assert.isFalse(queries.accepts({ review: 'waiting' }, 'VALIDATE'))
    assert.isTrue(queries.offers('review', 'VALIDATE'), 'a child of the state handles it')
    assert.isFalse(queries.offers('draft', 'VALIDATE'))
    assert.deepEqual(
      [...queries.events],
      ['CANCEL', 'SUBMIT', 'INVALIDATE', 'VALIDATE', 'ASK', 'ANSWER']
    )
  })

  test('the states awaiting a role and scope: leaves, never final, never in a parallel region', ({
    assert,
  }) => {
    const { events, states } = MachineQueries.ofBody(body).statesAwaiting(CAISSE)
    assert.deepEqual(events, ['VALIDATE', 'INVALIDATE'])
    assert.deepEqual(states, [
      { id: 'review.reading', stored: '{"review":"reading"}' },
      { id: 'review.waiting', stored: '{"review":"waiting"}' },
    ])
  })

  test('screens and labels: a state without a screen shows its nearest ancestor’s', ({
    assert,
  }) => {
    const queries = MachineQueries.ofBody(body)
    assert.equal(queries.screenOf('review.waiting')?.title, 'En cours d’examen')
    assert.isUndefined(queries.screenOf('refused'))
    assert.equal(queries.stateLabel('refused'), 'refused')
    assert.equal(queries.storedStateLabel('{"review":"reading"}'), 'En cours d’examen')
    assert.equal(queries.eventLabel('VALIDATE', 'review.reading'), 'Valider')
    assert.equal(queries.eventLabel('ASK', 'review.reading'), 'Poser la question')
    assert.equal(queries.eventLabel('ANSWER', null), 'ANSWER')
  })
})

test.group('S10 machine queries: where a migrated record may be put', () => {
  test('S10 the resting states: leaves in the definition’s order, never final, never in a parallel region', ({
    assert,
  }) => {
    const queries = MachineQueries.ofBody(body)
    assert.deepEqual(queries.restingStates(), ['draft', 'review.reading', 'review.waiting'])
  })
})

test.group('Hardening #6 machine queries: states only one role may leave', () => {
  test('a state whose every accepted event is the role’s alone; a root handler of another role counts', ({
    assert,
  }) => {
    assert.deepEqual(MachineQueries.ofBody(body).statesOnlyFor('visitor'), [])
    const queries = MachineQueries.ofBody({ ...body, machine: { ...body.machine, on: {} } })
    assert.deepEqual(queries.statesOnlyFor('visitor'), [{ id: 'draft', stored: 'draft' }])
    /** Parallel regions are left out: their leaves are not a state on their own */
    assert.deepEqual(queries.statesOnlyFor('caisse_admin'), [
      { id: 'review.reading', stored: '{"review":"reading"}' },
    ])
    /** Final states accept nothing: nobody has to act there */
    assert.deepEqual(queries.statesOnlyFor('system'), [])
  })
})
