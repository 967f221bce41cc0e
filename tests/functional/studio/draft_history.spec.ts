import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import { syncDefinitionFiles } from '#workflow/definition_store'
import type { DraftPageProps } from '#transformers/studio/draft'
import type { HistoryEntry } from '#transformers/audit/history'
import { valueWords } from '#transformers/studio/draft_history'
import { changeLocation } from '#transformers/studio/problem_location'
import { analyst, draftRowOf, draftUrl, get, publishedOf, withoutDrafts } from './support.js'

/**
 * S3 S5 S9 every change of a workflow made in the studio is shown where it
 * was made: the draft page's « Historique des modifications » lists the
 * audit rows of every version of its workflow (creation of a draft, its
 * changes, « Publier », « Importer »), newest first, in French: who, the
 * action, each change where it is in the definition, a field as words.
 */

const KEY = 'preinscription'
const FIELDS_URL = `${draftUrl(KEY)}/formulaires/SUBMIT/champs`
const FORM = 'Formulaire « Formulaire de préinscription »'
const ACTOR = 'Lucie MOREAU (analyste)'

async function send(
  client: ApiClient,
  method: 'post' | 'put' | 'delete',
  url: string,
  body: Record<string, unknown> = {}
) {
  const response = await client[method](url)
    .json(body)
    .loginAs(await analyst())
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  assertRedirected(response.status(), url)
  return response
}

function assertRedirected(status: number, url: string) {
  if (status !== 302 && status !== 303) throw new Error(`${url} answered ${status}`)
}

async function historyOf(client: ApiClient, key = KEY): Promise<HistoryEntry[]> {
  const page = await get(client, draftUrl(key))
  page.assertStatus(200)
  page.assertInertiaComponent('studio/draft')
  return (page.inertiaProps as DraftPageProps).history!
}

test.group('S3 S5 S9 the draft page’s « Historique des modifications »', (group) => {
  group.each.setup(withoutDrafts)
  /** Each test starts from the shipped version of every workflow */
  group.each.setup(async () => {
    await syncDefinitionFiles(app.makePath('workflows'), { author: 'seed', force: true })
  })

  test('S3 S5 S9 « Nouvelle version », « Numéro FINESS » added, « Publier »: the next draft lists each step by Lucie MOREAU, newest first', async ({
    client,
    assert,
  }) => {
    const { version: published } = await publishedOf(KEY)
    await send(client, 'post', draftUrl(KEY))
    await send(client, 'post', FIELDS_URL, { label: 'Numéro FINESS', type: 'text' })
    await send(client, 'post', `${draftUrl(KEY)}/publication`)
    /** Published: no draft, no draft page, until the next « Nouvelle version » */
    const gone = await get(client, draftUrl(KEY))
    gone.assertStatus(404)
    await send(client, 'post', draftUrl(KEY))

    const history = await historyOf(client)
    assert.deepEqual(
      history.slice(0, 4).map(({ action }) => action),
      ['Création du brouillon', 'Publication', 'Modification du brouillon', 'Création du brouillon']
    )
    assert.deepEqual(
      history.slice(0, 4).map(({ actor }) => actor),
      Array(4).fill(ACTOR)
    )
    const [nextDraft, publication, fieldAdded, firstDraft] = history
    assert.deepEqual(firstDraft.changes, [
      { field: 'Version', before: String(published), after: String(published + 1) },
    ])
    assert.deepEqual(fieldAdded.changes, [
      {
        field: `${FORM} › champ « Numéro FINESS »`,
        before: '(vide)',
        after: 'Numéro FINESS (Texte court, facultatif)',
      },
    ])
    /** Several keys: MySQL may give them back in another order */
    assert.sameDeepMembers(publication.changes, [
      { field: 'Statut', before: 'brouillon', after: 'publiée' },
      { field: 'Version', before: String(published + 1), after: String(published + 1) },
      { field: 'Version retirée', before: '(vide)', after: String(published) },
    ])
    assert.deepEqual(nextDraft.changes, [
      { field: 'Version', before: String(published + 1), after: String(published + 2) },
    ])

    /** Newest first: the times never go up, the rows are in the reverse order of writing */
    const times = history.map(({ atIso }) => atIso)
    assert.deepEqual(times, [...times].sort().reverse())
    const ids = history.map(({ id }) => id)
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a)
    )
    assert.match(nextDraft.at, /^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/)
  })

  test('S5 a field edited, moved, then removed: the change where it is, the removed field by the label its row keeps', async ({
    client,
    assert,
  }) => {
    await send(client, 'post', draftUrl(KEY))
    await send(client, 'post', FIELDS_URL, { label: 'Nombre de salariés', type: 'text' })
    const url = `${FIELDS_URL}/nombreDeSalaries`
    await send(client, 'put', url, {
      label: 'Effectif salarié',
      type: 'text',
      required: true,
      group: 'Informations partenaire',
    })
    await send(client, 'put', `${url}/position`, { direction: 'up' })
    await send(client, 'delete', url)

    const [removed, moved, edited] = await historyOf(client)
    assert.equal(removed.action, 'Modification du brouillon')
    assert.deepEqual(removed.changes, [
      {
        field: `${FORM} › champ « Effectif salarié »`,
        before: 'Effectif salarié (Texte court, obligatoire, groupe « Informations partenaire »)',
        after: '(vide)',
      },
    ])
    assert.lengthOf(moved.changes, 1)
    assert.equal(moved.changes[0].field, `${FORM} › ordre des champs`)
    assert.match(moved.changes[0].before, /, nombreDeSalaries$/)
    assert.match(moved.changes[0].after, /, nombreDeSalaries, [^,]+$/)
    assert.deepEqual(edited.changes, [
      {
        field: `${FORM} › champ « Effectif salarié »`,
        before: 'Nombre de salariés (Texte court, facultatif)',
        after: 'Effectif salarié (Texte court, obligatoire, groupe « Informations partenaire »)',
      },
    ])
  })

  test('S9 « Importer » is « Import d’un fichier comme brouillon »; the rows of another workflow are not listed', async ({
    client,
    assert,
  }) => {
    const { version } = await publishedOf(KEY)
    const exported = await get(client, `/atelier/parcours/${KEY}/versions/${version}/export`)
    exported.assertStatus(200)
    await send(client, 'post', draftUrl('convention'))
    await send(client, 'post', `/atelier/parcours/${KEY}/import`, { definition: exported.text() })

    const draft = (await draftRowOf(KEY))!
    const [imported] = await historyOf(client)
    assert.equal(imported.action, 'Import d’un fichier comme brouillon')
    assert.equal(imported.actor, ACTOR)
    assert.deepEqual(imported.changes, [
      { field: 'Version', before: String(draft.version - 1), after: String(draft.version) },
    ])
    const convention = await historyOf(client, 'convention')
    assert.notInclude(
      convention.map(({ id }) => id),
      imported.id
    )
    assert.equal(convention[0].action, 'Création du brouillon')
  })
})

