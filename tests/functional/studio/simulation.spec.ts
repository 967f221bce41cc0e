import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { createDraft, draftOf } from '#services/studio/drafts'
import type { SimulationResult } from '#workflow/simulator'
import type { SimulationAnswer } from '#services/studio/simulation'
import { analyst, draftUrl, rowCounts } from '#tests/functional/studio/support'
import { preinscriptionPayload } from '#tests/functional/workflow/support'

/**
 * S7 « Simuler » over HTTP: the draft of « preinscription » replayed on the
 * server with XState's pure transition(), step by step, as the panel asks
 * it each time: the states, the actions that would run, the mails that
 * would go, the French refusals; nothing is written anywhere.
 */

const KEY = 'preinscription'
const URL = `${draftUrl(KEY)}/simulation`
const TABLES = [
  'workflow_instances',
  'workflow_transitions',
  'outbox_messages',
  'audit_events',
  'partners',
  'users',
  'captcha_challenges',
]

async function simulate(client: ApiClient, body: unknown) {
  return client
    .post(URL)
    .json(body as object)
    .loginAs(await analyst())
    .withCsrfToken()
}

const counts = () => rowCounts(TABLES)

async function journey() {
  const { payload } = await preinscriptionPayload()
  return [
    { event: 'ACCEPT_CONDITIONS', payload: { accepted: true } },
    { event: 'CONFIRM_CONVENTION_CODE', payload: {} },
    { event: 'SUBMIT', payload },
  ]
}

