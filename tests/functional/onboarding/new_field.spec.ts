import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Partner from '#models/partner'
import User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { publishDefinition } from '#workflow/definition_store'
import { WorkflowDefinitionInvalidError } from '#workflow/errors'
import type { ItemPageProps } from '#transformers/back_office/item'
import type { QueuePageProps } from '#transformers/back_office/queue'
import type { WorkflowDefinitionBody } from '#workflow/types'
import {
  caisseHdf,
  counts,
  decide,
  submitCielBleu,
  unique,
} from '#tests/functional/onboarding/support'

/**
 * W3 / S5: an analyst adds a field to the pre-registration, with no code: a
 * new version with an optional « Numéro FINESS » on SUBMIT, published as
 * the studio and workflow:sync publish (publishDefinition). Nothing else of
 * the definition names it: no copy list, no `display`, no mapping.
 */

const FILLS = 'machine.states.submitted.on.VALIDATE.actions[0].params.fills'

async function shipped(): Promise<WorkflowDefinitionBody> {
  return JSON.parse(await readFile(app.makePath('workflows/preinscription.json'), 'utf8'))
}

/** The shipped definition with « Numéro FINESS » after « Nom partenaire » */
async function withFiness(change: (body: WorkflowDefinitionBody) => void = () => {}) {
  const body = await shipped()
  body.versionLabel = 'FINESS'
  const fields = body.forms.SUBMIT.fields
  const after = fields.findIndex((field) => field.name === 'partnerName')
  fields.splice(after + 1, 0, {
    name: 'numeroFiness',
    label: 'Numéro FINESS',
    type: 'text',
    maxLength: 9,
    group: 'Informations partenaire',
  })
  change(body)
  return body
}

async function publishFiness(change?: (body: WorkflowDefinitionBody) => void) {
  const outcome = await publishDefinition(await withFiness(change), { author: 'analyste' })
  /** Published by an earlier test of this file: the same body makes no new version */
  if (outcome.status === 'refused') throw new Error(outcome.message)
  return outcome.definition
}

function submittedValue(props: ItemPageProps, section: string, label: string) {
  return props.submitted
    .find((candidate) => candidate.title === section)
    ?.fields.find((field) => field.label === label)?.value
}

test.group('S5 W3 a field added to the pre-registration in a new version', () => {
  test('S5 W3 C2 R6 « Numéro FINESS » filled: kept in the record, shown to the caisse with its label, « Valider » creates the partner', async ({
    client,
    assert,
  }) => {
    const version = await publishFiness()
    const admin = await caisseHdf()
    const { instance } = await submitCielBleu(client, {
      numeroFiness: '620000123',
      conventionCode: `FIN${unique()}`.slice(0, 30),
    })
    assert.equal(instance.definitionId, version.id, 'started on the new version')
    assert.equal(instance.snapshot.context.numeroFiness, '620000123')

    const page = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin).withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as ItemPageProps
    assert.equal(
      submittedValue(props, 'Informations partenaire', 'Numéro FINESS'),
      '620000123',
      'shown with its French label in its group, with no `display` change'
    )
    assert.equal(
      submittedValue(props, 'Informations partenaire', 'Nom partenaire'),
      'Association Ciel Bleu'
    )

    /** C1: the search finds the record by its new field too */
    const queue = await client
      .get('/caisse/dossiers')
      .qs({ recherche: '620000123' })
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      (queue.inertiaProps as QueuePageProps).rows.map((row) => row.id),
      [instance.id]
    )

    const decision = await decide(client, admin, instance, 'VALIDATE')
    decision.assertStatus(302)
    await instance.refresh()
    assert.equal(instance.state, 'validated')
    const partner = await Partner.findOrFail(instance.partnerId)
    assert.equal(partner.name, 'Association Ciel Bleu')
    assert.equal(instance.snapshot.context.numeroFiness, '620000123', 'still in the record')
  })

  test('S5 R6 « Numéro FINESS » left empty: null in the record, « Non renseigné » on the item page, « Valider » creates the partner', async ({
    client,
    assert,
  }) => {
    await publishFiness()
    const admin = await caisseHdf()
    const { instance } = await submitCielBleu(client, {
      numeroFiness: '',
      conventionCode: `FIN${unique()}`.slice(0, 30),
    })
    assert.isNull(instance.snapshot.context.numeroFiness)

    const page = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin).withInertia()
    const props = page.inertiaProps as ItemPageProps
    assert.equal(submittedValue(props, 'Informations partenaire', 'Numéro FINESS'), 'Non renseigné')

    const decision = await decide(client, admin, instance, 'VALIDATE')
    decision.assertStatus(302)
    await instance.refresh()
    assert.equal(instance.state, 'validated')
    assert.isNotNull(instance.partnerId)
  })

  test('S5 R6 a field made optional and left empty gives null to the partner’s administrator, never a 500', async ({
    client,
    assert,
  }) => {
    /** « Téléphone » of the administrator made optional: its attribute is optional too */
    await publishFiness((body) => {
      const phone = body.forms.SUBMIT.fields.find((field) => field.name === 'adminPhone')!
      phone.required = false
    })
    const admin = await caisseHdf()
    const { instance, payload } = await submitCielBleu(client, {
      adminPhone: '',
      conventionCode: `FIN${unique()}`.slice(0, 30),
    })
    const decision = await decide(client, admin, instance, 'VALIDATE')
    decision.assertStatus(302)
    const user = await User.findByOrFail('login_key', String(payload.adminLogin).toLowerCase())
    assert.isNull(user.phone)
    await instance.refresh()
    assert.equal(instance.state, 'validated')
    assert.equal(user.partnerId, instance.partnerId)
  })

  test('S5 a required partner attribute fed by an optional field is refused by the validator, nothing is published', async ({
    assert,
  }) => {
    const before = await WorkflowDefinition.query().where('key', 'preinscription')
    const { partners } = await counts()
    const body = await withFiness((changed) => {
      const validate = (changed.machine.states.submitted.on!.VALIDATE as any).actions[1]
      validate.params.fills.partner.name = 'numeroFiness'
    })
    const error = await publishDefinition(body).catch((caught) => caught)
    assert.instanceOf(error, WorkflowDefinitionInvalidError)
    const problems = (error as WorkflowDefinitionInvalidError).problems
    assert.deepEqual(
      problems.map((problem) => problem.path),
      [`${FILLS.replace('actions[0]', 'actions[1]')}.partner.name`]
    )
    assert.include(problems[0].message, '« Numéro FINESS »')
    assert.include(problems[0].message, 'facultatif')
    assert.lengthOf(await WorkflowDefinition.query().where('key', 'preinscription'), before.length)
    const after = await counts()
    assert.equal(after.partners, partners)
  })
})
