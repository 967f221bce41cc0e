import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { createDraft, draftOf } from '#services/studio/drafts'
import { addState, addTransition } from '#services/studio/states'
import type { DraftPageProps } from '#transformers/studio/draft'
import { analyst, draftUrl } from '#tests/functional/studio/support'

/**
 * S4 S6 what a state added in the outline needs from the other editors,
 * over HTTP: the form of its new event (« Demander des pièces » has none
 * until its first field), a new mail template, and what its page displays
 * of the record. Each is one audited change of the draft; a refusal is a
 * 422 with the French message at the field and the draft unchanged.
 */

type PageProps = DraftPageProps & { errors?: Record<string, string> }

const KEY = 'preinscription'
const TITLE = 'Pièces complémentaires demandées'

function send(client: ApiClient, method: 'post' | 'put', url: string, body: object) {
  return analyst().then((user) =>
    client[method](url).json(body).loginAs(user).withCsrfToken().withInertia().redirects(0)
  )
}

async function draftPage(client: ApiClient) {
  const response = await client
    .get(draftUrl(KEY))
    .loginAs(await analyst())
    .withInertia()
  response.assertStatus(200)
  return response.inertiaProps as PageProps
}

test.group('S4 S6 the parts of a new state', (group) => {
  group.each.setup(async () => {
    const existing = await draftOf(KEY)
    if (existing) await existing.delete()
    const user = await analyst()
    await createDraft(KEY, user)
    await addState(KEY, user, { title: TITLE, id: 'pieces_demandees' })
    await addTransition(KEY, user, 'submitted', {
      event: 'DEMANDER_PIECES',
      label: 'Demander des pièces',
      target: 'pieces_demandees',
    })
  })

  test('S4 a new event is offered in « Formulaires » without a form; its first field makes one, whose button says its label', async ({
    client,
    assert,
  }) => {
    const before = await draftPage(client)
    const offered = before.forms.forms.find((form) => form.event === 'DEMANDER_PIECES')
    assert.deepEqual(offered, {
      event: 'DEMANDER_PIECES',
      title: 'Demander des pièces (sans formulaire)',
      fields: [],
    })

    const response = await send(
      client,
      'post',
      `${draftUrl(KEY)}/formulaires/DEMANDER_PIECES/champs`,
      { label: 'Pièces demandées', type: 'textarea', required: true }
    )
    response.assertStatus(302)
    const draft = (await draftOf(KEY))!
    assert.deepEqual(draft.body.forms.DEMANDER_PIECES, {
      submitLabel: 'Demander des pièces',
      fields: [
        { name: 'piecesDemandees', label: 'Pièces demandées', type: 'textarea', required: true },
      ],
    })

    /** An event no state sends still has no form to fill */
    const unknown = await send(client, 'post', `${draftUrl(KEY)}/formulaires/NOPE/champs`, {
      label: 'Pièces',
      type: 'text',
    })
    unknown.assertStatus(404)
    assert.notProperty((await draftOf(KEY))!.body.forms, 'NOPE')
  })

  test('S6 « Nouveau modèle d’email » adds a template, audited; a taken or unusable name is refused at the field', async ({
    client,
    assert,
  }) => {
    const mail = {
      name: 'pieces_demandees',
      subject: 'PPAS – Pièces complémentaires pour « {{partnerName}} »',
      text: 'Bonjour {{adminFirstName}},\n\n{{lienPersonnel}}',
    }
    const created = await send(client, 'post', `${draftUrl(KEY)}/mails`, mail)
    created.assertStatus(302)
    assert.include(created.header('location'), '#mail-pieces_demandees')
    const draft = (await draftOf(KEY))!
    assert.deepEqual(draft.body.notifications.pieces_demandees, {
      subject: mail.subject,
      text: mail.text,
    })

    /** No action sends it yet: nothing to check its variables against, it is listed unsent */
    const page = await draftPage(client)
    const template = page.mails.templates.find((entry) => entry.template === 'pieces_demandees')!
    assert.deepEqual(template.sentBy, [])
    assert.notInclude(
      page.problems.map((problem) => problem.path),
      'notifications.pieces_demandees.text'
    )

    for (const [body, message] of [
      [
        mail,
        'Un modèle s’appelle déjà « pieces_demandees » dans ce brouillon : choisissez un autre nom.',
      ],
      [{ ...mail, name: 'Pièces' }, /minuscules sans accent/],
      [{ ...mail, name: 'autre', subject: 'Deux\nlignes' }, 'L’objet tient sur une seule ligne.'],
    ] as const) {
      const refused = await send(client, 'post', `${draftUrl(KEY)}/mails`, body)
      refused.assertStatus(422)
      const props = refused.inertiaProps as PageProps
      const field = 'subject' in body && body.subject.includes('\n') ? 'subject' : 'name'
      if (typeof message === 'string') assert.equal(props.errors?.[field], message)
      else assert.match(props.errors?.[field] ?? '', message)
      assert.deepEqual(props.mails.typed, { template: null, values: body })
    }
    const after = (await draftOf(KEY))!
    assert.equal(after.checksum, draft.checksum)
  })

  test('S6 « Données affichées »: the page of the new state shows what the caisse asked; unknown keys are reported by the checks', async ({
    client,
    assert,
  }) => {
    await send(client, 'post', `${draftUrl(KEY)}/formulaires/DEMANDER_PIECES/champs`, {
      label: 'Pièces demandées',
      name: 'message',
      type: 'textarea',
      required: true,
    })
    const page = await draftPage(client)
    assert.deepInclude(page.permissions.displayable, {
      value: 'message',
      label: 'Pièces demandées (message)',
    })

    const saved = await send(client, 'put', `${draftUrl(KEY)}/ecrans/pieces_demandees`, {
      page: 'workflow/step',
      title: TITLE,
      text: 'La caisse a besoin de pièces complémentaires.',
      display: ['partnerName', 'message', 'message'],
    })
    /** Inertia answers a PUT's redirect with a 303 */
    saved.assertStatus(303)
    assert.deepEqual((await draftOf(KEY))!.body.screens.pieces_demandees, {
      page: 'workflow/step',
      title: TITLE,
      text: 'La caisse a besoin de pièces complémentaires.',
      display: ['partnerName', 'message'],
    })

    /** Without « display », what it shows is kept; an empty list shows nothing */
    await send(client, 'put', `${draftUrl(KEY)}/ecrans/pieces_demandees`, {
      page: 'workflow/step',
      title: TITLE,
    })
    assert.deepEqual((await draftOf(KEY))!.body.screens.pieces_demandees.display, [
      'partnerName',
      'message',
    ])

    await send(client, 'put', `${draftUrl(KEY)}/ecrans/pieces_demandees`, {
      page: 'workflow/step',
      title: TITLE,
      display: ['inconnue'],
    })
    const shown = await draftPage(client)
    const problems = shown.problems.map((problem) => problem.path)
    assert.isTrue(
      problems.some((path) => path.startsWith('screens.pieces_demandees.display')),
      JSON.stringify(problems)
    )

    const refused = await send(client, 'put', `${draftUrl(KEY)}/ecrans/pieces_demandees`, {
      page: 'workflow/step',
      title: TITLE,
      display: 'message',
    })
    refused.assertStatus(422)
    assert.property((refused.inertiaProps as PageProps).errors, 'display')
  })
})