test.group('S7 « Simuler » the draft of a workflow', (group) => {
  group.each.setup(async () => {
    const draft = await draftOf(KEY)
    if (draft) await draft.delete()
    await createDraft(KEY, await analyst())
  })

  test('S7 a visitor goes from the conditions to the submitted form, a caisse administrator validates: states and mails listed, nothing written', async ({
    client,
    assert,
  }) => {
    const before = await counts()
    const steps = await journey()

    const asVisitor = await simulate(client, { actor: { role: 'visitor' }, steps })
    asVisitor.assertStatus(200)
    const visitor = asVisitor.body() as SimulationResult
    assert.equal(visitor.initial.title, 'Conditions générales')
    assert.deepEqual(
      visitor.steps.map((step) => [step.from.id, step.to?.id, step.refusal]),
      [
        ['conditions', 'convention_code', null],
        ['convention_code', 'form', null],
        ['form', 'submitted', null],
      ]
    )
    assert.equal(visitor.steps[1].label, 'OK')
    assert.equal(visitor.steps[1].to?.title, 'Formulaire de préinscription')
    const submit = visitor.steps[2]
    assert.deepEqual(
      submit.actions.map((action) => action.type),
      ['setRoutingKeys', 'notifyCaisseAdministrators', 'sendMail']
    )
    assert.isTrue(submit.actions.every((action) => action.description.length > 0))
    assert.deepEqual(
      submit.mails.map((mail) => mail.template),
      ['preinscription_to_caisse', 'preinscription_received']
    )
    const received = submit.mails.find((mail) => mail.template === 'preinscription_received')!
    assert.equal(received.to, 'alex7@example.fr')
    assert.notInclude(received.subject + received.text, '{{')
    /** A visitor may not decide: nothing to send once the form is in */
    assert.deepEqual(visitor.next, [])

    /** The caisse administrator cannot accept the conditions on the visitor's behalf */
    const asCaisse = await simulate(client, { actor: { role: 'caisse_admin' }, steps })
    asCaisse.assertStatus(200)
    const caisse = asCaisse.body() as SimulationResult
    assert.equal(
      caisse.steps[0].refusal?.message,
      'Un administrateur caisse ne peut pas envoyer cette action.'
    )
    assert.lengthOf(caisse.steps, 1)

    assert.deepEqual(await counts(), before)
  })

  test('S7 the caisse administrator’s « Valider » after the visitor’s steps: the mail of the validation', async ({
    client,
    assert,
  }) => {
    const before = await counts()
    const steps = await journey()
    const response = await simulate(client, {
      actor: { role: 'caisse_admin' },
      /** Who sent each step: the visitor's first, then « Valider » by whoever acts now */
      steps: [...steps, { event: 'VALIDATE', payload: {} }].map((step, index) => ({
        ...step,
        ...(index < 3 ? { actor: 'visitor' } : {}),
      })),
    })
    response.assertStatus(200)
    const result = response.body() as SimulationResult
    assert.deepEqual(result.visited, [
      'conditions',
      'convention_code',
      'form',
      'submitted',
      'validated',
    ])
    const last = result.steps[3]
    assert.equal(last.label, 'Valider')
    assert.equal(last.to?.id, 'validated')
    assert.isTrue(last.to?.final)
    assert.deepEqual(
      last.actions.map((action) => action.type),
      ['recordDecision', 'createPartnerFromPreinscription', 'sendMail']
    )
    assert.deepEqual(
      last.mails.map((mail) => [mail.template, mail.to]),
      [['preinscription_validated', 'alex7@example.fr']]
    )
    assert.deepEqual(result.next, [])
    assert.deepEqual(await counts(), before)
  })

  test('S7 a form refused in the simulation gives the French message next to each field', async ({
    client,
    assert,
  }) => {
    const steps = await journey()
    steps[2].payload = { ...steps[2].payload, adminEmail: 'pas-un-email', postalCode: '' }
    const response = await simulate(client, { actor: { role: 'visitor' }, steps })
    assert.equal(response.status(), 200, JSON.stringify(response.body()))
    const result = response.body() as SimulationResult
    const refused = result.steps[2]
    assert.isNull(refused.to)
    assert.deepEqual(refused.mails, [])
    assert.property(refused.refusal!.fieldErrors, 'adminEmail')
    assert.property(refused.refusal!.fieldErrors, 'postalCode')
    assert.match(refused.refusal!.fieldErrors.postalCode, /CP/)
    assert.equal(result.current.id, 'form')
    assert.deepEqual(
      result.next.map((event) => event.event),
      ['SUBMIT']
    )
    assert.include(
      result.next[0].fields.map((field) => field.name),
      'adminLogin'
    )
  })

  test('S7 the simulated form offers the real form’s lists: a select with its reference choices, a dependent list by parent, a box to tick', async ({
    client,
    assert,
  }) => {
    const { payload, caisseId } = await preinscriptionPayload()
    const start = await simulate(client, { actor: { role: 'visitor' }, steps: [] })
    const atConditions = start.body() as SimulationAnswer
    assert.deepInclude(atConditions.next[0].fields[0], { name: 'accepted', type: 'checkbox' })

    const response = await simulate(client, {
      actor: { role: 'visitor' },
      steps: [
        { event: 'ACCEPT_CONDITIONS', payload: { accepted: true } },
        { event: 'CONFIRM_CONVENTION_CODE', payload: {} },
      ],
    })
    response.assertStatus(200)
    const fields = (response.body() as SimulationAnswer).next[0].fields
    const regime = fields.find((field) => field.name === 'regime')!
    const caisse = fields.find((field) => field.name === 'caisse')!
    const regimes = await db.from('regimes').where('active', true).select('id', 'name')
    assert.sameDeepMembers(
      regime.options!,
      regimes.map((row) => ({ value: String(row.id), label: String(row.name) }))
    )
    assert.equal(caisse.dependsOn, 'regime')
    assert.include(
      caisse.optionsByParent![payload.regime].map((option) => option.value),
      String(caisseId)
    )
  })

  test('S7 an actor who may not send the event is refused in French; the state does not move', async ({
    client,
    assert,
  }) => {
    const response = await simulate(client, {
      actor: { role: 'partner_admin' },
      steps: [{ event: 'ACCEPT_CONDITIONS', payload: { accepted: true } }],
    })
    response.assertStatus(200)
    const result = response.body() as SimulationResult
    assert.equal(
      result.steps[0].refusal?.message,
      'Un administrateur partenaire ne peut pas envoyer cette action.'
    )
    assert.equal(result.current.id, 'conditions')
    assert.deepEqual(result.next, [])

    const notHere = await simulate(client, {
      actor: { role: 'caisse_admin' },
      steps: [{ event: 'VALIDATE' }],
    })
    assert.equal(
      (notHere.body() as SimulationResult).steps[0].refusal?.message,
      'Cette action n’est pas possible dans cet état.'
    )
  })

  test('S7 bad input answers 422 in French, never 500', async ({ client, assert }) => {
    const cases: Array<[unknown, string]> = [
      [{ actor: { role: 'visitor' }, steps: 'ACCEPT_CONDITIONS' }, 'steps'],
      [{ actor: { role: 'pirate' }, steps: [] }, 'actor.role'],
      [{ actor: { role: 'visitor' }, steps: [{ event: 'INCONNU' }] }, 'steps.0.event'],
      [
        {
          actor: { role: 'visitor' },
          steps: Array.from({ length: 200 }, () => ({ event: 'ACCEPT_CONDITIONS' })),
        },
        'steps',
      ],
      [
        {
          actor: { role: 'visitor' },
          steps: [{ event: 'ACCEPT_CONDITIONS', payload: { accepted: { deep: { er: [1] } } } }],
        },
        'steps.0.payload.accepted',
      ],
      [
        { actor: { role: 'visitor' }, steps: [{ event: 'ACCEPT_CONDITIONS', payload: [1] }] },
        'steps.0.payload',
      ],
    ]
    for (const [body, field] of cases) {
      const response = await simulate(client, body)
      response.assertStatus(422)
      const errors = response.body().errors as Record<string, string>
      assert.include(Object.keys(errors), field, JSON.stringify(body).slice(0, 80))
    }
    const limit = await simulate(client, cases[3][0])
    assert.equal(limit.body().errors.steps, 'Une simulation compte au plus 100 étapes.')
  })
})
