import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { DRAFT_MESSAGES, MAX_DRAFT_BYTES, createDraft } from '#services/studio/drafts'
import { PUBLICATION_MESSAGES } from '#services/studio/publication'
import { StudioRuleError } from '#services/studio/errors'
import engine from '#workflow/engine'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { WorkflowsPageProps } from '#transformers/studio/workflows'
import { problemLocation } from '#transformers/studio/problem_location'
import {
  analyst,
  changeTheDraft,
  draftRowOf,
  draftUrl,
  get,
  publishedOf,
  send,
  versionCounts,
  withoutDrafts,
} from './support.js'

/**
 * S2 S3 « Atelier » › « Parcours »: « Nouvelle version » makes a draft of
 * the published version, its page shows the live checks with each problem
 * where it is, « Abandonner le brouillon » deletes it; every refusal is a
 * French 4xx that writes nothing.
 */

type DraftProps = DraftPageProps & { errors?: Record<string, string> }
type ListProps = WorkflowsPageProps & { errors?: Record<string, string> }

test.group('S3 « Nouvelle version » and the draft page', (group) => {
  group.each.setup(withoutDrafts)

  test('S3 « Nouvelle version » makes a draft of the published version, listed as « brouillon » with « Modifier le brouillon »', async ({
    client,
    assert,
  }) => {
    const published = await publishedOf('convention')
    const response = await send(client, 'post', draftUrl('convention'))
    response.assertStatus(302)
    response.assertHeader('location', draftUrl('convention'))

    const draft = (await draftRowOf('convention'))!
    assert.containsSubset(draft.serialize(), {
      version: published.version + 1,
      status: 'draft',
      author: 'analyste',
      origin: 'studio',
      checksum: published.checksum,
    })
    assert.isNull(draft.publishedAt)

    const list = await get(client, '/atelier/parcours')
    const { workflows } = list.inertiaProps as ListProps
    const convention = workflows.find(({ key }) => key === 'convention')!
    assert.equal(convention.draftVersion, draft.version)
    assert.containsSubset(convention.versions[0], { status: 'draft', statusLabel: 'brouillon' })
    assert.isNull(workflows.find(({ key }) => key === 'preinscription')!.draftVersion)

    const page = await get(client, draftUrl('convention'))
    page.assertStatus(200)
    page.assertInertiaComponent('studio/draft')
    const props = page.inertiaProps as DraftProps
    assert.containsSubset(props, {
      workflow: { key: 'convention', title: published.body.title },
      draft: { id: draft.id, version: draft.version, statusLabel: 'brouillon', author: 'analyste' },
      published: { version: published.version },
      problems: [],
      exportUrl: '/atelier/parcours/convention/brouillon/export',
    })
  })

  test('S3 a draft never runs: a record started while it exists starts on the published version', async ({
    client,
    assert,
  }) => {
    await send(client, 'post', draftUrl('user-lifecycle'))
    const published = await publishedOf('user-lifecycle')
    const definition = await engine.publishedDefinition('user-lifecycle')
    assert.equal(definition.id, published.id)
  })

  test('S3 the live checks: each problem of workflow:validate is listed where it is, in words', async ({
    client,
    assert,
  }) => {
    await createDraft('preinscription', await analyst())
    await changeTheDraft('preinscription', (body) => {
      body.forms.SUBMIT.fields[5].type = 'numero'
      body.permissions.VALIDATE[0].role = 'directeur'
    })
    const page = await get(client, draftUrl('preinscription'))
    const { problems } = page.inertiaProps as DraftProps
    assert.deepInclude(problems, {
      path: 'forms.SUBMIT.fields[5].type',
      where: 'Formulaire de l’événement SUBMIT › champ siret › type',
      message: problems.find(({ path }) => path === 'forms.SUBMIT.fields[5].type')!.message,
    })
    assert.match(
      problems.find(({ path }) => path === 'forms.SUBMIT.fields[5].type')!.message,
      /Type de champ inconnu « numero »/
    )
    assert.equal(
      problems.find(({ path }) => path === 'permissions.VALIDATE[0].role')!.where,
      'Qui peut envoyer l’événement VALIDATE › règle n° 1 › rôle'
    )
  })

  test('S3 paths in words: states, transitions, actions, pages, mails, the whole definition', ({
    assert,
  }) => {
    const body = {
      screens: { submitted: { buttons: [{ event: 'VALIDATE', label: 'Valider' }] } },
      forms: { SUBMIT: { fields: [{ name: 'siret' }] } },
    }
    const cases: Array<[string, string]> = [
      [
        'machine.states.submitted.on.VALIDATE.actions[0].type',
        'État submitted › transition VALIDATE › action n° 1 › type',
      ],
      [
        'machine.states.a.states.b.on.GO[1].target',
        'État a › état b › transition GO › n° 2 › vers',
      ],
      ['machine.initial', 'état initial'],
      ['forms.SUBMIT.fields[0]', 'Formulaire de l’événement SUBMIT › champ siret'],
      ['forms.SUBMIT.fields[4].name', 'Formulaire de l’événement SUBMIT › champ n° 5 › nom'],
      [
        'screens.submitted.buttons[0].event',
        'Page de l’état submitted › bouton « Valider » › événement',
      ],
      ['startPermissions[1].scope', 'Qui peut commencer un dossier › règle n° 2 › portée'],
      ['events.VALIDATE.label', 'Événement VALIDATE › libellé'],
      ['notifications.invalidated.subject', 'Modèle de mail invalidated › objet'],
      ['contextLabels.siret', 'Libellé de la donnée siret'],
      ['title', 'Titre du parcours'],
      ['', 'Définition entière'],
    ]
    for (const [path, words] of cases) assert.equal(problemLocation(path, body), words, path)
  })

  test('S3 « Abandonner le brouillon » deletes the draft, audited; the published version stays', async ({
    client,
    assert,
  }) => {
    await send(client, 'post', draftUrl('convention'))
    const published = await publishedOf('convention')
    const draft = (await draftRowOf('convention'))!
    const response = await send(client, 'delete', draftUrl('convention'))
    /** Inertia asks a 303 after a DELETE */
    response.assertStatus(303)
    response.assertHeader('location', '/atelier/parcours')
    assert.isNull(await draftRowOf('convention'))
    assert.isNull(await WorkflowDefinition.find(draft.id))
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'workflow_definition', subject_id: draft.id })
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      audit.map(({ action }) => action),
      ['create_draft', 'abandon_draft']
    )
    const still = await publishedOf('convention')
    assert.equal(still.id, published.id)
    assert.equal(still.status, 'published')
  })

  test('S3 two analysts click « Nouvelle version » at once: one draft, the other refused in French', async ({
    assert,
  }) => {
    const user = await analyst()
    const results = await Promise.allSettled([
      createDraft('preinscription', user),
      createDraft('preinscription', user),
    ])
    const refused = results.filter((result) => result.status === 'rejected')
    assert.lengthOf(refused, 1)
    const reason = (refused[0] as PromiseRejectedResult).reason
    assert.instanceOf(reason, StudioRuleError)
    assert.equal((reason as StudioRuleError).fieldErrors.draft, DRAFT_MESSAGES.draftExists)
    const drafts = await WorkflowDefinition.query()
      .where('key', 'preinscription')
      .where('status', 'draft')
    assert.lengthOf(drafts, 1)
  })
})

