import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import StudioScenario from '#models/studio_scenario'
import { createDraft } from '#services/studio/drafts'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { ScenarioReplayProps, ScenarioSummary } from '#transformers/studio/scenarios'
import { preinscriptionPayload } from '#tests/functional/workflow/support'
import {
  analyst,
  changeTheDraft,
  draftUrl,
  get,
  rowCounts,
  withoutDrafts,
} from '#tests/functional/studio/support'

/**
 * S7 « Enregistrer le scénario » over HTTP: a run of « Simuler » saved under
 * a French name (one per workflow), listed, replayed on the draft as it is
 * now (where it stops when the draft changed), deleted; saving and deleting
 * audited on the draft; replaying writes nothing; the studio only.
 */

const KEY = 'preinscription'
const URL = `${draftUrl(KEY)}/scenarios`
/** What a run must never write (the scenario and its audit row aside) */
const RECORD_TABLES = ['workflow_instances', 'workflow_transitions', 'outbox_messages', 'partners']

async function as(
  client: ApiClient,
  method: 'get' | 'post' | 'delete',
  url: string,
  body?: object,
  user?: User
) {
  const request = client[method](url).loginAs(user ?? (await analyst()))
  return (body ? request.json(body) : request).withCsrfToken()
}

/** The visitor's way to the submitted form, then the caisse's « Valider » */
async function run() {
  const { payload } = await preinscriptionPayload()
  return [
    { event: 'ACCEPT_CONDITIONS', actor: 'visitor', payload: { accepted: true } },
    { event: 'CONFIRM_CONVENTION_CODE', actor: 'visitor', payload: {} },
    { event: 'SUBMIT', actor: 'visitor', payload },
    { event: 'VALIDATE', actor: 'caisse_admin', payload: {} },
  ]
}

async function save(client: ApiClient, name: string, steps?: object[]) {
  return as(client, 'post', URL, {
    name,
    actor: { role: 'caisse_admin' },
    steps: steps ?? (await run()),
  })
}

async function savedScenario(client: ApiClient, name: string) {
  const response = await save(client, name)
  response.assertStatus(201)
  return response.body().scenario as ScenarioSummary
}

async function replayOf(client: ApiClient, scenario: ScenarioSummary) {
  const response = await as(client, 'get', `${URL}/${scenario.id}`)
  response.assertStatus(200)
  return response.body() as ScenarioReplayProps
}

async function assertStatus(request: ReturnType<typeof as>, status: number) {
  const response = await request
  response.assertStatus(status)
}

async function scenarioNames() {
  const rows = await StudioScenario.query().where('workflowKey', KEY).orderBy('name')
  return rows.map((row) => row.name)
}

/** SQLite gives the JSON back as text, MySQL as an object */
const changesOf = (row: { changes: unknown }) =>
  typeof row.changes === 'string' ? row.changes : JSON.stringify(row.changes)

const auditRows = (action: string) =>
  db.from('audit_events').where('subject_type', 'workflow_definition').where('action', action)

