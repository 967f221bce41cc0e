import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { createDraft, draftOf, publishedOf } from '#services/studio/drafts'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { FormEditorProps } from '#transformers/studio/form_editor'

/**
 * S5 the form editor of a draft over HTTP: « Ajouter un champ », edit,
 * move, remove, each one audited change of the draft; bad input gets a
 * French message next to the field, a 422 and nothing saved; a published
 * version never changes.
 */

type PageProps = DraftPageProps & { forms: FormEditorProps; errors?: Record<string, string> }

const KEY = 'preinscription'
const FIELDS_URL = `/atelier/parcours/${KEY}/brouillon/formulaires/SUBMIT/champs`

const analyst = () => User.findByOrFail('login_key', 'analyste')

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  body: Record<string, unknown> = {}
) {
  return client[method](url).json(body).loginAs(user).withCsrfToken().withInertia().redirects(0)
}

/** The draft of the pre-registration, made once for the file */
async function draft() {
  return (await draftOf(KEY)) ?? createDraft(KEY, await analyst())
}

async function submitFieldNames() {
  const current = await draftOf(KEY)
  return current!.body.forms.SUBMIT.fields.map(({ name }) => name)
}

async function draftAudit() {
  const current = await draft()
  const rows: Array<{ action: string; changes: unknown }> = await db
    .from('audit_events')
    .where({ subject_type: 'workflow_definition', subject_id: current.id })
    .orderBy('id')
    .select('action', 'changes')
  return rows.map(({ action, changes }) => ({
    action,
    changes: typeof changes === 'string' ? JSON.parse(changes) : changes,
  }))
}

