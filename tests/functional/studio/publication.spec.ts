import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowDefinitionsSeeder from '#database/seeders/00_workflow_definitions_seeder'
import { DRAFT_MESSAGES, changeDraft, createDraft } from '#services/studio/drafts'
import { publishDraft } from '#services/studio/publication'
import { StudioNotFoundError } from '#services/studio/errors'
import engine from '#workflow/engine'
import { syncDefinitionFiles } from '#workflow/definition_store'
import type { WorkflowsPageProps } from '#transformers/studio/workflows'
import { caisseAdmin, pendingConvention } from '../back_office/support.js'
import {
  analyst,
  changeTheDraft,
  draftRowOf,
  draftUrl,
  get,
  publishedOf,
  send,
  withoutDrafts,
} from './support.js'

/**
 * S9 « Publier »: the draft becomes the published version (the next number,
 * origin studio, the analyst as author), the previous one is retired, the
 * running records stay on theirs; a published version never changes; and
 * workflow:sync never silently replaces a version published from the studio.
 */

/** A studio version of « convention » that differs from workflows/convention.json */
async function publishChangedConvention(client: Parameters<typeof send>[0]) {
  await send(client, 'post', draftUrl('convention'))
  await changeTheDraft('convention', (body) => {
    body.title = 'Validation d’une nouvelle convention (Atelier)'
  })
  const response = await send(client, 'post', `${draftUrl('convention')}/publication`)
  response.assertStatus(302)
  return publishedOf('convention')
}

test.group('S9 « Publier »', (group) => {
  group.each.setup(withoutDrafts)
  /** Each test starts from the shipped version of every workflow */
  group.each.setup(async () => {
    await syncDefinitionFiles(app.makePath('workflows'), { author: 'seed', force: true })
  })

  test('S9 « Publier » makes the draft the next published version; the previous one is retired; audited', async ({
    client,
    assert,
  }) => {
    const before = await publishedOf('convention')
    await send(client, 'post', draftUrl('convention'))
    const draft = (await draftRowOf('convention'))!
    const highest = await WorkflowDefinition.query().where('key', 'convention').max('version as v')

    const response = await send(client, 'post', `${draftUrl('convention')}/publication`)
    response.assertStatus(302)
    response.assertHeader('location', '/atelier/parcours')

    const published = await publishedOf('convention')
    assert.equal(published.id, draft.id)
    assert.containsSubset(published.serialize(), {
      status: 'published',
      origin: 'studio',
      author: 'analyste',
      checksum: before.checksum,
    })
    assert.equal(published.version, Number(highest[0].$extras.v))
    assert.isAbove(published.version, before.version)
    assert.isNotNull(published.publishedAt)
    await before.refresh()
    assert.equal(before.status, 'retired')
    assert.isNull(await draftRowOf('convention'))

    const [audit] = await db
      .from('audit_events')
      .where({ subject_type: 'workflow_definition', subject_id: published.id, action: 'publish' })
    assert.exists(audit)

    const list = await get(client, '/atelier/parcours')
    const { workflows } = list.inertiaProps as WorkflowsPageProps
    const convention = workflows.find(({ key }) => key === 'convention')!
    assert.isNull(convention.draftVersion)
    assert.containsSubset(convention.versions[0], {
      version: published.version,
      statusLabel: 'publiée',
      author: 'analyste',
    })
    assert.containsSubset(
      convention.versions.find(({ id }) => id === before.id),
      { statusLabel: 'retirée' }
    )
  })

  test('S9 a record started before « Publier » keeps its version and finishes on it; one started after uses the new one', async ({
    client,
    assert,
  }) => {
    const old = await publishedOf('convention')
    const running = await pendingConvention()
    assert.equal(running.definitionId, old.id)

    const published = await publishChangedConvention(client)
    assert.notEqual(published.id, old.id)

    const admin = await caisseAdmin(['CARSAT-HDF'])
    const caisses = await admin.related('caisses').query()
    const caisseIds = caisses.map(({ id }) => id)
    await engine.send(
      running.id,
      { type: 'VALIDATE' },
      { id: admin.id, role: 'caisse_admin', partnerId: null, caisseIds }
    )
    const finished = await WorkflowInstance.findOrFail(running.id)
    assert.equal(finished.definitionId, old.id)
    assert.equal(finished.status, 'done')

    const started = await pendingConvention()
    assert.equal(started.definitionId, published.id)
  })

  test('S9 a published version never changes: changeDraft cannot reach it, and a second « Publier » finds no draft', async ({
    client,
    assert,
  }) => {
    const published = await publishChangedConvention(client)
    const error = await changeDraft('convention', await analyst(), (body) => {
      body.title = 'Changée après publication'
      return { body, changes: {} }
    }).catch((caught) => caught)
    assert.instanceOf(error, StudioNotFoundError)
    assert.equal(error.message, DRAFT_MESSAGES.noDraft)
    const again = await publishDraft('convention', await analyst()).catch((caught) => caught)
    assert.equal(again.fieldErrors?.draft, DRAFT_MESSAGES.noDraft)

    const unchanged = await WorkflowDefinition.findOrFail(published.id)
    assert.equal(unchanged.checksum, published.checksum)
    assert.equal(unchanged.body.title, 'Validation d’une nouvelle convention (Atelier)')
    assert.equal(unchanged.status, 'published')
  })

  test('S9 two « Publier » at once: one version published, the other refused', async ({
    assert,
  }) => {
    const user = await analyst()
    await createDraft('user-lifecycle', user)
    const results = await Promise.allSettled([
      publishDraft('user-lifecycle', user),
      publishDraft('user-lifecycle', user),
    ])
    assert.lengthOf(
      results.filter(({ status }) => status === 'fulfilled'),
      1
    )
    const published = await WorkflowDefinition.query()
      .where('key', 'user-lifecycle')
      .where('status', 'published')
    assert.lengthOf(published, 1)
  })
})