test.group('S3 S5 a change of the definition in words', () => {
  const body = {
    forms: {
      SUBMIT: {
        title: 'Formulaire de préinscription',
        fields: [{ name: 'siret', label: 'Numéro SIRET', type: 'siret' }],
      },
      ACCEPT: { fields: [] },
    },
  }

  test('S5 a field by its label: from the body, or from the row for one no longer there', ({
    assert,
  }) => {
    assert.equal(
      changeLocation('forms.SUBMIT.fields.siret', body),
      `${FORM} › champ « Numéro SIRET »`
    )
    assert.equal(
      changeLocation('forms.SUBMIT.fields.gone', body, 'Ancien champ'),
      `${FORM} › champ « Ancien champ »`
    )
    assert.equal(changeLocation('forms.SUBMIT.fields.gone', body), `${FORM} › champ « gone »`)
    assert.equal(
      changeLocation('forms.SUBMIT.fields.siret.destinations', body),
      `${FORM} › champ « Numéro SIRET » › où va la valeur`
    )
    assert.equal(
      changeLocation('forms.ACCEPT.fields', body),
      'Formulaire de l’événement ACCEPT › ordre des champs'
    )
    /** The validator's paths still read as problemLocation says them */
    assert.equal(
      changeLocation('forms.SUBMIT.fields[0].type', body),
      'Formulaire de l’événement SUBMIT › champ siret › type'
    )
  })

  test('S5 a field’s JSON in words; any other value as it is', ({ assert }) => {
    assert.equal(
      valueWords(JSON.stringify({ name: 'numeroFiness', label: 'Numéro FINESS', type: 'text' })),
      'Numéro FINESS (Texte court, facultatif)'
    )
    assert.equal(
      valueWords(
        JSON.stringify({
          name: 'regime',
          label: 'Régime',
          type: 'select',
          source: 'regimes',
          required: true,
          maxLength: 9,
          help: 'Le vôtre',
        })
      ),
      'Régime (Liste de choix (référentiel), obligatoire, 9 caractères au plus, référentiel regimes, aide « Le vôtre »)'
    )
    assert.equal(
      valueWords(JSON.stringify({ name: 'login', label: 'Identifiant', type: 'login' })),
      'Identifiant (login, facultatif)'
    )
    assert.equal(valueWords('{pas du JSON'), '{pas du JSON')
    assert.equal(valueWords(null), '(vide)')
    assert.equal(valueWords(3), '3')
  })
})
