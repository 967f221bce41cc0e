import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import { validateDefinition } from '#workflow/static_validator'
import { listDefinitionFiles } from '#workflow/definition_store'

const fixture = async (name: string) =>
  JSON.parse(await readFile(app.makePath('tests/fixtures/workflows', `${name}.json`), 'utf8'))

/** The broken fixture's problems are at exactly these paths, each with a real message */
async function assertProblemsAt(assert: Assert, name: string, paths: string[]) {
  const problems = await validateDefinition(await fixture(`broken/${name}`))
  assert.deepEqual(
    problems.map((problem) => problem.path),
    paths
  )
  for (const problem of problems) assert.isAbove(problem.message.length, 10)
}

/** Each broken fixture and the exact paths of the problems it must produce */
const BROKEN: Array<[fixture: string, kind: string, paths: string[]]> = [
  ['unknown-action', 'unknown action', ['machine.states.pending.on.VALIDATE.actions[0].type']],
  ['unknown-guard', 'unknown guard', ['machine.states.pending.on.INVALIDATE.guard.type']],
  ['unknown-field-type', 'unknown field type', ['forms.INVALIDATE.fields[0].type']],
  ['unknown-page', 'unknown page', ['screens.pending.page']],
  [
    'unknown-template',
    'unknown mail template',
    ['machine.states.pending.on.VALIDATE.actions[1].params.template'],
  ],
  [
    'bad-action-params',
    "params failing the action's schema",
    ['machine.states.pending.on.VALIDATE.actions[1].params.to'],
  ],
  [
    'bad-guard-params',
    "params failing the guard's schema",
    ['machine.states.pending.on.INVALIDATE.guard.params.field'],
  ],
  ['unreachable-state', 'unreachable state', ['machine.states.archived']],
  ['dead-end-state', 'non-final state with no way out', ['machine.states.invalidated']],
  ['event-without-permission', 'event without a permission', ['permissions.INVALIDATE']],
  ['form-for-unknown-event', 'form on an event the machine lacks', ['forms.APPEAL']],
  [
    'unknown-target',
    'unknown target (which also strands its state)',
    ['machine.states.pending.on.VALIDATE.target', 'machine.states.validated'],
  ],
  ['unknown-source', 'unknown reference-data source', ['forms.INVALIDATE.fields[2].source']],
  [
    'dependent-select-without-parent',
    'dependent select on a missing field',
    ['forms.INVALIDATE.fields[2].dependsOn'],
  ],
  ['unknown-scope', 'unknown permission scope', ['permissions.VALIDATE[0].scope']],
  ['missing-field-label', 'shape: a field without label', ['forms.INVALIDATE.fields[1].label']],
  [
    'action-reads-unknown-field',
    "action reading a field its event's form lacks",
    ['machine.states.pending.on.INVALIDATE.actions[0].params.fields[1]'],
  ],
  [
    'action-stores-password',
    'action copying a password into the record',
    ['machine.states.pending.on.INVALIDATE.actions[0].params.fields[1]'],
  ],
  [
    'delayed-transition',
    'a delayed transition, which the engine cannot run yet',
    ['machine.states.pending.after.2592000000'],
  ],
  [
    'button-event-not-in-state',
    'screen button for an event its state lacks',
    ['screens.validated.buttons[0].event'],
  ],
]

test.group('W3 workflow definitions: static validation', () => {
  test('W3 the valid fixture has no problem', async ({ assert }) => {
    assert.deepEqual(await validateDefinition(await fixture('valid-decision')), [])
  })

  test('W1 every shipped definition in workflows/ passes', async ({ assert }) => {
    const files = await listDefinitionFiles(app.makePath('workflows'))
    assert.includeMembers(
      files.map((file) => file.split('/').pop()),
      ['preinscription.json', 'convention.json', 'user-lifecycle.json']
    )
    for (const file of files) {
      const problems = await validateDefinition(JSON.parse(await readFile(file, 'utf8')))
      assert.deepEqual(problems, [], file)
    }
  })

  test('W3 {$i} refuses {kind} at its exact path')
    .with(BROKEN.map(([name, kind, paths]) => ({ name, kind, paths })))
    .run(({ assert }, { name, paths }) => assertProblemsAt(assert, name, paths))

  test('W3 an unknown action is named with the available ones', async ({ assert }) => {
    const [problem] = await validateDefinition(await fixture('broken/unknown-action'))
    assert.include(problem.message, '« createPartnr »')
    assert.include(problem.message, 'sendMail')
  })

  test('W3 nested states: paths and targets go through "states"', async ({ assert }) => {
    const definition = await fixture('valid-decision')
    definition.machine.states.pending = {
      initial: 'reading',
      states: {
        reading: { on: { VALIDATE: { target: '#valid-decision.validated' } } },
        lost: {},
      },
      on: { INVALIDATE: 'invalidated' },
    }
    const problems = await validateDefinition(definition)
    assert.deepEqual(
      problems.map((problem) => problem.path),
      ['machine.states.pending.states.lost']
    )
  })
})

