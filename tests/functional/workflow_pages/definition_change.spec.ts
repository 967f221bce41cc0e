import { test } from '@japa/runner'
import { publishDefinition } from '#workflow/definition_store'
import { readShipped } from '#tests/functional/workflow/support'
import { Visitor } from '#tests/functional/workflow_pages/support'

/**
 * W3: an analyst's change to a definition reaches the generic page with no
 * code change. A copy of the pre-registration under its own key, so the
 * other tests keep the shipped version.
 */
test.group('W3 definitions drive the pages', () => {
  test('W3 a field added to a definition appears on the page and is validated with no code change', async ({
    client,
    assert,
  }) => {
    const body = await readShipped('preinscription')
    body.key = 'preinscription-w3'
    body.forms.CONFIRM_CONVENTION_CODE = {
      submitLabel: 'OK',
      fields: [
        {
          name: 'conventionReference',
          label: 'Référence de la convention',
          type: 'text',
          required: true,
          maxLength: 20,
          help: 'Telle qu’elle figure sur la convention signée.',
        },
      ],
    }
    await publishDefinition(body, { author: 'tests' })

    const visitor = new Visitor(client)
    const path = Visitor.instancePath(
      await visitor.post('/parcours/preinscription-w3/evenements/ACCEPT_CONDITIONS', {
        accepted: true,
      })
    )
    const page = await visitor.visit(path)
    page.assertInertiaComponent('workflow/step')
    const [form] = page.inertiaProps.forms
    assert.equal(form.event, 'CONFIRM_CONVENTION_CODE')
    assert.deepEqual(form.fields, [
      {
        name: 'conventionReference',
        label: 'Référence de la convention',
        type: 'text',
        required: true,
        maxLength: 20,
        help: 'Telle qu’elle figure sur la convention signée.',
        group: null,
      },
    ])

    const missing = await visitor.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`, {})
    missing.assertStatus(422)
    assert.deepEqual(missing.body().errors, [
      {
        field: 'conventionReference',
        message: 'Le champ « Référence de la convention » est obligatoire.',
        rule: 'workflow_form',
      },
    ])
    const tooLong = await visitor.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`, {
      conventionReference: 'x'.repeat(21),
    })
    tooLong.assertStatus(422)

    Visitor.instancePath(
      await visitor.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`, {
        conventionReference: 'CONV-2026-62',
      })
    )
    const form2 = await visitor.visit(path)
    assert.equal(form2.inertiaProps.screen.title, 'Formulaire de préinscription')
  })
})
