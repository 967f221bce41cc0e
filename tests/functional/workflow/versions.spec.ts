import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import engine from '#workflow/engine'
import { checksumOf, publishDefinition } from '#workflow/definition_store'
import { WorkflowDefinitionInvalidError, WorkflowValidationError } from '#workflow/errors'
import WorkflowDefinition from '#models/workflow_definition'
import { actors, readFixture } from './support.js'

test.group('W3 definition versions', () => {
  test('W3 publishing the same definition twice makes no new version', async ({ assert }) => {
    const body = await readFixture('valid-decision')
    body.key = 'versions-idempotent'
    const first = await publishDefinition(body)
    /** Key order does not matter: the checksum is taken on canonical JSON */
    const { notifications, ...rest } = body
    const reordered = JSON.parse(JSON.stringify({ notifications, ...rest }))
    assert.equal(checksumOf(reordered), checksumOf(body))
    const second = await publishDefinition(reordered)
    assert.equal(first.status, 'published')
    assert.equal(second.status, 'unchanged')
    assert.equal(second.definition.id, first.definition.id)
  })

  test('W3 a running instance keeps the version it started on after a new one is published', async ({
    assert,
  }) => {
    const v1 = await readFixture('valid-decision')
    v1.key = 'versions-running'
    await publishDefinition(v1, { author: 'analyste' })
    const running = await engine.start('versions-running', { caisseId: 3 }, actors.system())

    /** v2 asks for a category on INVALIDATE */
    const v2 = structuredClone(v1)
    v2.title = 'Décision de test, v2'
    v2.forms.INVALIDATE.fields.push({
      name: 'category',
      label: 'Catégorie',
      type: 'text',
      required: true,
    })
    const published = await publishDefinition(v2, { author: 'analyste' })
    assert.equal(published.status, 'published')
    assert.equal(published.definition.version, 2)

    const versions = await WorkflowDefinition.query()
      .where('key', 'versions-running')
      .orderBy('version')
    assert.deepEqual(
      versions.map((version) => [version.version, version.status]),
      [
        [1, 'retired'],
        [2, 'published'],
      ]
    )

    const fresh = await engine.start('versions-running', { caisseId: 3 }, actors.system())
    assert.equal(fresh.definitionId, published.definition.id)
    const admin = actors.caisseAdmin(1, [3])
    const invalidate = { type: 'INVALIDATE', payload: { reason: 'Motif', confirm: 'on' } }

    await running.refresh()
    assert.equal(running.definitionId, versions[0].id)
    const decided = await engine.send(running.id, invalidate, admin)
    assert.equal(decided.state, 'invalidated')

    const error = await engine.send(fresh.id, invalidate, admin).catch((caught) => caught)
    assert.instanceOf(error, WorkflowValidationError)
    assert.property(error.fieldErrors, 'category')
  })

  test('W3 an invalid definition is never published', async ({ assert }) => {
    const broken = await readFixture('broken/unknown-page')
    const error = await publishDefinition(broken).catch((caught) => caught)
    assert.instanceOf(error, WorkflowDefinitionInvalidError)
    assert.deepEqual(
      error.problems.map((problem: { path: string }) => problem.path),
      ['screens.pending.page']
    )
    assert.isNull(await WorkflowDefinition.findBy('key', broken.key))
  })
})

test.group('W3 node ace workflow:sync and workflow:list', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('W3 sync publishes workflows/*.json once; a second run changes nothing', async ({
    assert,
  }) => {
    await ace.exec('workflow:sync', [])
    const before = await WorkflowDefinition.query().whereIn('key', [
      'preinscription',
      'convention',
      'user-lifecycle',
    ])
    const command = await ace.exec('workflow:sync', [])
    command.assertSucceeded()
    command.assertLogMatches(/preinscription: inchangée \(version \d+\)/)
    const after = await WorkflowDefinition.query().whereIn('key', [
      'preinscription',
      'convention',
      'user-lifecycle',
    ])
    assert.equal(after.length, before.length)
    assert.lengthOf(
      after.filter((definition) => definition.status === 'published'),
      3
    )
  })

  test('W3 list shows keys, versions and status', async () => {
    const command = await ace.exec('workflow:list', [])
    command.assertSucceeded()
    command.assertLogMatches(/preinscription.*published/)
  })
})
