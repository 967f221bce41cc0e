import { test } from '@japa/runner'
import { validateDefinition } from '#workflow/static_validator'
import { STUDIO_BROKEN, workflowFixture } from '#tests/helpers/studio_broken_fixtures'

/**
 * S4 S5 S6 the checks catch the mistakes an analyst makes in the studio:
 * each broken fixture is the valid studio draft with one thing wrong, and
 * fails with exactly the JSON paths of its mistake, in French.
 */
test.group('S4 S6 static validation of what the studio edits', () => {
  test('S4 the studio draft the broken fixtures start from has no problem', async ({ assert }) => {
    assert.deepEqual(await validateDefinition(await workflowFixture('valid-studio-draft')), [])
  })

  test('{feature} {$i} refuses {kind} at its exact path')
    .with(STUDIO_BROKEN)
    .run(async ({ assert }, { name, paths }) => {
      const problems = await validateDefinition(await workflowFixture(`broken/${name}`))
      assert.deepEqual(
        problems.map((problem) => problem.path),
        paths
      )
      for (const { message } of problems) {
        assert.isAbove(message.length, 20)
        /** French, with the names in « » */
        assert.match(message, /«.+»|[éèàç]/)
      }
    })

  test('S4 a transition behind one without condition is never taken, and says which one', async ({
    assert,
  }) => {
    const [problem] = await validateDefinition(
      await workflowFixture('broken/added-transition-shadowed')
    )
    assert.include(problem.message, "Cette transition n'est jamais prise")
    assert.include(problem.message, 'la transition n° 1 de « COMPLETER », sans condition')
    /** …and the same list with a condition on the first is valid */
    const definition = await workflowFixture('broken/added-transition-shadowed')
    const [first, second] = definition.machine.states.pieces.on!.COMPLETER as any[]
    definition.machine.states.pieces.on!.COMPLETER = [second, first]
    assert.deepEqual(await validateDefinition(definition), [])
  })

  test('S6 the messages name what is wrong and what exists', async ({ assert }) => {
    const messageOf = async (name: string) => {
      const [problem] = await validateDefinition(await workflowFixture(`broken/${name}`))
      return problem.message
    }
    assert.include(await messageOf('added-state-target-missing'), "« complet » n'existe pas")
    assert.include(await messageOf('permission-unknown-role'), 'Rôle inconnu « instructeur »')
    assert.include(await messageOf('permission-for-unsent-event'), "« RELANCER » n'existe pas")
    assert.include(await messageOf('added-duplicate-field-name'), '« motif » apparaît deux fois')
    assert.include(
      await messageOf('added-template-unknown-variable'),
      'Variable inconnue « {{partnerName}} »'
    )
    assert.include(await messageOf('added-state-unreachable'), '« archive » est inaccessible')
  })
})