test.group('S5 the form editor of a draft', (group) => {
  group.each.setup(async () => {
    await draft()
  })

  test('S5 « Ajouter un champ » puts an optional « Numéro FINESS » after the SIRET, named from its label, audited', async ({
    client,
    assert,
  }) => {
    const response = await send(client, await analyst(), 'post', FIELDS_URL, {
      label: 'Numéro FINESS',
      type: 'text',
      maxLength: '9',
      help: '9 chiffres, sur l’arrêté d’autorisation.',
      group: 'Informations partenaire',
      after: 'siret',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/atelier/parcours/${KEY}/brouillon?formulaire=SUBMIT`)

    const names = await submitFieldNames()
    assert.equal(names[names.indexOf('siret') + 1], 'numeroFiness')
    const current = await draftOf(KEY)
    assert.deepEqual(
      current!.body.forms.SUBMIT.fields.find(({ name }) => name === 'numeroFiness'),
      {
        name: 'numeroFiness',
        label: 'Numéro FINESS',
        type: 'text',
        help: '9 chiffres, sur l’arrêté d’autorisation.',
        group: 'Informations partenaire',
        maxLength: 9,
      }
    )
    const audit = await draftAudit()
    assert.equal(audit.at(-1)!.action, 'update_draft')
    assert.deepEqual(Object.keys(audit.at(-1)!.changes as object), [
      'forms.SUBMIT.fields.numeroFiness',
    ])

    /** The published version has not changed */
    const published = await publishedOf(KEY)
    assert.notInclude(
      published!.body.forms.SUBMIT.fields.map(({ name }) => name),
      'numeroFiness'
    )

    const page = await client
      .get(`/atelier/parcours/${KEY}/brouillon`)
      .loginAs(await analyst())
      .withInertia()
    const props = page.inertiaProps as PageProps
    const submit = props.forms.forms.find(({ event }) => event === 'SUBMIT')!
    assert.containsSubset(
      submit.fields.find(({ name }) => name === 'numeroFiness'),
      { label: 'Numéro FINESS', typeLabel: 'Texte court', required: false, catalogued: true }
    )
  })

  test('S5 a field is edited (label, required), moved up, down and after another, then removed', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    await send(client, user, 'post', FIELDS_URL, { label: 'Nombre de salariés', type: 'text' })
    const url = `${FIELDS_URL}/nombreDeSalaries`

    const edited = await send(client, user, 'put', url, {
      label: 'Effectif salarié',
      type: 'text',
      required: true,
    })
    edited.assertStatus(303)
    const current = await draftOf(KEY)
    assert.containsSubset(
      current!.body.forms.SUBMIT.fields.find(({ name }) => name === 'nombreDeSalaries'),
      { label: 'Effectif salarié', required: true }
    )

    /** Moves it, then says where it stands */
    const moved = async (body: Record<string, string>) => {
      const response = await send(client, user, 'put', `${url}/position`, body)
      response.assertStatus(303)
      const names = await submitFieldNames()
      return names.indexOf('nombreDeSalaries')
    }
    const start = await submitFieldNames()
    const last = start.length - 1
    assert.equal(start.indexOf('nombreDeSalaries'), last)
    assert.equal(await moved({ direction: 'up' }), last - 1)
    assert.equal(await moved({ direction: 'down' }), last)
    assert.equal(await moved({ after: 'partnerName' }), start.indexOf('partnerName') + 1)
    assert.equal(await moved({ after: '' }), 0)

    const removed = await send(client, user, 'delete', url)
    removed.assertStatus(303)
    assert.notInclude(await submitFieldNames(), 'nombreDeSalaries')
    const audit = await draftAudit()
    assert.isAtLeast(audit.filter(({ action }) => action === 'update_draft').length, 7)
  })

  test('S5 « Où va la valeur »: a field feeds the attributes chosen, and stops feeding those left out', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const fills = async () => {
      const current = (await draftOf(KEY))!
      const validate = current!.body.machine.states.submitted.on!.VALIDATE as {
        actions: Array<{
          type: string
          params?: { fills?: Record<string, Record<string, string>> }
        }>
      }
      return validate.actions.find(({ type }) => type === 'createPartnerFromPreinscription')!
        .params!.fills!
    }
    const page = await client.get(`/atelier/parcours/${KEY}/brouillon`).loginAs(user).withInertia()
    const props = page.inertiaProps as PageProps
    assert.deepInclude(props.forms.destinations, {
      value: 'partner.email',
      label: 'le partenaire › Email',
    })
    const email = props.forms.forms
      .find(({ event }) => event === 'SUBMIT')!
      .fields.find(({ name }) => name === 'partnerEmail')!
    assert.deepEqual(email.destinations, ['partner.email'])

    const url = `${FIELDS_URL}/partnerEmail`
    const edit = { label: email.label, type: email.type }
    const cleared = await send(client, user, 'put', url, { ...edit, destinations: [] })
    cleared.assertStatus(303)
    const withoutEmail = await fills()
    assert.notProperty(withoutEmail.partner, 'email')

    const restored = await send(client, user, 'put', url, {
      ...edit,
      destinations: ['partner.email', 'administrator.email'],
    })
    restored.assertStatus(303)
    const after = await fills()
    assert.equal(after.partner.email, 'partnerEmail')
    assert.equal(after.administrator.email, 'partnerEmail')

    /** Back as it was: the administrator's email is fed by its own field again */
    const admin = await send(client, user, 'put', `${FIELDS_URL}/adminEmail`, {
      label: 'Email',
      type: 'email',
      required: true,
      destinations: ['administrator.email'],
    })
    admin.assertStatus(303)
    const reset = await fills()
    assert.equal(reset.administrator.email, 'adminEmail')
    const audit = await draftAudit()
    const [last] = audit.slice(-1)
    assert.include(
      Object.keys(last.changes as object),
      'forms.SUBMIT.fields.adminEmail.destinations'
    )
  })

  const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'a name already used by another field',
      { label: 'SIRET bis', name: 'siret', type: 'text' },
      'name',
      /déjà celui d’un champ/,
    ],
    [
      'a label derived into a used name',
      { label: 'Siret', type: 'text' },
      'name',
      /déjà celui d’un champ/,
    ],
    ['an empty label', { label: '  ', type: 'text' }, 'label', /obligatoire/],
    ['a label sent as a list', { label: ['a', 'b'], type: 'text' }, 'label', /./],
    ['a type outside the catalogue', { label: 'Jeton', type: 'captcha' }, 'type', /catalogue/],
    ['an unknown type', { label: 'Date', type: 'date' }, 'type', /catalogue/],
    [
      'a list without its source',
      { label: 'Département', type: 'select' },
      'source',
      /liste de référence/,
    ],
    [
      'an unknown source',
      { label: 'Département', type: 'select', source: 'users' },
      'source',
      /liste de référence/,
    ],
    [
      'a name with a space',
      { label: 'Code APE', name: 'code ape', type: 'text' },
      'name',
      /sans espace/,
    ],
    ['a label that gives no name', { label: '123', type: 'text' }, 'name', /nom technique/],
    [
      'a maximum length of 0',
      { label: 'Code APE', type: 'text', maxLength: '0' },
      'maxLength',
      /./,
    ],
    [
      'a maximum length that is no number',
      { label: 'Code APE', type: 'text', maxLength: { a: 1 } },
      'maxLength',
      /nombre/,
    ],
    [
      '« Placer après » a field that does not exist',
      { label: 'Code APE', type: 'text', after: 'nowhere' },
      'after',
      /Choisissez un champ/,
    ],
    [
      'a help text of 501 characters',
      { label: 'Code APE', type: 'text', help: 'x'.repeat(501) },
      'help',
      /au plus 500/,
    ],
    [
      'a label with a control character',
      { label: 'Code\u0000APE', type: 'text' },
      'label',
      /caractère non permis/,
    ],
    [
      'a destination no action fills',
      { label: 'FINESS', type: 'text', destinations: ['partner.finess'] },
      'destinations',
      /destinations de la liste/,
    ],
    [
      'destinations that are no list',
      { label: 'FINESS', type: 'text', destinations: 'partner.siret' },
      'destinations',
      /destinations de la liste/,
    ],
  ]

  for (const [name, body, field, message] of refusals) {
    test(`S5 « Ajouter un champ » refuses ${name} (422, nothing saved)`, async ({
      client,
      assert,
    }) => {
      const before = await draftOf(KEY)
      const { length: auditBefore } = await draftAudit()
      const response = await send(client, await analyst(), 'post', FIELDS_URL, body)
      response.assertStatus(422)
      response.assertInertiaComponent('studio/draft')
      const props = response.inertiaProps as PageProps
      assert.match(props.errors?.[field] ?? '', message)
      assert.equal(props.forms.typed?.event, 'SUBMIT')
      assert.isArray(props.history, 'the refused page keeps the draft’s history')
      const after = await WorkflowDefinition.findOrFail(before!.id)
      assert.equal(after.checksum, before!.checksum)
      const { length: auditAfter } = await draftAudit()
      assert.equal(auditAfter, auditBefore)
    })
  }

  test('S5 an unknown event or field, or a workflow without a draft, answers 404', async ({
    client,
    assert,
  }) => {
    const user = await analyst()
    const statuses = await Promise.all([
      send(client, user, 'post', `/atelier/parcours/${KEY}/brouillon/formulaires/NOPE/champs`, {
        label: 'X',
        type: 'text',
      }),
      send(client, user, 'put', `${FIELDS_URL}/nowhere`, { label: 'X', type: 'text' }),
      send(client, user, 'delete', `${FIELDS_URL}/nowhere`),
      send(client, user, 'put', `${FIELDS_URL}/nowhere/position`, { direction: 'up' }),
      send(
        client,
        user,
        'post',
        '/atelier/parcours/convention/brouillon/formulaires/INVALIDATE/champs',
        {
          label: 'X',
          type: 'text',
        }
      ),
    ])
    assert.deepEqual(
      statuses.map((response) => response.status()),
      [404, 404, 404, 404, 404]
    )
    const convention = await publishedOf('convention')
    assert.isNull(await draftOf('convention'))
    assert.equal((await publishedOf('convention'))!.checksum, convention!.checksum)
  })
})
