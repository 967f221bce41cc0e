import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { createDraft, draftOf, draftProblems } from '#services/studio/drafts'
import type { StatesEditorProps } from '#transformers/studio/states_editor'

/**
 * S4 the outline of a draft over HTTP: « Ajouter un état », « Ajouter une
 * transition », rename (references follow), remove (refused while
 * something leads to it); bad input gets a French message, a 422 and
 * nothing saved.
 */

type PageProps = { states: StatesEditorProps; errors?: Record<string, string> }

const KEY = 'convention'
const BASE = `/atelier/parcours/${KEY}/brouillon/etats`
const NEW_STATE = 'pieces_complementaires_demandees'

const analyst = () => User.findByOrFail('login_key', 'analyste')

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  payload: Record<string, unknown> = {}
) {
  return client[method](url).json(payload).loginAs(user).withCsrfToken().withInertia().redirects(0)
}

/** What the draft's last audited change changed */
async function lastChangesOf(draftId: number) {
  const [audit] = await db
    .from('audit_events')
    .where('subject_type', 'workflow_definition')
    .where('subject_id', draftId)
    .orderBy('id', 'desc')
    .limit(1)
  return typeof audit.changes === 'string' ? JSON.parse(audit.changes) : audit.changes
}

async function body() {
  const draft = await draftOf(KEY)
  return draft!.body
}

