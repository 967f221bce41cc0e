import { test } from '@japa/runner'

test.group('P1 home page', () => {
  test('P1 the publications are listed by kind, newest first, dated in French', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('portal/home')
    const { news, referenceTexts, scales } = response.inertiaProps
    assert.deepEqual(
      news.map(({ publishedOn, publishedOnLabel }: Record<string, string>) => [
        publishedOn,
        publishedOnLabel,
      ]),
      [
        ['2026-10-01', '01/10/2026'],
        ['2026-09-15', '15/09/2026'],
      ]
    )
    assert.equal(referenceTexts[0].publishedOnLabel, '10/01/2026')
    assert.equal(scales[0].publishedOnLabel, '01/01/2026')
  })
})
