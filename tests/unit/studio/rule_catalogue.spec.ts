import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import registry, { createDefaultRegistry, defineEffectAction } from '#workflow/registry'
import { paramFieldsOf, ruleCatalogue } from '#services/studio/rule_catalogue'
import '#start/workflow_actions'

/**
 * S4 the catalogue of the outline: every guard and action of the registry
 * with the form of its params, read from its own VineJS schema.
 */
test.group('S4 the catalogue of guards and actions', () => {
  test('S4 sendMail asks for a mail template of the draft and a value path, both required', ({
    assert,
  }) => {
    const sendMail = ruleCatalogue(createDefaultRegistry()).actions.find(
      ({ name }) => name === 'sendMail'
    )!
    assert.equal(sendMail.kind, 'effect')
    assert.match(sendMail.description, /Envoie un email/)
    assert.deepEqual(
      sendMail.fields.map(({ name, kind, required, label }) => ({ name, kind, required, label })),
      [
        { name: 'template', kind: 'template', required: true, label: 'Modèle de mail' },
        { name: 'to', kind: 'valuePath', required: true, label: 'Destinataire' },
      ]
    )
  })

  test('S4 each VineJS type gets its field: number, checkbox, list of values, JSON, optional ones not required', ({
    assert,
  }) => {
    const fields = paramFieldsOf(
      defineEffectAction({
        description: 'Test',
        params: vine.object({
          days: vine.number().withoutDecimals().optional(),
          keep: vine.boolean(),
          state: vine.enum(['validated', 'invalidated']),
          values: vine.record(vine.any().nullable()),
          fields: vine.array(vine.string()).optional(),
          reasonField: vine.string().optional(),
        }),
        formFieldParams: ['reasonField', 'fields'],
        async run() {},
      })
    )
    assert.deepEqual(
      fields.map(({ name, kind, required, options }) => ({ name, kind, required, options })),
      [
        { name: 'days', kind: 'number', required: false, options: [] },
        { name: 'keep', kind: 'checkbox', required: true, options: [] },
        { name: 'state', kind: 'select', required: true, options: ['validated', 'invalidated'] },
        { name: 'values', kind: 'json', required: true, options: [] },
        { name: 'fields', kind: 'json', required: false, options: [] },
        { name: 'reasonField', kind: 'formField', required: false, options: [] },
      ]
    )
    assert.match(fields[3].label, /\(JSON\)$/)
  })

  test('S4 the domain modules’ actions and every guard are in the catalogue', ({ assert }) => {
    const catalogue = ruleCatalogue(registry)
    assert.includeMembers(
      catalogue.actions.map(({ name }) => name),
      ['sendMail', 'setConventionState', 'notifyCaisseAdministrators', 'sendPersonalLink']
    )
    assert.deepEqual(
      catalogue.guards.map(({ name }) => name),
      ['actorIsNotSubject', 'contextEquals', 'payloadEquals']
    )
    const contextEquals = catalogue.guards.find(({ name }) => name === 'contextEquals')!
    assert.deepEqual(
      contextEquals.fields.map(({ name, kind }) => [name, kind]),
      [
        ['key', 'text'],
        ['value', 'json'],
      ]
    )
  })
})