/** One refused request: what to set up, what to send, what the analyst reads */
type BadInput = {
  title: string
  setup?: (client: ApiClient) => Promise<unknown>
  request: (client: ApiClient) => Promise<ApiResponse>
  status: number
  /** Where the French message is: a field of the page's errors, or the 404 page */
  field?: string
  message: string | RegExp
}

const importing = async (client: ApiClient, key: string, definition: unknown) =>
  send(client, 'post', `/atelier/parcours/${key}/import`, { definition })

async function exported(client: ApiClient, key: string) {
  const published = await publishedOf(key)
  const response = await client
    .get(`/atelier/parcours/${key}/versions/${published.version}/export`)
    .loginAs(await analyst())
  return response.text()
}

const BAD_INPUTS: BadInput[] = [
  {
    title: 'a second « Nouvelle version » while a draft exists',
    setup: (client) => send(client, 'post', draftUrl('convention')),
    request: (client) => send(client, 'post', draftUrl('convention')),
    status: 422,
    field: 'draft',
    message: DRAFT_MESSAGES.draftExists,
  },
  {
    title: '« Publier » while a check fails',
    setup: async (client) => {
      await send(client, 'post', draftUrl('convention'))
      await changeTheDraft('convention', (body) => {
        body.forms.INVALIDATE.fields[0].type = 'inconnu'
      })
    },
    request: (client) => send(client, 'post', `${draftUrl('convention')}/publication`),
    status: 422,
    field: 'publish',
    message: /^Ce brouillon ne peut pas être publié : un problème reste à corriger/,
  },
  {
    title: '« Publier » without a draft',
    request: (client) => send(client, 'post', `${draftUrl('convention')}/publication`),
    status: 422,
    field: 'draft',
    message: DRAFT_MESSAGES.noDraft,
  },
  {
    title: '« Abandonner le brouillon » without a draft',
    request: (client) => send(client, 'delete', draftUrl('convention')),
    status: 422,
    field: 'draft',
    message: DRAFT_MESSAGES.noDraft,
  },
  {
    title: '« Nouvelle version » of a workflow that does not exist',
    request: (client) => send(client, 'post', draftUrl('inconnu')),
    status: 404,
    message: 'Page introuvable',
  },
  {
    title: 'the draft page of a workflow without a draft',
    request: (client) => get(client, draftUrl('convention')),
    status: 404,
    message: 'Page introuvable',
  },
  {
    title: '« Publier » on a workflow that does not exist',
    request: (client) => send(client, 'post', `${draftUrl('inconnu')}/publication`),
    status: 404,
    message: 'Page introuvable',
  },
  {
    title: '« Importer » a text that is not JSON',
    request: (client) => importing(client, 'convention', '{"key": "convention",'),
    status: 422,
    field: 'definition',
    message: PUBLICATION_MESSAGES.importNotJson,
  },
  {
    title: '« Importer » JSON that is not a definition',
    request: (client) => importing(client, 'convention', '{"key": "convention", "états": []}'),
    status: 422,
    field: 'definition',
    message: PUBLICATION_MESSAGES.importNotDefinition,
  },
  {
    title: '« Importer » a JSON list',
    request: (client) => importing(client, 'convention', '[1, 2, 3]'),
    status: 422,
    field: 'definition',
    message: PUBLICATION_MESSAGES.importNotDefinition,
  },
  {
    title: '« Importer » another workflow’s definition',
    request: async (client) =>
      importing(client, 'convention', await exported(client, 'preinscription')),
    status: 422,
    field: 'definition',
    message: PUBLICATION_MESSAGES.importKeyMismatch('preinscription', 'convention'),
  },
  {
    title: '« Importer » while a draft exists',
    setup: (client) => send(client, 'post', draftUrl('convention')),
    request: async (client) =>
      importing(client, 'convention', await exported(client, 'convention')),
    status: 422,
    field: 'draft',
    message: DRAFT_MESSAGES.draftExists,
  },
  {
    title: '« Importer » nothing',
    request: (client) => importing(client, 'convention', '   '),
    status: 422,
    field: 'definition',
    message: PUBLICATION_MESSAGES.importEmpty,
  },
  {
    title: '« Importer » a file over the size limit',
    request: async (client) => {
      const text = JSON.stringify({ key: 'convention', padding: 'x'.repeat(MAX_DRAFT_BYTES) })
      return client
        .post('/atelier/parcours/convention/import')
        .file('fichier', Buffer.from(text), { filename: 'convention.json' })
        .loginAs(await analyst())
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    },
    status: 422,
    field: 'fichier',
    message: PUBLICATION_MESSAGES.importTooLarge,
  },
  {
    title: '« Importer » into a workflow that does not exist',
    request: (client) => importing(client, 'inconnu', '{}'),
    status: 404,
    message: 'Page introuvable',
  },
  {
    title: '« Exporter » a version that does not exist',
    request: (client) => get(client, '/atelier/parcours/convention/versions/999/export'),
    status: 404,
    message: 'Page introuvable',
  },
  {
    title: '« Exporter » the draft of a workflow without one',
    request: (client) => get(client, `${draftUrl('convention')}/export`),
    status: 404,
    message: 'Page introuvable',
  },
]

test.group('S3 S9 bad input: a French 4xx, nothing half-saved', (group) => {
  group.each.setup(withoutDrafts)

  for (const bad of BAD_INPUTS) {
    test(`S3 S9 ${bad.title} → ${bad.status}, in French, nothing written`, async ({
      client,
      assert,
    }) => {
      await bad.setup?.(client)
      const before = await versionCounts()
      const definitions = await WorkflowDefinition.query().orderBy('id')
      const response = await bad.request(client)

      response.assertStatus(bad.status)
      const props = response.inertiaProps as { errors?: Record<string, string>; title?: string }
      const shown = bad.field ? props.errors?.[bad.field] : props.title
      if (typeof bad.message === 'string') assert.equal(shown, bad.message)
      else assert.match(shown ?? '', bad.message)

      assert.deepEqual(await versionCounts(), before)
      const after = await WorkflowDefinition.query().orderBy('id')
      assert.deepEqual(
        after.map((row) => [row.id, row.version, row.status, row.checksum]),
        definitions.map((row) => [row.id, row.version, row.status, row.checksum])
      )
    })
  }
})
