import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import type WorkflowInstance from '#models/workflow_instance'
import { createDraft, draftOf } from '#services/studio/drafts'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { ItemPageProps } from '#transformers/back_office/item'
import { pendingConvention } from '#tests/functional/back_office/support'
import { analyst, draftUrl, publishedOf, withoutDrafts } from '#tests/functional/studio/support'

/**
 * S6 « Qui peut l’envoyer » and the page of each state, over HTTP: each
 * change one audited change of the draft; bad input gets a French message
 * next to the field, a 4xx and nothing saved. Scenario 5: the analyst
 * takes « Invalider » from the caisse administrators in a new version of
 * « convention »; the records started on it no longer offer it to them,
 * those started before keep it.
 */

type PageProps = DraftPageProps & { errors?: Record<string, string> }

const KEY = 'convention'
const PERMISSIONS = `${draftUrl(KEY)}/permissions`
const SCREENS = `${draftUrl(KEY)}/ecrans`

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  body: Record<string, unknown> = {}
) {
  return client[method](url).json(body).loginAs(user).withCsrfToken().withInertia().redirects(0)
}

const caisseAdmin = () => User.findByOrFail('login_key', 'caissehdf')

async function draftAudit() {
  const current = (await draftOf(KEY))!
  const rows: Array<{ action: string; changes: unknown }> = await db
    .from('audit_events')
    .where({ subject_type: 'workflow_definition', subject_id: current.id })
    .orderBy('id')
    .select('action', 'changes')
  return rows.map(({ action, changes }) => ({
    action,
    changes: (typeof changes === 'string' ? JSON.parse(changes) : changes) as Record<
      string,
      { before: unknown; after: unknown }
    >,
  }))
}

/** The caisse administrator's item page: the decisions it offers */
async function offeredEvents(client: ApiClient, instance: WorkflowInstance) {
  const page = await client
    .get(`/caisse/dossiers/${instance.id}`)
    .loginAs(await caisseAdmin())
    .withInertia()
  page.assertStatus(200)
  return (page.inertiaProps as ItemPageProps).actions.map(({ event }) => event)
}