test.group('S7 « Simuler »: the saved scenarios of a draft', (group) => {
  group.each.setup(async () => {
    await withoutDrafts()
    await StudioScenario.query().delete()
    await createDraft(KEY, await analyst())
  })

  test('S7 « Enregistrer le scénario »: saved under its name, listed with who saved it, audited on the draft, no record written', async ({
    client,
    assert,
  }) => {
    const before = await rowCounts(RECORD_TABLES)
    const response = await save(client, '  Validation complète  ')
    assert.equal(response.status(), 201, JSON.stringify(response.body()))
    const { scenario, scenarios } = response.body() as {
      scenario: ScenarioSummary
      scenarios: ScenarioSummary[]
    }
    assert.equal(scenario.name, 'Validation complète')
    assert.equal(scenario.steps, '4 étapes')
    assert.equal(scenario.author, 'analyste')
    assert.deepEqual(
      scenarios.map((row) => row.name),
      ['Validation complète']
    )

    const stored = await StudioScenario.findOrFail(scenario.id)
    assert.equal(stored.workflowKey, KEY)
    assert.deepEqual(
      stored.steps.map((step) => [step.event, step.actor]),
      [
        ['ACCEPT_CONDITIONS', 'visitor'],
        ['CONFIRM_CONVENTION_CODE', 'visitor'],
        ['SUBMIT', 'visitor'],
        ['VALIDATE', 'caisse_admin'],
      ]
    )
    const [audit] = await auditRows('save_scenario')
    assert.exists(audit)
    assert.include(changesOf(audit), 'Validation complète (4 étapes)')
    assert.deepEqual(await rowCounts(RECORD_TABLES), before)

    const list = await as(client, 'get', URL)
    list.assertStatus(200)
    assert.deepEqual(
      (list.body().scenarios as ScenarioSummary[]).map((row) => row.name),
      ['Validation complète']
    )

    /** Shown where it was made: the draft page's history */
    const page = await get(client, draftUrl(KEY))
    const history = (page.inertiaProps as DraftPageProps).history
    assert.equal(history[0].action, 'Enregistrement d’un scénario de simulation')
    assert.deepEqual(history[0].changes, [
      {
        field: 'Scénario de simulation',
        before: '(vide)',
        after: 'Validation complète (4 étapes)',
      },
    ])
  })

  test('S7 a name already given in this workflow, no name, no step, a refused step: 422 in French at the field, nothing saved', async ({
    client,
    assert,
  }) => {
    await savedScenario(client, 'Parcours type')
    const { length: audits } = await auditRows('save_scenario')

    const taken = await save(client, 'Parcours type')
    taken.assertStatus(422)
    assert.equal(
      taken.body().errors.name,
      'Un scénario de ce parcours porte déjà ce nom : choisissez-en un autre.'
    )
    const blank = await save(client, '   ')
    blank.assertStatus(422)
    assert.equal(blank.body().errors.name, 'Donnez un nom au scénario.')
    const long = await save(client, 'x'.repeat(101))
    assert.equal(long.body().errors.name, 'Le nom d’un scénario compte au plus 100 caractères.')
    const empty = await save(client, 'Vide', [])
    empty.assertStatus(422)
    assert.equal(
      empty.body().errors.steps,
      'Faites au moins une étape avant d’enregistrer le scénario.'
    )
    const refused = await save(client, 'Refusé', [
      { event: 'VALIDATE', actor: 'caisse_admin', payload: {} },
    ])
    refused.assertStatus(422)
    assert.equal(
      refused.body().errors.steps,
      'L’étape 1 « VALIDATE » est refusée : Cette action n’est pas possible dans cet état.'
    )
    const unknown = await save(client, 'Inconnu', [{ event: 'INCONNU', actor: 'visitor' }])
    unknown.assertStatus(422)
    assert.include(Object.keys(unknown.body().errors), 'steps.0.event')

    assert.deepEqual(await scenarioNames(), ['Parcours type'])
    assert.lengthOf(await auditRows('save_scenario'), audits)
  })

  test('S7 « Rejouer » on the draft as it is: every step passes, the graph’s states, the mails; nothing written', async ({
    client,
    assert,
  }) => {
    const saved = await savedScenario(client, 'Validation')
    const before = await rowCounts([...RECORD_TABLES, 'audit_events', 'studio_scenarios'])

    const response = await as(client, 'get', `${URL}/${saved.id}`)
    assert.equal(response.status(), 200, JSON.stringify(response.body()))
    const replay = response.body() as ScenarioReplayProps
    assert.isNull(replay.failure)
    assert.equal(replay.scenario.name, 'Validation')
    assert.equal(replay.role, 'caisse_admin')
    assert.lengthOf(replay.steps, 4)
    assert.deepEqual(replay.result.visited, [
      'conditions',
      'convention_code',
      'form',
      'submitted',
      'validated',
    ])
    assert.deepEqual(
      replay.result.steps[3].mails.map((mail) => mail.template),
      ['preinscription_validated']
    )
    assert.deepEqual(
      await rowCounts([...RECORD_TABLES, 'audit_events', 'studio_scenarios']),
      before
    )
  })

  test('S7 « Rejouer » after the draft changed: the steps that still pass, and the step that now fails with its French reason', async ({
    client,
    assert,
  }) => {
    const saved = await savedScenario(client, 'Validation')
    /** A new required field on the form: the saved submission lacks it */
    await changeTheDraft(KEY, (body) => {
      body.forms.SUBMIT.fields.push({
        name: 'finess',
        label: 'Numéro FINESS',
        type: 'text',
        required: true,
      })
    })
    const changed = await replayOf(client, saved)
    assert.deepEqual(changed.failure && [changed.failure.index, changed.failure.label], [
      2,
      'Enregistrer',
    ])
    assert.match(changed.failure!.message, /\S/)
    assert.lengthOf(changed.steps, 2)
    assert.equal(changed.role, 'visitor')
    assert.equal(changed.result.current.id, 'form')
    assert.deepEqual(
      changed.result.next.map((event) => event.event),
      ['SUBMIT']
    )

    /** « Valider » gone from the draft: the scenario stops there */
    await changeTheDraft(KEY, (body) => {
      body.forms.SUBMIT.fields.pop()
      const states = body.machine.states as Record<string, { on?: Record<string, unknown> }>
      delete states.submitted.on!.VALIDATE
      delete body.permissions.VALIDATE
    })
    const removed = await replayOf(client, saved)
    assert.equal(removed.failure?.index, 3)
    assert.lengthOf(removed.steps, 3)
    assert.equal(removed.result.current.id, 'submitted')
  })

  test('S7 « Supprimer »: gone from the list, audited on the draft; an unknown scenario or another workflow’s is 404', async ({
    client,
    assert,
  }) => {
    const saved = await savedScenario(client, 'À supprimer')
    const response = await as(client, 'delete', `${URL}/${saved.id}`)
    response.assertStatus(200)
    assert.deepEqual(response.body().scenarios, [])
    assert.isNull(await StudioScenario.find(saved.id))
    const [audit] = await auditRows('delete_scenario')
    assert.include(changesOf(audit), 'À supprimer')

    await assertStatus(as(client, 'delete', `${URL}/${saved.id}`), 404)
    await assertStatus(as(client, 'get', `${URL}/${saved.id}`), 404)
    const other = await StudioScenario.create({
      workflowKey: 'convention',
      name: 'Ailleurs',
      steps: [],
      author: 'analyste',
    })
    await assertStatus(as(client, 'get', `${URL}/${other.id}`), 404)
    await assertStatus(as(client, 'delete', `${URL}/${other.id}`), 404)
    assert.exists(await StudioScenario.find(other.id))
    /** A workflow without a draft has no scenario page */
    await assertStatus(as(client, 'get', `${draftUrl('convention')}/scenarios`), 404)
  })

  test('S7 the scenarios are the studio’s: a caisse administrator is refused (403) and nothing is saved or deleted', async ({
    client,
    assert,
  }) => {
    const saved = await savedScenario(client, 'Gardé')
    const caisse = await User.findByOrFail('login_key', 'caissehdf')
    const steps = await run()
    for (const [method, url, body] of [
      ['get', URL, undefined],
      ['post', URL, { name: 'Pirate', actor: { role: 'visitor' }, steps }],
      ['get', `${URL}/${saved.id}`, undefined],
      ['delete', `${URL}/${saved.id}`, undefined],
    ] as const) {
      const response = await as(client, method, url, body, caisse)
      assert.equal(response.status(), 403, `${method} ${url}`)
    }
    assert.deepEqual(await scenarioNames(), ['Gardé'])
  })
})
