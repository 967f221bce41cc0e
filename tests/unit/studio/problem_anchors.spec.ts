import { test } from '@japa/runner'
import { validateDefinition } from '#workflow/static_validator'
import { problemAnchor, problemAnchors, problemMarks } from '#transformers/studio/problem_anchors'
import { STUDIO_BROKEN, workflowFixture } from '#tests/helpers/studio_broken_fixtures'

/**
 * S4 the graph element each problem of the checks is about, from its JSON
 * path: on every broken studio fixture, then on the paths no fixture has
 * (nested states, an event sent from two states, a mail sent on entry).
 */
test.group('S4 where the graph marks a problem', () => {
  test('{feature} {$i} the problem of {kind} is on its state or transition')
    .with(STUDIO_BROKEN)
    .run(async ({ assert }, { name, anchors }) => {
      const body = await workflowFixture(`broken/${name}`)
      const problems = await validateDefinition(body)
      assert.deepEqual(
        problems.map(({ path }) => problemAnchor(path, body)),
        anchors
      )
    })

  test('S4 nested states are dotted ids, their transitions too', async ({ assert }) => {
    const body = await workflowFixture('valid-studio-draft')
    body.machine.states.pieces = {
      initial: 'attente',
      states: { attente: { on: { RELANCER: 'attente' } } },
      on: { COMPLETER: 'pending' },
    }
    body.screens['pieces.attente'] = { page: 'workflow/status', title: 'En attente des pièces' }
    assert.deepEqual(problemAnchor('machine.states.pieces.states.attente', body), {
      kind: 'state',
      state: 'pieces.attente',
    })
    assert.deepEqual(
      problemAnchor('machine.states.pieces.states.attente.on.RELANCER.target', body),
      { kind: 'transition', state: 'pieces.attente', event: 'RELANCER' }
    )
    assert.deepEqual(problemAnchor('machine.states.pieces.initial', body), {
      kind: 'state',
      state: 'pieces',
    })
    assert.deepEqual(problemAnchor('screens.pieces.attente.page', body), {
      kind: 'state',
      state: 'pieces.attente',
    })
    assert.deepEqual(problemAnchors('events.RELANCER.label', body), [
      { kind: 'transition', state: 'pieces.attente', event: 'RELANCER' },
    ])
    /** What is the machine's own, or no part of it, is the workflow's */
    for (const path of ['machine.initial', 'machine', 'startPermissions[0].role', 'title', '']) {
      assert.deepEqual(problemAnchor(path, body), { kind: 'workflow' }, path)
    }
  })

  test('S6 an event sent from two states, a mail sent on entry: on each of them', async ({
    assert,
  }) => {
    const body = await workflowFixture('valid-studio-draft')
    body.machine.states.pieces.on!.VALIDATE = 'validated'
    body.machine.states.pieces.entry = [
      { type: 'sendMail', params: { template: 'decided', to: 'context.email' } },
    ]
    assert.deepEqual(problemAnchors('permissions.VALIDATE[0].role', body), [
      { kind: 'transition', state: 'pending', event: 'VALIDATE' },
      { kind: 'transition', state: 'pieces', event: 'VALIDATE' },
    ])
    assert.deepEqual(problemAnchors('notifications.decided.subject', body), [
      { kind: 'transition', state: 'pending', event: 'VALIDATE' },
      { kind: 'state', state: 'pieces' },
    ])
    /** A template no action sends, a form of an event no state sends: the workflow's */
    assert.deepEqual(problemAnchors('notifications.nobody.text', body), [{ kind: 'workflow' }])
    assert.deepEqual(problemAnchors('forms.APPEL.fields[0].type', body), [{ kind: 'workflow' }])

    const problem = { path: 'permissions.VALIDATE[0].role', message: 'Rôle inconnu.' }
    const state = { path: 'machine.states.pieces.entry[0].type', message: 'Action inconnue.' }
    assert.deepEqual(problemMarks([problem, state], body), {
      states: [{ state: 'pieces', problems: [state] }],
      transitions: [
        { state: 'pending', event: 'VALIDATE', problems: [problem] },
        { state: 'pieces', event: 'VALIDATE', problems: [problem] },
      ],
    })
  })

  test('S4 an imported draft of any shape gets anchors, never an exception', async ({ assert }) => {
    const body = await workflowFixture('valid-studio-draft')
    const machine = body.machine as any
    machine.states.broken = null
    machine.states.pieces.on = { COMPLETER: [null, 'pending', 3] }
    machine.states.pending.on.DEMANDER_PIECES.actions = [null, { type: 'sendMail', params: 'x' }]
    assert.deepEqual(problemAnchors('notifications.pieces_demandees.text', body), [
      { kind: 'workflow' },
    ])
    assert.deepEqual(problemAnchors('events.COMPLETER', body), [
      { kind: 'transition', state: 'pieces', event: 'COMPLETER' },
    ])
  })
})
