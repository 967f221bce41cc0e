import { test } from '@japa/runner'
import { createDraft } from '#services/studio/drafts'
import { COMPARISON_MESSAGES } from '#services/studio/comparison'
import type { ComparisonPageProps } from '#transformers/studio/comparison'
import type { ReferenceJson, TransitionJson } from '#workflow/types'
import { analyst, changeTheDraft, get, withoutDrafts } from './support.js'
import { KEY, secondVersion } from './comparison_support.js'

/**
 * S8 « Atelier » › « Parcours » › « Comparer »: two versions of a
 * workflow, their differences in French grouped by what they concern,
 * and the JSON side by side; bad input gets a French message next to the
 * select (422) or the « Page introuvable » page, never a server error.
 */

type PageProps = ComparisonPageProps & { errors?: Record<string, string> }

const URL = `/atelier/parcours/${KEY}/comparer`

async function page(client: Parameters<typeof get>[0], query = '') {
  const response = await get(client, `${URL}${query}`)
  return { response, props: response.inertiaProps as PageProps }
}

/** Each item as « group | title | kind » */
function listed(props: PageProps) {
  return props.comparison!.groups.flatMap(({ title, items }) =>
    items.map((item) => `${title} | ${item.title} | ${item.kindLabel}`)
  )
}