async function invalidate(client: ApiClient, instance: WorkflowInstance) {
  return client
    .post(`/caisse/dossiers/${instance.id}/decision`)
    .form({
      event: 'INVALIDATE',
      lockVersion: instance.lockVersion,
      reason: 'La convention n’est plus en vigueur.',
    })
    .loginAs(await caisseAdmin())
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

test.group('S6 « Qui peut l’envoyer » and the page of each state', (group) => {
  group.each.setup(async () => {
    if (!(await draftOf(KEY))) await createDraft(KEY, await analyst())
  })

  test('S6 the draft page lists each event’s rules with their meaning, the roles, scopes and pages', async ({
    client,
    assert,
  }) => {
    const page = await client
      .get(draftUrl(KEY))
      .loginAs(await analyst())
      .withInertia()
    page.assertStatus(200)
    const { permissions } = page.inertiaProps as PageProps
    assert.deepEqual(
      permissions.events.map(({ event, label }) => [event, label]),
      [
        ['VALIDATE', 'Valider'],
        ['INVALIDATE', 'Invalider'],
      ]
    )
    assert.deepEqual(permissions.events[1].rules, [
      {
        role: 'caisse_admin',
        scope: 'instance_caisse',
        meaning: 'administrateur caisse, pour les dossiers de ses caisses',
      },
    ])
    assert.deepInclude(permissions.roles, { value: 'caisse_admin', label: 'administrateur caisse' })
    assert.deepEqual(
      permissions.scopes.map(({ label }) => label),
      [
        'quel que soit le dossier',
        'pour les dossiers de ses caisses',
        'pour les dossiers de son partenaire',
        'pour son propre compte',
      ]
    )
    assert.containsSubset(permissions.screens[0], {
      state: 'pending',
      page: 'workflow/decision',
      title: 'Convention en attente de validation',
    })
    assert.include(
      permissions.pages.map(({ value }) => value),
      'workflow/status'
    )
  })

  test('S6 scenario 5: « Invalider » taken from the caisse administrators in a new version; the records started before keep it', async ({
    client,
    assert,
  }) => {
    await withoutDrafts()
    const user = await analyst()
    const before = await pendingConvention({ caisseCode: 'CARSAT-HDF' })
    assert.include(await offeredEvents(client, before), 'INVALIDATE')

    const created = await send(client, user, 'post', draftUrl(KEY))
    created.assertStatus(302)
    const added = await send(client, user, 'post', `${PERMISSIONS}/INVALIDATE`, {
      role: 'platform_admin',
      scope: 'any',
    })
    added.assertStatus(302)
    added.assertHeader('location', `${draftUrl(KEY)}#permissions-INVALIDATE`)
    const removed = await send(
      client,
      user,
      'delete',
      `${PERMISSIONS}/INVALIDATE/caisse_admin/instance_caisse`
    )
    removed.assertStatus(303)
    const draft = (await draftOf(KEY))!
    assert.deepEqual(draft.body.permissions.INVALIDATE, [{ role: 'platform_admin', scope: 'any' }])
    assert.deepEqual(draft.body.permissions.VALIDATE, [
      { role: 'caisse_admin', scope: 'instance_caisse' },
    ])
    const audit = await draftAudit()
    assert.deepEqual(audit.at(-1)!.changes['permissions.INVALIDATE'], {
      before: 'caisse_admin (instance_caisse), platform_admin (any)',
      after: 'platform_admin (any)',
    })

    const published = await send(client, user, 'post', `${draftUrl(KEY)}/publication`)
    published.assertStatus(302)
    published.assertHeader('location', '/atelier/parcours')
    const version = await publishedOf(KEY)
    assert.equal(version.id, draft.id)

    /** Started on the new version: « Valider » only, and « Invalider » refused */
    const after = await pendingConvention({ caisseCode: 'CARSAT-HDF' })
    assert.equal(after.definitionId, version.id)
    assert.deepEqual(await offeredEvents(client, after), ['VALIDATE'])
    const refused = await invalidate(client, after)
    refused.assertStatus(403)
    await after.refresh()
    assert.equal(after.state, 'pending')

    /** Started on the old version: « Invalider » is still the caisse administrator's */
    assert.notEqual(before.definitionId, version.id)
    assert.include(await offeredEvents(client, before), 'INVALIDATE')
    const kept = await invalidate(client, before)
    kept.assertStatus(302)
    await before.refresh()
    assert.equal(before.state, 'invalidated')
  })

  test('S6 « Page », « Titre » and « Texte » of a state are saved and audited, its buttons kept', async ({
    client,
    assert,
  }) => {
    const response = await send(client, await analyst(), 'put', `${SCREENS}/validated`, {
      page: 'workflow/status',
      title: 'Convention validée par la caisse',
      text: 'La caisse a validé cette convention : elle est en vigueur.',
    })
    response.assertStatus(303)
    response.assertHeader('location', `${draftUrl(KEY)}#ecran-validated`)
    const draft = (await draftOf(KEY))!
    assert.deepEqual(draft.body.screens.validated, {
      page: 'workflow/status',
      title: 'Convention validée par la caisse',
      text: 'La caisse a validé cette convention : elle est en vigueur.',
    })
    const audit = await draftAudit()
    assert.deepEqual(Object.keys(audit.at(-1)!.changes), ['screens.validated'])

    const pending = await send(client, await analyst(), 'put', `${SCREENS}/pending`, {
      page: 'workflow/decision',
      title: 'Convention à valider',
    })
    pending.assertStatus(303)
    const changed = (await draftOf(KEY))!.body.screens.pending
    assert.equal(changed.title, 'Convention à valider')
    assert.lengthOf(changed.buttons!, 2)
    assert.deepEqual(changed.display, ['conventionCode', 'conventionType', 'caisseName'])
  })

  const refusals: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown role', 'rule', { role: 'superuser', scope: 'any' }, 'role', /rôle de la liste/],
    [
      'an unknown scope',
      'rule',
      { role: 'caisse_admin', scope: 'instance_region' },
      'scope',
      /portée de la liste/,
    ],
    ['a role sent as a list', 'rule', { role: ['caisse_admin'], scope: 'any' }, 'role', /rôle/],
    ['a missing scope', 'rule', { role: 'caisse_admin' }, 'scope', /portée de la liste/],
    [
      'a rule that is already there',
      'rule',
      { role: 'caisse_admin', scope: 'instance_caisse' },
      'role',
      /existe déjà/,
    ],
    [
      'a page the registry does not offer',
      'screen',
      { page: 'caisse/dashboard', title: 'Convention validée' },
      'page',
      /page de la liste/,
    ],
    ['an empty title', 'screen', { page: 'workflow/status', title: '   ' }, 'title', /obligatoire/],
    [
      'a text of 2 001 characters',
      'screen',
      { page: 'workflow/status', title: 'Validée', text: 'x'.repeat(2001) },
      'text',
      /au plus 2000/,
    ],
    [
      'a title sent as an object',
      'screen',
      { page: 'workflow/status', title: { fr: 'Validée' } },
      'title',
      /./,
    ],
  ]

  for (const [name, kind, body, field, message] of refusals) {
    test(`S6 ${kind === 'rule' ? '« Ajouter » a rule' : 'a state’s page'} refuses ${name} (422, nothing saved)`, async ({
      client,
      assert,
    }) => {
      const before = (await draftOf(KEY))!
      const rules = before.body.permissions.VALIDATE.length
      const { length: auditBefore } = await draftAudit()
      const url = kind === 'rule' ? `${PERMISSIONS}/VALIDATE` : `${SCREENS}/validated`
      const response = await send(
        client,
        await analyst(),
        kind === 'rule' ? 'post' : 'put',
        url,
        body
      )
      response.assertStatus(422)
      response.assertInertiaComponent('studio/draft')
      const props = response.inertiaProps as PageProps
      assert.match(props.errors?.[field] ?? '', message)
      assert.equal(
        props.permissions.typed?.kind,
        kind,
        'what was typed comes back to the form it was typed in'
      )
      const after = await WorkflowDefinition.findOrFail(before.id)
      assert.equal(after.checksum, before.checksum)
      assert.lengthOf(after.body.permissions.VALIDATE, rules)
      const { length: auditAfter } = await draftAudit()
      assert.equal(auditAfter, auditBefore)
    })
  }

  test('S6 an unknown event, rule or state, or a workflow without a draft, answers 404', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const before = (await draftOf(KEY))!
    const rule = { role: 'caisse_admin', scope: 'any' }
    const statuses = await Promise.all([
      send(client, user, 'post', `${PERMISSIONS}/APPEAL`, rule),
      send(client, user, 'delete', `${PERMISSIONS}/INVALIDATE/partner_admin/instance_partner`),
      send(client, user, 'delete', `${PERMISSIONS}/INVALIDATE/superuser/any`),
      send(client, user, 'put', `${SCREENS}/archived`, { page: 'workflow/status', title: 'X' }),
      send(client, user, 'post', `${draftUrl('user-lifecycle')}/permissions/DELETE`, rule),
    ])
    assert.deepEqual(
      statuses.map((response) => response.status()),
      [404, 404, 404, 404, 404]
    )
    const after = await WorkflowDefinition.findOrFail(before.id)
    assert.equal(after.checksum, before.checksum)
  })
})