test.group('S4 the outline of states and transitions', (group) => {
  group.each.setup(async () => {
    const draft = await draftOf(KEY)
    if (draft) await draft.delete()
    await createDraft(KEY, await analyst())
  })

  test('S4 scenario 4 in the outline: « Pièces complémentaires demandées » between submission and decision, with its two transitions', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const added = await send(client, user, 'post', BASE, {
      title: 'Pièces complémentaires demandées',
    })
    added.assertStatus(302)
    const asked = await send(client, user, 'post', `${BASE}/pending/transitions`, {
      event: 'DEMANDER_PIECES',
      label: 'Demander des pièces',
      target: NEW_STATE,
    })
    asked.assertStatus(302)
    const answered = await send(client, user, 'post', `${BASE}/${NEW_STATE}/transitions`, {
      event: 'TRANSMETTRE_PIECES',
      label: 'Transmettre les pièces',
      target: 'pending',
    })
    answered.assertStatus(302)

    const current = await body()
    assert.deepEqual(current.machine.states[NEW_STATE].on, {
      TRANSMETTRE_PIECES: { target: 'pending' },
    })
    assert.deepEqual(current.machine.states.pending.on?.DEMANDER_PIECES, { target: NEW_STATE })
    assert.equal(current.screens[NEW_STATE].title, 'Pièces complémentaires demandées')
    assert.equal(current.events?.DEMANDER_PIECES?.label, 'Demander des pièces')

    /** What is left to do is said by the checks: who may send the new events */
    const problems = await draftProblems((await draftOf(KEY))!)
    assert.includeMembers(
      problems.map(({ path }) => path).filter((path) => path.startsWith('permissions')),
      ['permissions.DEMANDER_PIECES', 'permissions.TRANSMETTRE_PIECES']
    )

    const page = await client.get(`/atelier/parcours/${KEY}/brouillon`).loginAs(user).withInertia()
    const outline = (page.inertiaProps as PageProps).states
    const state = outline.states.find(({ id }) => id === NEW_STATE)!
    assert.deepEqual(state.transitions, [
      {
        event: 'TRANSMETTRE_PIECES',
        label: 'Transmettre les pièces',
        tone: 'neutral',
        target: 'pending',
        targetTitle: outline.states.find(({ id }) => id === 'pending')!.title,
        alternative: 0,
        guard: null,
        actions: [],
        formFields: [],
      },
    ])
  })

  test('S4 a renamed state keeps its transitions, its screen and the ones that lead to it; a state still reached cannot be removed', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    await send(client, user, 'post', BASE, { title: 'En attente de pièces', id: 'attente' })
    await send(client, user, 'post', `${BASE}/pending/transitions`, {
      event: 'DEMANDER_PIECES',
      target: 'attente',
    })
    const renamed = await send(client, user, 'put', `${BASE}/attente`, { id: 'attente_pieces' })
    renamed.assertStatus(303)
    let current = await body()
    assert.notProperty(current.machine.states, 'attente')
    assert.property(current.machine.states, 'attente_pieces')
    assert.deepEqual(current.machine.states.pending.on?.DEMANDER_PIECES, {
      target: 'attente_pieces',
    })
    assert.equal(current.screens.attente_pieces.title, 'En attente de pièces')

    const refused = await send(client, user, 'delete', `${BASE}/attente_pieces`)
    refused.assertStatus(422)
    assert.match((refused.inertiaProps as PageProps).errors?.state ?? '', /mènent encore/)
    const initial = await send(client, user, 'delete', `${BASE}/pending`)
    initial.assertStatus(422)
    assert.match((initial.inertiaProps as PageProps).errors?.state ?? '', /état de départ/)

    const untied = await send(client, user, 'delete', `${BASE}/pending/transitions/DEMANDER_PIECES`)
    untied.assertStatus(303)
    const removed = await send(client, user, 'delete', `${BASE}/attente_pieces`)
    removed.assertStatus(303)
    current = await body()
    assert.notProperty(current.machine.states, 'attente_pieces')
    assert.notProperty(current.screens, 'attente_pieces')
    assert.notProperty(current.events ?? {}, 'DEMANDER_PIECES')
  })

  const refusals: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
    ['a state without a title', BASE, { title: ' ' }, 'title', /obligatoire/],
    ['a title that gives no name', BASE, { title: '123 !' }, 'id', /nom technique/],
    ['a name already used', BASE, { title: 'Encore', id: 'pending' }, 'id', /déjà/],
    ['a title sent as a list', BASE, { title: ['a'] }, 'title', /./],
    [
      'an event in small letters',
      `${BASE}/pending/transitions`,
      { event: 'demander', target: 'validated' },
      'event',
      /majuscules/,
    ],
    [
      'an event the state already has',
      `${BASE}/pending/transitions`,
      { event: 'VALIDATE', target: 'validated' },
      'event',
      /déjà une transition/,
    ],
    [
      'a target that does not exist',
      `${BASE}/pending/transitions`,
      { event: 'RELANCER', target: 'nowhere' },
      'target',
      /Choisissez l’état/,
    ],
    [
      'a transition from a final state',
      `${BASE}/validated/transitions`,
      { event: 'ROUVRIR', target: 'pending' },
      'event',
      /final/,
    ],
    [
      'a transition without target',
      `${BASE}/pending/transitions`,
      { event: 'RELANCER' },
      'target',
      /obligatoire/,
    ],
  ]

  for (const [name, url, payload, field, message] of refusals) {
    test(`S4 refuses ${name} (422, nothing saved)`, async ({ client, assert }) => {
      const before = (await draftOf(KEY))!
      const response = await send(client, await analyst(), 'post', url, payload)
      response.assertStatus(422)
      response.assertInertiaComponent('studio/draft')
      assert.match((response.inertiaProps as PageProps).errors?.[field] ?? '', message)
      const after = await WorkflowDefinition.findOrFail(before.id)
      assert.equal(after.checksum, before.checksum)
    })
  }

  test('S4 an unknown state or transition answers 404; renaming to a used name is refused', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const statuses = await Promise.all([
      send(client, user, 'put', `${BASE}/nowhere`, { id: 'ailleurs' }),
      send(client, user, 'delete', `${BASE}/nowhere`),
      send(client, user, 'post', `${BASE}/nowhere/transitions`, { event: 'X', target: 'pending' }),
      send(client, user, 'delete', `${BASE}/pending/transitions/NOPE`),
    ])
    assert.deepEqual(
      statuses.map((response) => response.status()),
      [404, 404, 404, 404]
    )
    const taken = await send(client, user, 'put', `${BASE}/validated`, { id: 'invalidated' })
    taken.assertStatus(422)
    assert.match((taken.inertiaProps as PageProps).errors?.id ?? '', /déjà/)
  })

  test('S4 « Renommer la transition »: the event’s « Libellé » changes on its button and its form, audited; the graph’s panel gets its refusals', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const events = `/atelier/parcours/${KEY}/brouillon/evenements`
    const renamed = await send(client, user, 'put', `${events}/INVALIDATE`, {
      label: 'Refuser la convention',
      where: 'graph',
    })
    renamed.assertStatus(303)
    const after = await body()
    assert.equal(after.events?.INVALIDATE?.label, 'Refuser la convention')
    assert.equal(after.forms.INVALIDATE.submitLabel, 'Refuser la convention')
    assert.deepEqual(
      after.screens.pending.buttons?.map(({ event, label }) => [event, label]),
      [
        ['VALIDATE', 'Valider'],
        ['INVALIDATE', 'Refuser la convention'],
      ]
    )
    const draft = (await draftOf(KEY))!
    const changes = await lastChangesOf(draft.id)
    assert.deepEqual(Object.keys(changes).sort(), [
      'events.INVALIDATE.label',
      'forms.INVALIDATE.submitLabel',
      'screens.pending.buttons.1.label',
    ])
    assert.deepEqual(changes['screens.pending.buttons.1.label'], {
      before: 'Invalider',
      after: 'Refuser la convention',
    })

    /** The outline shows the new label; a blank one is refused where it was typed */
    const page = await client.get(`/atelier/parcours/${KEY}/brouillon`).loginAs(user).withInertia()
    const pending = (page.inertiaProps as PageProps).states.states.find(
      ({ id }) => id === 'pending'
    )!
    assert.include(
      pending.transitions.map(({ label }) => label),
      'Refuser la convention'
    )
    const blank = await send(client, user, 'put', `${events}/INVALIDATE`, {
      label: '  ',
      where: 'graph',
    })
    blank.assertStatus(422)
    const refused = blank.inertiaProps as PageProps
    assert.match(refused.errors?.label ?? '', /obligatoire/)
    assert.containSubset(refused.states.typed, {
      form: 'label',
      where: 'graph',
      event: 'INVALIDATE',
    })
    assert.equal((await draftOf(KEY))!.checksum, draft.checksum)

    const unknown = await send(client, user, 'put', `${events}/NOPE`, { label: 'Rien' })
    unknown.assertStatus(404)
  })

  test('S4 « Apparence du bouton » of a transition: saved in events.<E>.tone (neutral written as none), audited, shown in the outline; a bad one refused at its field', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const events = `/atelier/parcours/${KEY}/brouillon/evenements`
    const published = await body()
    assert.equal(published.events?.VALIDATE?.tone, 'accept', 'as the published version')

    const neutral = await send(client, user, 'put', `${events}/VALIDATE`, {
      label: 'Valider',
      tone: 'neutral',
    })
    neutral.assertStatus(303)
    const withoutTone = await body()
    assert.notProperty(withoutTone.events?.VALIDATE ?? {}, 'tone')
    const draft = (await draftOf(KEY))!
    const changes = await lastChangesOf(draft.id)
    /** The label, shown from the screen's button until now, is the event's own from here on */
    assert.deepEqual(changes, {
      'events.VALIDATE.label': { before: null, after: 'Valider' },
      'events.VALIDATE.tone': { before: 'accept', after: 'neutral' },
    })

    const red = await send(client, user, 'put', `${events}/VALIDATE`, {
      label: 'Valider',
      tone: 'refuse',
    })
    red.assertStatus(303)
    const withTone = await body()
    assert.equal(withTone.events?.VALIDATE?.tone, 'refuse')
    const page = await client.get(`/atelier/parcours/${KEY}/brouillon`).loginAs(user).withInertia()
    const props = page.inertiaProps as PageProps
    const validate = props.states.states
      .find(({ id }) => id === 'pending')!
      .transitions.find(({ event }) => event === 'VALIDATE')!
    assert.equal(validate.tone, 'refuse')
    assert.deepEqual(
      props.states.tones.map(({ label }) => label),
      ['Accepter (vert)', 'Refuser (rouge)', 'Neutre']
    )

    const checksum = (await draftOf(KEY))!.checksum
    for (const tone of ['green', ['accept'], { value: 'accept' }, 3]) {
      const bad = await send(client, user, 'put', `${events}/VALIDATE`, { label: 'Valider', tone })
      bad.assertStatus(422)
      const refused = bad.inertiaProps as PageProps
      assert.equal(
        refused.errors?.tone,
        'Choisissez « Neutre », « Accepter » ou « Refuser ».',
        JSON.stringify(tone)
      )
      assert.containSubset(refused.states.typed, { form: 'label', event: 'VALIDATE' })
    }
    assert.equal((await draftOf(KEY))!.checksum, checksum, 'nothing saved')
  })
})