test.group('W3 node ace workflow:validate', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('W3 passes on the shipped definitions', async () => {
    const command = await ace.exec('workflow:validate', [])
    command.assertSucceeded()
    command.assertLog('workflows/preinscription.json: OK')
  })

  test('W3 exits 1 with one line per problem, naming the file and the path', async () => {
    const command = await ace.exec('workflow:validate', [
      'tests/fixtures/workflows/broken/unknown-page.json',
      'tests/fixtures/workflows/valid-decision.json',
    ])
    command.assertFailed()
    command.assertLogMatches(
      /tests\/fixtures\/workflows\/broken\/unknown-page\.json: screens\.pending\.page: Page inconnue « caisse\/dashboard »/
    )
    command.assertLog('tests/fixtures/workflows/valid-decision.json: OK')
  })
})

/** The checks of the definition's doors and labels (issue 9, findings 2, 7 and 14) */
const BROKEN_DOORS_AND_LABELS: Array<[fixture: string, kind: string, paths: string[]]> = [
  ['event-without-label', 'an event without a French label', ['events.INVALIDATE.label']],
  ['unknown-door', 'an event sent through an unknown door', ['events.INVALIDATE.via[0]']],
  ['unknown-tone', 'a button tone that does not exist', ['events.INVALIDATE.tone']],
  [
    'button-event-closed-to-pages',
    'a button for an event the generic pages may not send',
    ['screens.pending.buttons[0].event'],
  ],
  ['display-without-label', 'displayed data without a label', ['screens.pending.display[0]']],
]

const FILLS = 'machine.states.submitted.on.VALIDATE.actions[0].params.fills'

/** The mapping of an effect action's domain objects (params.fills), decision 0021 */
const BROKEN_MAPPINGS: Array<[fixture: string, kind: string, paths: string[]]> = [
  ['fills-unknown-target', 'a domain object the action does not fill', [`${FILLS}.partenaire`]],
  ['fills-unknown-attribute', 'an attribute the object does not have', [`${FILLS}.partner.nom`]],
  [
    'fills-unknown-key',
    'a key of the record no form field or context gives',
    [`${FILLS}.partner.email`],
  ],
  ['fills-secret-key', 'a password, never kept in the record', [`${FILLS}.partner.email`]],
  [
    'fills-required-from-optional',
    'a required attribute fed by an optional field',
    [`${FILLS}.partner.name`],
  ],
  ['fills-required-not-fed', 'a required attribute fed by nothing', [`${FILLS}.administrator`]],
]

