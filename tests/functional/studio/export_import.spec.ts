import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { canonicalJson, checksumOf } from '#workflow/definition_store'
import type { DraftPageProps } from '#transformers/studio/draft'
import { analyst, draftRowOf, draftUrl, get, publishedOf, send, withoutDrafts } from './support.js'

/**
 * S9 « Exporter » and « Importer » as the JSON of workflows/: any version
 * downloads as `<key>.json`, and importing what was exported gives the same
 * canonical body back (checksumOf), as the draft of the workflow.
 */

async function download(client: ApiClient, url: string) {
  const response = await client.get(url).loginAs(await analyst())
  response.assertStatus(200)
  return response
}

test.group('S9 « Exporter » and « Importer »', (group) => {
  group.each.setup(withoutDrafts)

  test('S9 « Exporter » a version downloads the JSON of workflows/ as an attachment', async ({
    client,
    assert,
  }) => {
    const published = await publishedOf('preinscription')
    const response = await download(
      client,
      `/atelier/parcours/preinscription/versions/${published.version}/export`
    )
    assert.match(String(response.header('content-type')), /^application\/json/)
    assert.equal(
      response.header('content-disposition'),
      'attachment; filename="preinscription.json"'
    )
    const text = response.text()
    assert.isTrue(text.endsWith('}\n'))
    assert.equal(checksumOf(JSON.parse(text)), published.checksum)
  })

  test('S9 round trip: export then import gives a byte-identical canonical body, as the draft', async ({
    client,
    assert,
  }) => {
    for (const key of ['preinscription', 'convention', 'user-lifecycle']) {
      const published = await publishedOf(key)
      const exported = await download(
        client,
        `/atelier/parcours/${key}/versions/${published.version}/export`
      )
      const response = await send(client, 'post', `/atelier/parcours/${key}/import`, {
        definition: exported.text(),
      })
      response.assertStatus(302)
      response.assertHeader('location', draftUrl(key))

      const draft = (await draftRowOf(key))!
      assert.equal(canonicalJson(draft.body), canonicalJson(published.body), key)
      assert.equal(draft.checksum, published.checksum, key)
      assert.containsSubset(draft.serialize(), { author: 'analyste', origin: 'studio' })

      /** The draft exports as the version it came from */
      const again = await download(client, `${draftUrl(key)}/export`)
      assert.equal(again.text(), exported.text(), key)
    }
  })

  test('S9 « Importer » a file: a changed JSON becomes the draft, with its problems shown in words', async ({
    client,
    assert,
  }) => {
    const published = await publishedOf('convention')
    const body = structuredClone(published.body)
    body.title = 'Convention importée'
    body.forms.INVALIDATE.fields[0].type = 'inconnu'
    const response = await client
      .post('/atelier/parcours/convention/import')
      .file('fichier', Buffer.from(JSON.stringify(body, null, 2)), {
        filename: 'convention.json',
        contentType: 'application/json',
      })
      .loginAs(await analyst())
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)

    const draft = (await draftRowOf('convention'))!
    assert.equal(draft.body.title, 'Convention importée')
    assert.equal(draft.checksum, checksumOf(body))
    const page = await get(client, draftUrl('convention'))
    const props = page.inertiaProps as DraftPageProps
    assert.equal(props.workflow.title, 'Convention importée')
    const name = body.forms.INVALIDATE.fields[0].name
    assert.include(
      props.problems.map(({ where }) => where),
      `Formulaire de l’événement INVALIDATE › champ ${name} › type`
    )
  })
})
