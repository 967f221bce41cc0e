import { test } from '@japa/runner'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import WorkflowInstance from '#models/workflow_instance'
import type { WorkflowsPageProps } from '#transformers/studio/workflows'
import { submittedPreinscription } from '../back_office/support.js'

/**
 * S2 « Atelier » › « Parcours »: every workflow with its versions, their
 * status, who published them and when, and the records on each.
 */
test.group('S2 « Parcours »', () => {
  test('S2 each shipped workflow is listed with its published version and the records running on it', async ({
    client,
    assert,
  }) => {
    await submittedPreinscription()
    const analyst = await User.findByOrFail('login_key', 'analyste')
    const response = await client.get('/atelier/parcours').loginAs(analyst).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('studio/workflows')
    const { workflows } = response.inertiaProps as WorkflowsPageProps

    const published = await WorkflowDefinition.query().where('status', 'published').orderBy('key')
    assert.sameMembers(
      workflows.map(({ key }) => key),
      published.map(({ key }) => key)
    )
    for (const definition of published) {
      const listed = workflows.find(({ key }) => key === definition.key)!
      assert.equal(listed.title, definition.body.title)
      const running = await WorkflowInstance.query()
        .where('definition_id', definition.id)
        .whereNot('status', 'done')
        .count('* as total')
      const row = listed.versions.find(({ id }) => id === definition.id)!
      assert.containsSubset(row, {
        version: definition.version,
        status: 'published',
        statusLabel: 'publiée',
        author: 'seed',
        running: Number(running[0].$extras.total),
      })
      assert.match(row.publishedAt, /^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/)
    }
    const preinscription = workflows.find(({ key }) => key === 'preinscription')!
    assert.isAbove(preinscription.versions[0].running, 0)
  })
})