test.group('S5 static validation: where form values go', () => {
  test('S5 the valid mapping fixture has no problem', async ({ assert }) => {
    assert.deepEqual(await validateDefinition(await fixture('valid-onboarding')), [])
  })

  test('S5 {$i} refuses {kind} at its exact path')
    .with(BROKEN_MAPPINGS.map(([name, kind, paths]) => ({ name, kind, paths })))
    .run(({ assert }, { name, paths }) => assertProblemsAt(assert, name, paths))

  test('S5 the messages name the object, the attribute and the field, in French', async ({
    assert,
  }) => {
    const [target] = await validateDefinition(await fixture('broken/fills-unknown-target'))
    assert.include(target.message, '« partenaire »')
    assert.include(target.message, '« partner » (le partenaire)')
    const [attribute] = await validateDefinition(await fixture('broken/fills-unknown-attribute'))
    assert.include(attribute.message, 'Attribut inconnu « nom »')
    assert.include(attribute.message, 'siret')
    const [optional] = await validateDefinition(
      await fixture('broken/fills-required-from-optional')
    )
    assert.include(optional.message, '« Nom » est obligatoire pour le partenaire')
    assert.include(
      optional.message,
      "« SIRET » (forms.SUBMIT.fields[4]) qui l'alimente est facultatif"
    )
    const [missing] = await validateDefinition(await fixture('broken/fills-required-not-fed'))
    assert.include(missing.message, '« fills.administrator.email »')
  })

  test('S5 a derived field copying a required one feeds a required attribute', async ({
    assert,
  }) => {
    const definition = await fixture('valid-onboarding')
    definition.forms.SUBMIT.fields.push({
      name: 'recipient',
      label: 'Identité destinataire',
      type: 'derived',
      dependsOn: 'partnerName',
    })
    const fills = definition.machine.states.submitted.on.VALIDATE.actions[0].params.fills
    fills.address.companyName = 'recipient'
    assert.deepEqual(await validateDefinition(definition), [])
    /** …and a key set by a context action (setContext) or the initial context is known */
    fills.partner.email = 'contactEmail'
    definition.machine.context.contactEmail = null
    assert.deepEqual(await validateDefinition(definition), [])
  })

  test('S5 no copy list is needed: a form value is in the record under its name', async ({
    assert,
  }) => {
    const body = JSON.parse(
      await readFile(app.makePath('workflows/preinscription.json'), 'utf8')
    ) as Record<string, any>
    const text = JSON.stringify(body.machine)
    assert.notInclude(text, 'assignToContext')
    assert.deepEqual(await validateDefinition(body), [])
  })

  test('S5 assignToContext copies under another name, from a field its form has', async ({
    assert,
  }) => {
    const definition = await fixture('valid-decision')
    const invalidate = definition.machine.states.pending.on.INVALIDATE
    invalidate.actions = [
      { type: 'assignToContext', params: { copy: { motive: 'payload.reason' } } },
      { type: 'assignToContext', params: { copy: { other: 'payload.nothing' } } },
    ]
    const problems = await validateDefinition(definition)
    assert.deepEqual(
      problems.map((problem) => problem.path),
      ['machine.states.pending.on.INVALIDATE.actions[1].params.copy.other']
    )
  })
})

test.group('Hardening #2 #7 #14 static validation: doors and labels', () => {
  test('#14 {$i} refuses {kind} at its exact path')
    .with(BROKEN_DOORS_AND_LABELS.map(([name, kind, paths]) => ({ name, kind, paths })))
    .run(({ assert }, { name, paths }) => assertProblemsAt(assert, name, paths))

  test('#2 an unknown door is named with the known ones', async ({ assert }) => {
    const [problem] = await validateDefinition(await fixture('broken/unknown-door'))
    assert.include(problem.message, '« guichet »')
    assert.include(problem.message, 'administration')
    assert.include(problem.message, 'password_change')
  })

  test('#14 a displayed key that a form field names takes its label', async ({ assert }) => {
    const definition = await fixture('valid-decision')
    definition.screens.pending.display = ['reason']
    assert.deepEqual(await validateDefinition(definition), [])
    definition.contextLabels = { email: 'Courriel' }
    definition.screens.pending.display = ['email', 'reason']
    assert.deepEqual(await validateDefinition(definition), [])
  })
})

/** S6 the variables of the mail templates: an unknown one would be sent empty */
const BROKEN_TEMPLATES: Array<[fixture: string, kind: string, paths: string[]]> = [
  [
    'template-unknown-variable',
    'a text using a variable the sending action does not give',
    ['notifications.decided.text'],
  ],
  [
    'template-subject-unknown-variable',
    'a subject using a variable of another action',
    ['notifications.decided.subject'],
  ],
]

test.group('S6 static validation: the variables of the mail templates', () => {
  test('S6 {$i} refuses {kind} at its exact path')
    .with(BROKEN_TEMPLATES.map(([name, kind, paths]) => ({ name, kind, paths })))
    .run(({ assert }, { name, paths }) => assertProblemsAt(assert, name, paths))

  test('S6 the message names the unknown variable and the ones the template may use, in French', async ({
    assert,
  }) => {
    const [problem] = await validateDefinition(await fixture('broken/template-unknown-variable'))
    assert.include(problem.message, 'Variable inconnue « {{recipientFirstName}} »')
    assert.include(problem.message, 'le texte du modèle « decided »')
    assert.include(problem.message, 'decision.reason')
    assert.include(problem.message, 'email')
  })
})