test.group('S8 « Comparer » two versions', (group) => {
  group.each.setup(async () => {
    await withoutDrafts()
    await secondVersion()
  })

  test('S8 by default the previous version and the published one: the new state, its two transitions, the field and the permission, in French, and nothing else', async ({
    client,
    assert,
  }) => {
    const { response, props } = await page(client)
    response.assertStatus(200)
    response.assertInertiaComponent('studio/comparison')
    assert.deepEqual(props.selected, { from: 1, to: 2 })
    assert.deepEqual(
      props.versions.map(({ label }) => label),
      ['Version 2 (publiée)', 'Version 1 (retirée)']
    )
    assert.deepEqual(listed(props), [
      'États | État pieces_demandees | ajouté',
      'Transitions | De pending, l’événement REQUEST_DOCUMENTS vers pieces_demandees | ajoutée',
      'Transitions | De pieces_demandees, l’événement SEND_DOCUMENTS vers pending | ajoutée',
      'Champs | Formulaire de l’événement INVALIDATE › champ « Personne à contacter » (contact) | ajouté',
      'Permissions (« Qui peut l’envoyer ») | Qui peut envoyer l’événement VALIDATE (« Valider ») | modifié',
    ])
    assert.equal(props.comparison!.count, 5)

    const items = props.comparison!.groups.flatMap(({ items: list }) => list)
    const [state, request, , field, permission] = items
    assert.containsSubset(state, {
      before: null,
      after: '« Pièces complémentaires demandées » ; page workflow/status',
    })
    assert.containsSubset(request, {
      before: null,
      after:
        'vers pieces_demandees ; libellé « Demander des pièces » ; qui peut l’envoyer : administrateur caisse (les dossiers de sa caisse) ; aucune action',
    })
    assert.containsSubset(field, { after: 'Personne à contacter (Texte court, facultatif)' })
    assert.containsSubset(permission, {
      before: 'administrateur caisse (les dossiers de sa caisse)',
      after:
        'administrateur caisse (les dossiers de sa caisse), administrateur de la plateforme (tous les dossiers)',
    })
  })

  test('S8 marked on the graph: the new state and its two transitions added, VALIDATE and INVALIDATE changed (a rule, a field); the other way round they are drawn removed', async ({
    client,
    assert,
  }) => {
    const { props } = await page(client, '?de=1&a=2')
    const { states, changes } = props.comparison!.graph
    assert.include(
      states.map(({ id }) => id),
      'pieces_demandees'
    )
    assert.deepEqual(changes.states, { pieces_demandees: 'added' })
    const marks = (list: typeof changes.transitions) =>
      list.map(({ state, event, change }) => `${state} ${event} ${change}`).sort()
    assert.deepEqual(marks(changes.transitions), [
      'pending INVALIDATE changed',
      'pending REQUEST_DOCUMENTS added',
      'pending VALIDATE changed',
      'pieces_demandees SEND_DOCUMENTS added',
    ])

    const backPage = await page(client, '?de=2&a=1')
    const back = backPage.props.comparison!.graph
    assert.deepEqual(back.changes.states, { pieces_demandees: 'removed' })
    /** A removed state and transition are still drawn, to show them removed */
    const removedState = back.states.find(({ id }) => id === 'pieces_demandees')
    assert.deepEqual(
      removedState?.transitions.map(({ event, target }) => `${event} ${target}`),
      ['SEND_DOCUMENTS pending']
    )
    const pending = back.states.find(({ id }) => id === 'pending')!
    assert.include(
      pending.transitions.map(({ event }) => event),
      'REQUEST_DOCUMENTS'
    )
    assert.includeMembers(marks(back.changes.transitions), [
      'pending REQUEST_DOCUMENTS removed',
      'pieces_demandees SEND_DOCUMENTS removed',
    ])
  })

  test('S8 the JSON side by side: both bodies line by line, the added lines marked, level with each other', async ({
    client,
    assert,
  }) => {
    const { props } = await page(client, '?de=1&a=2')
    const { before, after, changedLines, hunks } = props.comparison!.json
    assert.lengthOf(before, after.length)
    assert.isAbove(changedLines, 0)
    const added = after.filter(({ mark }) => mark === 'added').map(({ text }) => text.trim())
    assert.include(added, '"title": "Pièces complémentaires demandées"')
    assert.include(added, '"name": "contact",')
    assert.isFalse(before.some(({ mark }) => mark === 'added'))
    assert.isFalse(after.some(({ mark }) => mark === 'removed'))
    /** « Aller à une différence »: each run of rows that differ, where it starts, in words */
    assert.isAbove(hunks.length, 0)
    for (const { row, label } of hunks) {
      assert.isTrue(Boolean(before[row].mark || after[row].mark))
      assert.match(label, /^(lignes? \d+( à \d+)? retirées?, )?lignes? \d+( à \d+)? ajoutées?$/)
    }
    /** A blank line faces each line the other side does not have */
    const blanks = before.filter(({ number }) => number === null).length
    assert.equal(before.length - blanks, Math.max(...before.map(({ number }) => number ?? 0)))
  })

  test('S8 the other way round, the same differences are « retiré »; a version with itself is refused', async ({
    client,
    assert,
  }) => {
    const { props } = await page(client, '?de=2&a=1')
    assert.includeMembers(listed(props), [
      'États | État pieces_demandees | retiré',
      'Transitions | De pending, l’événement REQUEST_DOCUMENTS vers pieces_demandees | retirée',
    ])

    const same = await page(client, '?de=2&a=2')
    same.response.assertStatus(422)
    same.response.assertInertiaComponent('studio/comparison')
    assert.deepEqual(same.props.errors, { a: 'Choisissez deux versions différentes.' })
    assert.isNull(same.props.comparison)
  })

  test('S8 fields reordered in a draft are « déplacé », nothing else; by default the published version and the draft', async ({
    client,
    assert,
  }) => {
    await createDraft(KEY, await analyst())
    await changeTheDraft(KEY, (body) => body.forms.INVALIDATE.fields.reverse())

    const { response, props } = await page(client)
    response.assertStatus(200)
    assert.deepEqual(props.selected, { from: 2, to: 3 })
    assert.equal(props.versions[0].label, 'Version 3 (brouillon)')
    const [line, ...others] = listed(props)
    assert.lengthOf(others, 0, JSON.stringify(listed(props)))
    assert.match(
      line,
      /^Champs \| Formulaire de l’événement INVALIDATE › champ « .+ » \(\w+\) \| déplacé$/
    )
    const [moved] = props.comparison!.groups[0].items
    assert.match(moved.before!, /^n° [12] sur 2$/)
    assert.match(moved.after!, /^n° [12] sur 2$/)
    assert.notEqual(moved.before, moved.after)
  })

  test('S8 what changed is said with what it was and what it is now: a page, actions, a target, a field, a mail, a label, the title', async ({
    client,
    assert,
  }) => {
    await createDraft(KEY, await analyst())
    await changeTheDraft(KEY, (body) => {
      body.title = 'Validation d’une convention'
      body.screens.pending.title = 'Convention à valider'
      const validate = body.machine.states.pending.on!.VALIDATE as TransitionJson
      validate.actions = (validate.actions as ReferenceJson[]).slice(0, 1)
      body.machine.states.pieces_demandees.on!.SEND_DOCUMENTS = { target: 'validated' }
      body.forms.INVALIDATE.fields[0].label = 'Motif'
      body.notifications.convention_invalidated.subject = 'Convention {{code}} invalidée'
      body.events!.REQUEST_DOCUMENTS.label = 'Demander des pièces complémentaires'
      body.events!.INVALIDATE = { tone: 'neutral' }
    })

    const { props } = await page(client, '?de=2&a=3')
    assert.deepEqual(listed(props), [
      'États | État pending | modifié',
      'Transitions | De pending, l’événement VALIDATE vers validated | modifiée',
      'Transitions | De pieces_demandees, l’événement SEND_DOCUMENTS | modifiée',
      'Champs | Formulaire de l’événement INVALIDATE › champ « Motif » (reason) | modifié',
      'Mails | Modèle de mail convention_invalidated | modifié',
      'Libellés d’événements | Événement INVALIDATE | modifié',
      'Libellés d’événements | Événement REQUEST_DOCUMENTS | modifié',
      'Autres modifications | Titre du parcours | modifié',
    ])
    const details = props.comparison!.groups.flatMap(({ items }) =>
      items.flatMap((item) =>
        item.details.map(({ property, before, after }) => `${property} : ${before} → ${after}`)
      )
    )
    assert.deepEqual(details, [
      'Titre : « Convention en attente de validation » → « Convention à valider »',
      'Actions : recordDecision (outcome : validated), setConventionState (state : validated) → recordDecision (outcome : validated)',
      'Vers : « pending » → « validated »',
      "Libellé : « Motif de l'invalidation » → « Motif »",
      'Objet : « PPAS – Convention {{code}} invalidée par la caisse {{caisse}} » → « Convention {{code}} invalidée »',
      'Apparence du bouton : Refuser (rouge) → Neutre',
      'Libellé : « Demander des pièces » → « Demander des pièces complémentaires »',
    ])
    const title = props.comparison!.groups.at(-1)!.items[0]
    assert.containsSubset(title, {
      before: "« Validation d'une nouvelle convention »",
      after: '« Validation d’une convention »',
    })
  })

  test('S8 a workflow that does not exist: « Page introuvable » (404)', async ({ client }) => {
    const response = await get(client, '/atelier/parcours/inconnu/comparer?de=1&a=2')
    response.assertStatus(404)
    response.assertInertiaComponent('errors/status')
  })

  test('S8 a version the workflow does not have, or no number: 422 with the French message next to its select', async ({
    client,
    assert,
  }) => {
    const unknown = await page(client, '?de=9&a=2')
    unknown.response.assertStatus(422)
    unknown.response.assertInertiaComponent('studio/comparison')
    assert.deepEqual(unknown.props.errors, { de: COMPARISON_MESSAGES.unknownVersion('9') })
    assert.isNull(unknown.props.comparison)
    /** The select shows a version it has */
    assert.deepEqual(unknown.props.selected, { from: 1, to: 2 })

    for (const query of [
      '?de=1&a=deux',
      '?de=1&a=-1',
      '?de=1&a=1.5',
      '?de=1&a[]=2',
      '?de=1&a=1e3',
    ]) {
      const refused = await page(client, query)
      refused.response.assertStatus(422)
      assert.deepEqual(refused.props.errors, { a: 'Choisissez une version dans la liste.' }, query)
    }
    const huge = await page(client, '?de=99999999999999999999&a=2')
    huge.response.assertStatus(422)
    assert.properties(huge.props.errors!, ['de'])
  })
})
