import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { initialTransition, transition } from 'xstate'
import registry from '#workflow/registry'
import { buildMachine } from '#workflow/machine_builder'
import type { WorkflowDefinitionBody } from '#workflow/types'

const fixture = async (name: string): Promise<WorkflowDefinitionBody> =>
  JSON.parse(await readFile(app.makePath('tests/fixtures/workflows', `${name}.json`), 'utf8'))

const routing = { subjectType: null, subjectId: null, caisseId: null, partnerId: null }
const visitor = { id: null, role: 'visitor' as const, partnerId: null, caisseIds: [] }

/** The event as the engine hands it to XState: validated, secrets removed */
function submit(payload: Record<string, unknown>) {
  return { type: 'SUBMIT', payload, actor: visitor, routing }
}

test.group('S5 a form value goes into the record by default', () => {
  test('S5 an accepted form fills the record under its fields’ names, an empty one is null, a secret never', async ({
    assert,
  }) => {
    const body = await fixture('valid-onboarding')
    const machine = buildMachine(body, registry)
    const [start] = initialTransition(machine, {})
    /** The engine removes secret fields before XState sees the event; a stray one is not copied */
    const [next] = transition(
      machine,
      start,
      submit({ partnerName: 'Ciel Bleu', caisse: 3, password: 'Secret2026', extra: 'x' })
    )
    assert.equal(next.value, 'submitted')
    assert.equal(next.context.partnerName, 'Ciel Bleu')
    assert.equal(next.context.caisse, 3)
    assert.isNull(next.context.siret, 'an optional field left empty is null')
    assert.notProperty(next.context, 'password')
    assert.notProperty(next.context, 'extra', 'only the form’s fields')
    assert.isNull(next.context.decision, 'the initial context is kept')
  })

  test('S5 the transition’s own actions run after, and see the form’s values', async ({
    assert,
  }) => {
    const body = await fixture('valid-onboarding')
    body.machine.states.form.on!.SUBMIT = {
      target: 'submitted',
      actions: [
        { type: 'assignToContext', params: { copy: { displayName: 'context.partnerName' } } },
        { type: 'setContext', params: { values: { siret: 'fixé' } } },
      ],
    }
    const machine = buildMachine(body, registry)
    const [next] = transition(
      machine,
      initialTransition(machine, {})[0],
      submit({ partnerName: 'Ciel Bleu' })
    )
    assert.equal(next.context.displayName, 'Ciel Bleu')
    assert.equal(next.context.siret, 'fixé', 'a later action overrides the default')
  })

  test('S5 a transition given as its target alone, or among guarded ones, stores the form too', async ({
    assert,
  }) => {
    const body = await fixture('valid-onboarding')
    body.machine.states.form.on!.SUBMIT = [
      {
        target: 'validated',
        guard: { type: 'payloadEquals', params: { field: 'city', value: 'Lens' } },
      },
      'submitted',
    ]
    const machine = buildMachine(body, registry)
    const [guarded] = transition(
      machine,
      initialTransition(machine, {})[0],
      submit({ city: 'Lens' })
    )
    assert.equal(guarded.value, 'validated')
    assert.equal(guarded.context.city, 'Lens')
    const [plain] = transition(
      machine,
      initialTransition(machine, {})[0],
      submit({ city: 'Arras' })
    )
    assert.equal(plain.value, 'submitted')
    assert.equal(plain.context.city, 'Arras')
  })
})