test.group('S9 workflow:sync and the seeders never silently replace a studio version', (group) => {
  group.each.setup(withoutDrafts)
  group.each.setup(async () => {
    await syncDefinitionFiles(app.makePath('workflows'), { author: 'seed', force: true })
  })
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('S9 workflow:sync refuses to replace a version published from the studio, naming who and when; --force replaces it', async ({
    client,
    assert,
  }) => {
    const studio = await publishChangedConvention(client)

    const refused = await ace.exec('workflow:sync', [])
    assert.equal(refused.exitCode, 1)
    refused.assertLogMatches(
      /convention : la version \d+ a été publiée depuis l’Atelier par analyste le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/
    )
    refused.assertLogMatches(/--force/)
    const kept = await publishedOf('convention')
    assert.equal(kept.id, studio.id)
    /** The other keys are synced as usual */
    refused.assertLogMatches(/preinscription: inchangée/)

    const forced = await ace.exec('workflow:sync', ['--force'])
    forced.assertSucceeded()
    const file = await publishedOf('convention')
    assert.notEqual(file.id, studio.id)
    assert.equal(file.origin, 'file')
    assert.isAbove(file.version, studio.version)
    await studio.refresh()
    assert.equal(studio.status, 'retired')
  })

  test('S9 the seeders keep a version published from the studio, with a warning, and never fail for it', async ({
    client,
    assert,
  }) => {
    const studio = await publishChangedConvention(client)
    const seeder = new WorkflowDefinitionsSeeder(db.connection())
    await seeder.run()
    const kept = await publishedOf('convention')
    assert.equal(kept.id, studio.id)
    const result = await syncDefinitionFiles(app.makePath('workflows'), { author: 'seed' })
    assert.isTrue(result.ok)
    const outcome = result.ok
      ? result.outcomes.find((o) => o.definition.key === 'convention')
      : null
    assert.equal(outcome?.status, 'refused')
  })

  test('S9 a studio version identical to the file is « inchangée », not refused', async ({
    client,
    assert,
  }) => {
    await send(client, 'post', draftUrl('convention'))
    await send(client, 'post', `${draftUrl('convention')}/publication`)
    const studio = await publishedOf('convention')
    assert.equal(studio.origin, 'studio')
    const command = await ace.exec('workflow:sync', [])
    command.assertSucceeded()
    command.assertLogMatches(/convention: inchangée/)
    const still = await publishedOf('convention')
    assert.equal(still.id, studio.id)
  })
})
