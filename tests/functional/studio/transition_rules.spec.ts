import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { createDraft, draftOf } from '#services/studio/drafts'
import type { StatesEditorProps } from '#transformers/studio/states_editor'
import type { HistoryEntry } from '#transformers/audit/history'
import { analyst, changeTheDraft, send } from '#tests/functional/studio/support'

/**
 * S4 a transition's guard and actions in the outline, over HTTP: picked
 * from the registry's catalogue, their params checked with each entry's
 * own VineJS schema (a refusal is a 422 with the message next to the
 * param, nothing written), each change one audit row naming the JSON path
 * it changed.
 */

type PageProps = { states: StatesEditorProps; errors?: Record<string, string> }

const KEY = 'convention'
const BASE = `/atelier/parcours/${KEY}/brouillon/etats`
const VALIDATE = `${BASE}/pending/transitions/VALIDATE/0`
const INVALIDATE = `${BASE}/pending/transitions/INVALIDATE/0`

async function draft() {
  return (await draftOf(KEY))!
}

/** The transitions of « pending », as the draft holds them */
async function pendingOn() {
  const current = await draft()
  return current.body.machine.states.pending.on!
}

/** The actions of one transition of « pending », as the draft holds them */
async function actionsOf(event: string) {
  const on = await pendingOn()
  return (on[event] as { actions: unknown[] }).actions
}

/** The transitions of « pending » for an event, as the outline shows them */
async function shownTransitions(client: ApiClient, event: string) {
  const states = await outline(client)
  return states.states
    .find(({ id }) => id === 'pending')!
    .transitions.filter((transition) => transition.event === event)
}

