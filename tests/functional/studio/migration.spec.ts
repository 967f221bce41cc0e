import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import engine, { MIGRATE_EVENT } from '#workflow/engine'
import { publishDefinition } from '#workflow/definition_store'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { get, send, rowCounts } from './support.js'
import { actors, readFixture } from '#tests/functional/workflow/support'

/**
 * S10 « Migrer les dossiers » over HTTP, as the analyst: the page's
 * preview (nothing written), a refused choice next to its field (422), the
 * run once the number is typed, the report listed.
 */

let keys = 0

/** Version 1 with three records waiting in « En attente », version 2 where it is « À traiter » */
async function twoVersions(change: (two: WorkflowDefinitionBody) => void = () => {}) {
  const key = `s10-studio-${++keys}-${Date.now().toString(36)}`
  const one = await readFixture('valid-decision')
  one.key = key
  one.machine.id = key
  await publishDefinition(one, { author: 'tests' })
  const records = []
  for (let i = 0; i < 3; i++)
    records.push(await engine.start(key, { caisseId: 3 }, actors.system()))
  const two = structuredClone(one)
  two.machine.states.todo = two.machine.states.pending
  delete two.machine.states.pending
  two.machine.initial = 'todo'
  two.screens.todo = { ...two.screens.pending, title: 'À traiter' }
  delete two.screens.pending
  change(two)
  await publishDefinition(two, { author: 'tests' })
  return { key, records, path: `/atelier/parcours/${key}/migration` }
}

const tables = ['workflow_instances', 'workflow_transitions', 'workflow_record_migrations']

test.group('S10 « Migrer les dossiers » in the studio', () => {
  test('S10 the page previews version 1 → 2 by default, the renamed state left to choose; nothing written', async ({
    client,
    assert,
  }) => {
    const { path } = await twoVersions()
    const before = await rowCounts(tables)
    const response = await get(client, path)
    response.assertStatus(200)
    response.assertInertiaComponent('studio/migration')
    const props = response.inertiaProps as any
    assert.deepEqual(props.selected, { from: 1, to: 2 })
    assert.deepEqual(
      props.plan.sources.map((source: any) => [source.state, source.count, source.target]),
      [['pending', 3, '']]
    )
    assert.deepInclude(props.plan.targets, { value: 'todo', label: 'À traiter (todo)' })
    assert.equal(props.plan.movable, 0)
    assert.deepEqual(await rowCounts(tables), before)

    const chosen = await get(client, `${path}?de=1&a=2&etats[pending]=todo`)
    chosen.assertStatus(200)
    assert.equal((chosen.inertiaProps as any).plan.movable, 3)
  })

  test('S10 a state the new version does not have, a version that does not exist, a wrong number: 422 next to the field, nothing moved', async ({
    client,
    assert,
  }) => {
    const { path } = await twoVersions()
    const before = await rowCounts(tables)
    const wrongState = await get(client, `${path}?de=1&a=2&etats[pending]=ailleurs`)
    wrongState.assertStatus(422)
    assert.match(
      (wrongState.inertiaProps as any).errors['etats.pending'],
      /Choisissez un état de la version 2/
    )
    const noVersion = await get(client, `${path}?de=1&a=5`)
    noVersion.assertStatus(422)
    assert.equal(
      (noVersion.inertiaProps as any).errors.a,
      'La version 5 de ce parcours n’existe pas.'
    )
    const notANumber = await get(client, `${path}?de=un&a=2`)
    notANumber.assertStatus(422)
    assert.equal(
      (notANumber.inertiaProps as any).errors.de,
      'Choisissez la version d’où partent les dossiers.'
    )
    const wrongCount = await send(client, 'post', path, {
      de: 1,
      a: 2,
      etats: { pending: 'todo' },
      confirmation: 2,
    })
    wrongCount.assertStatus(422)
    assert.match(
      (wrongCount.inertiaProps as any).errors.confirmation,
      /Le nombre de dossiers à déplacer est 3 : tapez ce nombre/
    )
    const object = await send(client, 'post', path, { de: { x: 1 }, a: 2, confirmation: 3 })
    object.assertStatus(422)
    assert.deepEqual(await rowCounts(tables), before)
  })

  test('S10 « Migrer les dossiers » with the number typed moves the records, says so and lists the report', async ({
    client,
    assert,
  }) => {
    const { path, records } = await twoVersions()
    const response = await send(client, 'post', path, {
      de: 1,
      a: 2,
      etats: { pending: 'todo' },
      valeurs: {},
      confirmation: 3,
    })
    response.assertStatus(302)
    response.assertHeader('location', `${path}?de=1&a=2`)
    const moved = await db
      .from('workflow_transitions')
      .whereIn(
        'instance_id',
        records.map((record) => record.id)
      )
      .where('event', MIGRATE_EVENT)
      .select('to_state', 'actor_role')
    assert.deepEqual(
      moved.map((row) => [row.to_state, row.actor_role]),
      [
        ['todo', 'analyst'],
        ['todo', 'analyst'],
        ['todo', 'analyst'],
      ]
    )
    const page = await get(client, `${path}?de=1&a=2`)
    const props = page.inertiaProps as any
    assert.equal(props.plan.total, 0)
    assert.lengthOf(props.reports, 1)
    assert.deepInclude(props.reports[0], {
      author: 'analyste',
      versions: 'Version 1 → version 2',
      status: 'terminée',
      moved: 3,
      skipped: 0,
      refused: 0,
      mapping: 'pending → todo',
    })
  })

  test('S10 a value the new version shows and the records lack: offered as a field, used once given', async ({
    client,
    assert,
  }) => {
    const { path } = await twoVersions((two) => {
      two.screens.todo.display = ['priority']
      two.contextLabels = { priority: 'Priorité' }
    })
    const lacking = await get(client, `${path}?de=1&a=2&etats[pending]=todo`)
    lacking.assertStatus(200)
    const plan = (lacking.inertiaProps as any).plan
    assert.deepEqual(plan.missingValues, [
      { key: 'priority', label: 'Priorité', suggestion: '', records: 3, given: '' },
    ])
    assert.equal(plan.movable, 0)
    assert.deepEqual(plan.sources[0].refused, [
      '3 : une donnée demandée par la nouvelle version leur manque',
    ])
    const given = await get(client, `${path}?de=1&a=2&etats[pending]=todo&valeurs[priority]=haute`)
    assert.equal((given.inertiaProps as any).plan.movable, 3)
    assert.equal((given.inertiaProps as any).plan.missingValues[0].given, 'haute')
  })
})
