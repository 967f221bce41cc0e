import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { createDraft, draftOf } from '#services/studio/drafts'
import type { DraftPageProps } from '#transformers/studio/draft'
import { analyst, draftUrl, publishedOf } from '#tests/functional/studio/support'

/**
 * S6 the mail templates of a draft over HTTP: « Objet » and « Texte »
 * saved as one audited change; the variables each template may use listed
 * with where they come from; « Aperçu » rendered on the server with the
 * engine's renderTemplate and a sample per variable; an unknown variable is
 * saved but reported by the checks (its exact path), and « Publier » waits.
 */

type PageProps = DraftPageProps & { errors?: Record<string, string> }

const KEY = 'convention'
const TEMPLATE = 'convention_invalidated'
const URL = `${draftUrl(KEY)}/mails/${TEMPLATE}`

async function send(client: ApiClient, method: 'put' | 'post', url: string, body: unknown) {
  return client[method](url)
    .json(body as object)
    .loginAs(await analyst())
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

async function page(client: ApiClient) {
  const response = await client
    .get(draftUrl(KEY))
    .loginAs(await analyst())
    .withInertia()
  response.assertStatus(200)
  return response.inertiaProps as PageProps
}

async function auditCount() {
  const [row] = await db
    .from('audit_events')
    .where('subject_type', 'workflow_definition')
    .count('* as total')
  return Number(row.total)
}

const valid = {
  subject: 'PPAS – Convention {{code}} invalidée',
  text: 'Bonjour {{recipientFirstName}},\n\nMotif : {{reason}}\n\nCaisse {{caisse}}',
}

test.group('S6 the mail templates of a draft', (group) => {
  group.each.setup(async () => {
    const draft = await draftOf(KEY)
    if (draft) await draft.delete()
    await createDraft(KEY, await analyst())
  })

  test('S6 each template lists the variables it may use and its « Aperçu » with sample data', async ({
    client,
    assert,
  }) => {
    const { mails } = await page(client)
    const template = mails.templates.find((candidate) => candidate.template === TEMPLATE)!
    assert.deepEqual(template.sentBy, ['« notifyPartnerAdministrators » sur Invalider'])
    const variables = Object.fromEntries(
      template.variables.map(({ name, label, origin }) => [name, `${label} (${origin})`])
    )
    assert.equal(variables.reason, 'Motif de l’invalidation (ajoutée par l’envoi)')
    assert.equal(variables.caisse, 'Nom de la caisse (ajoutée par l’envoi)')
    assert.equal(variables.recipientFirstName, 'Prénom du destinataire (ajoutée par l’envoi)')
    assert.equal(variables.conventionCode, 'Code convention (données du dossier)')
    assert.equal(variables['decision.reason'], 'Motif de la décision (données du dossier)')
    assert.notProperty(variables, 'decision')
    assert.equal(
      template.preview.subject,
      'PPAS – Convention CL19720812 invalidée par la caisse CARSAT Hauts-de-France'
    )
    assert.include(template.preview.text, 'Bonjour Camille MARTIN,')
    assert.include(template.preview.text, 'La convention n’est plus en vigueur.')
    assert.notInclude(template.preview.text, '{{')
  })

  test('S6 « Objet » and « Texte » are saved and audited; the published version does not change', async ({
    client,
    assert,
  }) => {
    const published = await publishedOf(KEY)
    const response = await send(client, 'put', URL, valid)
    response.assertStatus(303)
    response.assertHeader('location', `${draftUrl(KEY)}#mail-${TEMPLATE}`)
    const draft = (await draftOf(KEY))!
    assert.deepEqual(draft.body.notifications[TEMPLATE], valid)
    const [row] = await db
      .from('audit_events')
      .where({ subject_type: 'workflow_definition', subject_id: draft.id })
      .orderBy('id', 'desc')
      .limit(1)
    const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes
    assert.deepEqual(Object.keys(changes).sort(), [
      `notifications.${TEMPLATE}.subject`,
      `notifications.${TEMPLATE}.text`,
    ])
    assert.equal(changes[`notifications.${TEMPLATE}.subject`].after, valid.subject)
    const unchanged = await publishedOf(KEY)
    assert.equal(unchanged.checksum, published.checksum)

    const { mails, problems } = await page(client)
    assert.deepEqual(problems, [])
    const template = mails.templates.find((candidate) => candidate.template === TEMPLATE)!
    assert.equal(template.preview.subject, 'PPAS – Convention CL19720812 invalidée')
  })

  test('S6 an unknown variable is saved, reported at its exact path in French, and « Publier » waits', async ({
    client,
    assert,
  }) => {
    const response = await send(client, 'put', URL, {
      subject: 'Convention {{code}} invalidée ({{numeroFiness}})',
      text: 'Bonjour {{ recipientPrenom }},\n\n{{reason}}',
    })
    response.assertStatus(303)
    const draft = (await draftOf(KEY))!
    assert.include(draft.body.notifications[TEMPLATE].subject, '{{numeroFiness}}')

    const { problems } = await page(client)
    assert.deepEqual(
      problems.map(({ path }) => path),
      [`notifications.${TEMPLATE}.subject`, `notifications.${TEMPLATE}.text`]
    )
    assert.match(problems[0].message, /Variable inconnue « \{\{numeroFiness\}\} » dans l’objet/)
    assert.match(problems[1].message, /« \{\{recipientPrenom\}\} » dans le texte/)
    assert.include(problems[1].message, 'recipientFirstName')

    const publication = await send(client, 'post', `${draftUrl(KEY)}/publication`, {})
    publication.assertStatus(422)
    assert.equal((await draftOf(KEY))!.id, draft.id)
  })

  const refusals: Array<[string, unknown, string, RegExp]> = [
    ['an empty subject', { ...valid, subject: '  ' }, 'subject', /obligatoire/],
    ['an empty text', { ...valid, text: '' }, 'text', /obligatoire/],
    [
      'a subject on two lines',
      { ...valid, subject: 'Convention\ninvalidée' },
      'subject',
      /une seule ligne/,
    ],
    [
      'a subject of 201 characters',
      { ...valid, subject: 'x'.repeat(201) },
      'subject',
      /au plus 200/,
    ],
    ['a text of 5 001 characters', { ...valid, text: 'x'.repeat(5001) }, 'text', /au plus 5000/],
    ['a subject sent as a list', { ...valid, subject: ['a', 'b'] }, 'subject', /./],
    ['a text sent as an object', { ...valid, text: { fr: 'Bonjour' } }, 'text', /./],
    ['a text with a NUL', { ...valid, text: 'Bonjour\u0000' }, 'text', /caractère non permis/],
  ]

  for (const [name, body, field, message] of refusals) {
    test(`S6 a mail template refuses ${name} (422, nothing saved)`, async ({ client, assert }) => {
      const before = (await draftOf(KEY))!
      const audit = await auditCount()
      const response = await send(client, 'put', URL, body)
      response.assertStatus(422)
      response.assertInertiaComponent('studio/draft')
      const props = response.inertiaProps as PageProps
      assert.match(props.errors?.[field] ?? '', message)
      assert.equal(props.mails.typed?.template, TEMPLATE)
      const after = await WorkflowDefinition.findOrFail(before.id)
      assert.equal(after.checksum, before.checksum)
      assert.equal(await auditCount(), audit)
    })
  }

  test('S6 an unknown template, or a workflow without a draft, answers 404', async ({
    client,
    assert,
  }) => {
    const before = (await draftOf(KEY))!
    const statuses = await Promise.all([
      send(client, 'put', `${draftUrl(KEY)}/mails/preinscription_validated`, valid),
      send(client, 'put', `${draftUrl(KEY)}/mails/__proto__`, valid),
      send(client, 'put', `${draftUrl('user-lifecycle')}/mails/account_created`, valid),
    ])
    assert.deepEqual(
      statuses.map((response) => response.status()),
      [404, 404, 404]
    )
    const after = await WorkflowDefinition.findOrFail(before.id)
    assert.equal(after.checksum, before.checksum)
  })
})