/** The audit rows of the draft, the last first */
async function auditRows() {
  const current = await draft()
  const rows = await db
    .from('audit_events')
    .where('subject_type', 'workflow_definition')
    .where('subject_id', current.id)
    .orderBy('id', 'desc')
  return rows.map((row) => ({
    action: row.action as string,
    actorId: Number(row.actor_id),
    changes: (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as Record<
      string,
      { before: string | null; after: string | null }
    >,
  }))
}

async function outline(client: ApiClient) {
  const page = await client
    .get(`/atelier/parcours/${KEY}/brouillon`)
    .loginAs(await analyst())
    .withInertia()
  page.assertStatus(200)
  return (page.inertiaProps as PageProps).states
}

test.group('S4 the guards and actions of a transition', (group) => {
  group.each.setup(async () => {
    const existing = await draftOf(KEY)
    if (existing) await existing.delete()
    await createDraft(KEY, await analyst())
  })

  test('S4 the outline offers the registry’s catalogue and shows each transition’s actions in French', async ({
    client,
    assert,
  }) => {
    const states = await outline(client)
    const sendMail = states.catalogue.actions.find(({ name }) => name === 'sendMail')!
    assert.deepEqual(
      sendMail.fields.map(({ name, kind, required }) => [name, kind, required]),
      [
        ['template', 'template', true],
        ['to', 'valuePath', true],
      ]
    )
    assert.include(
      states.catalogue.guards.map(({ name }) => name),
      'contextEquals'
    )
    assert.deepEqual(states.templates, ['convention_invalidated'])
    const invalidate = states.states
      .find(({ id }) => id === 'pending')!
      .transitions.find(({ event }) => event === 'INVALIDATE')!
    assert.deepEqual(invalidate.formFields, ['reason'])
    assert.deepEqual(
      invalidate.actions.map(({ type }) => type),
      ['recordDecision', 'setConventionState', 'notifyPartnerAdministrators']
    )
    const decision = invalidate.actions[0]
    assert.match(decision.description ?? '', /Enregistre la décision/)
    assert.deepEqual(decision.params, [
      { name: 'outcome', label: 'Résultat de la décision', value: 'invalidated' },
      { name: 'reasonField', label: 'Champ du motif', value: 'reason' },
    ])
    assert.isNull(invalidate.guard)
  })

  test('S4 « Choisir une condition » with its params saves the guard, writes the audit row and shows it; « Retirer la condition » removes it', async ({
    client,
    assert,
  }) => {
    const response = await send(client, 'put', `${VALIDATE}/condition`, {
      type: 'contextEquals',
      params: { key: 'decision', value: 'null' },
    })
    response.assertStatus(303)
    response.assertHeader('location', `/atelier/parcours/${KEY}/brouillon`)
    const { VALIDATE: validate } = await pendingOn()
    assert.deepEqual((validate as { guard?: unknown }).guard, {
      type: 'contextEquals',
      params: { key: 'decision', value: null },
    })
    const [row] = await auditRows()
    assert.equal(row.action, 'update_draft')
    const user = await analyst()
    assert.equal(row.actorId, user.id)
    assert.deepEqual(row.changes, {
      'machine.states.pending.on.VALIDATE.guard': {
        before: null,
        after: JSON.stringify({ type: 'contextEquals', params: { key: 'decision', value: null } }),
      },
    })
    /** « Historique des modifications » says where the change was made */
    const page = await client
      .get(`/atelier/parcours/${KEY}/brouillon`)
      .loginAs(await analyst())
      .withInertia()
    const [latest] = (page.inertiaProps as { history: HistoryEntry[] }).history
    assert.equal(latest.changes[0].field, 'État pending › transition VALIDATE › condition')
    const [validated] = await shownTransitions(client, 'VALIDATE')
    const shown = validated.guard!
    assert.equal(shown.type, 'contextEquals')
    assert.match(shown.description ?? '', /Vrai si une clé du contexte/)
    assert.deepEqual(shown.values, { key: 'decision', value: 'null' })

    const removed = await send(client, 'delete', `${VALIDATE}/condition`)
    removed.assertStatus(303)
    const { VALIDATE: unguarded } = await pendingOn()
    assert.notProperty(unguarded, 'guard')
    const [removal] = await auditRows()
    assert.deepEqual(Object.keys(removal.changes), ['machine.states.pending.on.VALIDATE.guard'])
    assert.isNull(removal.changes['machine.states.pending.on.VALIDATE.guard'].after)
  })

  const refusals: Array<[string, string, Record<string, unknown>, Record<string, RegExp>]> = [
    [
      'a guard whose required param is empty and whose JSON does not parse',
      `${VALIDATE}/condition`,
      { type: 'contextEquals', params: { key: '', value: '{pas du json' } },
      { 'params.key': /« Clé des données du dossier » est obligatoire/, 'params.value': /JSON/ },
    ],
    [
      'an action whose number is out of its schema’s bounds and whose path has no root',
      `${INVALIDATE}/actions`,
      {
        type: 'sendPersonalLink',
        params: { template: 'convention_invalidated', to: 'partnerEmail', days: '0' },
      },
      {
        'params.days': /« Validité du lien \(jours\) » doit être au moins 1/,
        'params.to': /« Destinataire » n’a pas le bon format/,
      },
    ],
    [
      'a mail template the draft does not have',
      `${INVALIDATE}/actions`,
      { type: 'sendMail', params: { template: 'inconnu', to: 'context.partnerEmail' } },
      { 'params.template': /modèle de mail de ce brouillon/ },
    ],
    [
      'an action the registry does not have',
      `${INVALIDATE}/actions`,
      { type: 'launchRocket', params: {} },
      { type: /Choisissez une action de la liste/ },
    ],
    [
      'a guard without a name',
      `${VALIDATE}/condition`,
      { type: '' },
      { type: /Choisissez dans la liste/ },
    ],
    [
      'a value of an enum that is not in it',
      `${VALIDATE}/actions/1`,
      { type: 'setConventionState', params: { state: 'perdue' } },
      { 'params.state': /l’une de ces valeurs/ },
    ],
  ]

  for (const [name, url, payload, messages] of refusals) {
    test(`S4 refuses ${name}: 422, the message next to the param, the draft unchanged`, async ({
      client,
      assert,
    }) => {
      const before = await draft()
      const { length: audits } = await auditRows()
      const response = await send(client, url.endsWith('/actions') ? 'post' : 'put', url, payload)
      response.assertStatus(422)
      response.assertInertiaComponent('studio/draft')
      const props = response.inertiaProps as PageProps
      for (const [field, message] of Object.entries(messages)) {
        assert.match(props.errors?.[field] ?? '', message, field)
      }
      /** What was typed comes back in the form it was typed in */
      const typed = props.states.typed
      assert.oneOf(typed?.form, ['guard', 'action'])
      assert.equal(
        typed?.form === 'guard' || typed?.form === 'action' ? typed.values.type : null,
        payload.type
      )
      const after = await WorkflowDefinition.findOrFail(before.id)
      assert.equal(after.checksum, before.checksum)
      assert.lengthOf(await auditRows(), audits)
    })
  }

  test('S4 « Ajouter une action » then « Retirer »: the transition’s actions, each change audited under …actions', async ({
    client,
    assert,
  }) => {
    const mail = {
      type: 'sendMail',
      params: { template: 'convention_invalidated', to: 'context.partnerEmail' },
    }
    const added = await send(client, 'post', `${INVALIDATE}/actions`, {
      ...mail,
      params: { ...mail.params, ignored: 'x' },
    })
    added.assertStatus(302)
    let actions = await actionsOf('INVALIDATE')
    assert.lengthOf(actions, 4)
    assert.deepEqual(actions[3], mail)
    const [addition] = await auditRows()
    const path = 'machine.states.pending.on.INVALIDATE.actions'
    assert.deepEqual(Object.keys(addition.changes), [path])
    assert.lengthOf(JSON.parse(addition.changes[path].before!), 3)
    assert.deepEqual(JSON.parse(addition.changes[path].after!)[3], mail)

    const [invalidated] = await shownTransitions(client, 'INVALIDATE')
    const shown = invalidated.actions[3]
    assert.equal(shown.type, 'sendMail')
    assert.deepEqual(shown.params, [
      { name: 'template', label: 'Modèle de mail', value: 'convention_invalidated' },
      { name: 'to', label: 'Destinataire', value: 'context.partnerEmail' },
    ])

    const changed = await send(client, 'put', `${INVALIDATE}/actions/3`, {
      type: 'sendPersonalLink',
      params: { template: 'convention_invalidated', to: 'context.partnerEmail', days: '10' },
    })
    changed.assertStatus(303)
    actions = await actionsOf('INVALIDATE')
    assert.deepEqual(actions[3], {
      type: 'sendPersonalLink',
      params: { template: 'convention_invalidated', to: 'context.partnerEmail', days: 10 },
    })

    const removed = await send(client, 'delete', `${INVALIDATE}/actions/3`)
    removed.assertStatus(303)
    actions = await actionsOf('INVALIDATE')
    assert.deepEqual(
      actions.map((action) => (action as { type: string }).type),
      ['recordDecision', 'setConventionState', 'notifyPartnerAdministrators']
    )
    const [removal] = await auditRows()
    assert.lengthOf(JSON.parse(removal.changes[path].after!), 3)
  })

  test('S4 an unticked required checkbox is « non », a ticked optional one « oui », an optional number left empty is left out', async ({
    client,
    assert,
  }) => {
    const status = await send(client, 'post', `${VALIDATE}/actions`, {
      type: 'setAdministratorStatus',
    })
    status.assertStatus(302)
    const password = await send(client, 'post', `${VALIDATE}/actions`, {
      type: 'issueTemporaryPassword',
      params: { template: 'convention_invalidated', validityDays: '', keepCurrentPassword: 'on' },
    })
    password.assertStatus(302)
    const actions = await actionsOf('VALIDATE')
    assert.deepEqual(actions.slice(-2), [
      { type: 'setAdministratorStatus', params: { isAdmin: false } },
      {
        type: 'issueTemporaryPassword',
        params: { template: 'convention_invalidated', keepCurrentPassword: true },
      },
    ])
  })

  test('S4 a transition written as its target alone, or one of several, is edited in object form', async ({
    client,
    assert,
  }) => {
    await changeTheDraft(KEY, (body) => {
      body.machine.states.pending.on!.RELANCER = 'pending'
      body.machine.states.pending.on!.VALIDATE = [
        {
          target: 'validated',
          guard: { type: 'contextEquals', params: { key: 'ok', value: true } },
        },
        'invalidated',
      ]
    })
    const single = await send(client, 'post', `${BASE}/pending/transitions/RELANCER/0/actions`, {
      type: 'setContext',
      params: { values: '{"relance": true}' },
    })
    single.assertStatus(302)
    const guarded = await send(client, 'put', `${BASE}/pending/transitions/VALIDATE/1/condition`, {
      type: 'actorIsNotSubject',
    })
    guarded.assertStatus(303)
    const on = await pendingOn()
    assert.deepEqual(on.RELANCER, {
      target: 'pending',
      actions: [{ type: 'setContext', params: { values: { relance: true } } }],
    })
    assert.deepEqual(on.VALIDATE, [
      { target: 'validated', guard: { type: 'contextEquals', params: { key: 'ok', value: true } } },
      { target: 'invalidated', guard: { type: 'actorIsNotSubject' } },
    ])
    const [row] = await auditRows()
    assert.deepEqual(Object.keys(row.changes), ['machine.states.pending.on.VALIDATE[1].guard'])

    const second = await shownTransitions(client, 'VALIDATE')
    assert.deepEqual(
      second.map(({ alternative, guard }) => [alternative, guard?.type]),
      [
        [0, 'contextEquals'],
        [1, 'actorIsNotSubject'],
      ]
    )
  })

  test('S4 a transition, an action or a guard that does not exist answers 404, nothing written', async ({
    client,
    assert,
  }) => {
    const before = await draft()
    const statuses = await Promise.all([
      send(client, 'put', `${BASE}/pending/transitions/VALIDATE/5/condition`, {
        type: 'actorIsNotSubject',
      }),
      send(client, 'post', `${BASE}/nowhere/transitions/VALIDATE/0/actions`, {
        type: 'setConventionState',
        params: { state: 'validated' },
      }),
      send(client, 'delete', `${VALIDATE}/actions/9`),
      send(client, 'delete', `${VALIDATE}/condition`),
      send(client, 'put', `${VALIDATE}/actions/9`, {
        type: 'setConventionState',
        params: { state: 'validated' },
      }),
    ])
    assert.deepEqual(
      statuses.map((response) => response.status()),
      [404, 404, 404, 404, 404]
    )
    const after = await WorkflowDefinition.findOrFail(before.id)
    assert.equal(after.checksum, before.checksum)
  })
})
