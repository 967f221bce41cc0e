import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import ConventionType from '#models/convention_type'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import { UserFactory } from '#database/factories/user_factory'
import engine from '#workflow/engine'
import type { ItemPageProps } from '#transformers/back_office/item'
import type { QueuePageProps } from '#transformers/back_office/queue'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import { PIECES_TITLE as TITLE, pendingConvention, publishConventionWithPieces } from './support.js'

/**
 * C1 C2 S4: a state an analyst added (« Pièces complémentaires demandées »)
 * with its transitions, published as a new version of « convention »: the
 * caisse's item page renders its event's form (a text, a list of reference
 * data, a box) and checks it with the compiled form rules; the record leaves
 * the caisse's queue while the partner must act, comes back when the partner
 * sends the pieces, and the state is shown by its title everywhere.
 */

type ShowProps = ItemPageProps & { errors: Record<string, string> }

function hdfAdmin() {
  return User.findByOrFail('login_key', 'caissehdf')
}

async function itemPage(client: ApiClient, admin: User, id: number) {
  const response = await client.get(`/caisse/dossiers/${id}`).loginAs(admin).withInertia()
  response.assertStatus(200)
  return response.inertiaProps as ShowProps
}

async function queue(client: ApiClient, admin: User) {
  const response = await client
    .get('/caisse/dossiers')
    .qs({ type: 'convention' })
    .loginAs(admin)
    .withInertia()
  response.assertStatus(200)
  return response.inertiaProps as QueuePageProps
}

function decide(client: ApiClient, admin: User, id: number, form: Record<string, unknown>) {
  return client
    .post(`/caisse/dossiers/${id}/decision`)
    .json(form)
    .loginAs(admin)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

test.group('C1 C2 S4 a state added by an analyst, in the caisse back office', (group) => {
  let definitionId: number
  group.setup(async () => {
    definitionId = await publishConventionWithPieces()
  })

  test('C2 S4 « Demander des pièces » renders its three fields, refuses a missing message in French, then moves the record to « Pièces complémentaires demandées »', async ({
    client,
    assert,
  }) => {
    const admin = await hdfAdmin()
    const instance = await pendingConvention({ caisseCode: 'CARSAT-HDF' })
    assert.equal(instance.definitionId, definitionId, 'started on the published version')

    const props = await itemPage(client, admin, instance.id)
    assert.deepEqual(
      props.actions.map((action) => [action.event, action.label, action.tone]),
      [
        ['VALIDATE', 'Valider', 'accept'],
        ['INVALIDATE', 'Invalider', 'refuse'],
        /** A form is no refusal: the event's button is neutral, as its definition says by saying nothing */
        ['DEMANDER_PIECES', 'Demander des pièces', 'neutral'],
      ]
    )
    const ask = props.actions[2]
    assert.deepEqual(
      ask.fields.map((field) => [field.name, field.type, field.required, field.label]),
      [
        ['message', 'textarea', true, 'Message au partenaire'],
        ['requestedType', 'select', false, 'Type de convention concerné'],
        ['urgent', 'checkbox', false, 'Demande urgente'],
      ]
    )
    const types = await ConventionType.query().where('active', true).orderBy('label')
    assert.deepEqual(
      ask.fields[1].options,
      types.map((type) => ({ value: String(type.id), label: type.label })),
      'the list offers the reference data of its source'
    )
    const evaluation = types.find((type) => type.code === 'EVALUATION') ?? types[0]

    /** A missing message: 422, the compiled rule's French message next to the field */
    const refused = await decide(client, admin, instance.id, {
      event: 'DEMANDER_PIECES',
      lockVersion: props.item.lockVersion,
      message: '  ',
      requestedType: String(evaluation.id),
      urgent: true,
    })
    refused.assertStatus(422)
    const refusedProps = refused.inertiaProps as ShowProps
    assert.equal(refusedProps.errors.message, 'Le champ « Message au partenaire » est obligatoire.')
    await instance.refresh()
    assert.equal(instance.state, 'pending')

    /** A type that is no reference row is refused too */
    const unknownType = await decide(client, admin, instance.id, {
      event: 'DEMANDER_PIECES',
      lockVersion: props.item.lockVersion,
      message: 'Merci de joindre le RIB.',
      requestedType: '999999',
    })
    unknownType.assertStatus(422)
    assert.property((unknownType.inertiaProps as ShowProps).errors, 'requestedType')

    const accepted = await decide(client, admin, instance.id, {
      event: 'DEMANDER_PIECES',
      lockVersion: props.item.lockVersion,
      message: 'Merci de joindre le RIB.',
      requestedType: String(evaluation.id),
      urgent: true,
    })
    accepted.assertStatus(302)
    await instance.refresh()
    assert.equal(instance.state, 'pieces_demandees')
    assert.equal(instance.snapshot.context.message, 'Merci de joindre le RIB.')
    assert.equal(instance.snapshot.context.urgent, true)

    /** The item page: the state by its title, the history with what was asked, no decision left */
    const after = await itemPage(client, admin, instance.id)
    assert.equal(after.item.state, TITLE)
    assert.isFalse(after.item.pending)
    assert.deepEqual(after.actions, [])
    const last = after.history[after.history.length - 1]
    assert.equal(last.event, 'Demander des pièces')
    assert.equal(last.from, 'Convention en attente de validation')
    assert.equal(last.to, TITLE)
    assert.deepEqual(last.details, [
      { label: 'Message au partenaire', value: 'Merci de joindre le RIB.' },
      { label: 'Type de convention concerné', value: evaluation.label },
      { label: 'Demande urgente', value: 'Oui' },
    ])
    const shown = JSON.stringify(after)
    assert.notInclude(shown, '"pieces_demandees"', 'never the state id')
  })

  test('C1 S4 the record leaves « Dossiers à traiter » while the partner must act, and comes back after « Transmettre les pièces »', async ({
    client,
    assert,
  }) => {
    const admin = await hdfAdmin()
    const instance = await pendingConvention({ caisseCode: 'CARSAT-HDF' })

    const before = await queue(client, admin)
    const row = before.rows.find((candidate) => candidate.id === instance.id)
    assert.exists(row, 'waiting for the caisse')
    assert.equal(row!.state, 'Convention en attente de validation')
    assert.deepInclude(before.kinds, { value: 'convention', label: 'Convention' })

    const props = await itemPage(client, admin, instance.id)
    const accepted = await decide(client, admin, instance.id, {
      event: 'DEMANDER_PIECES',
      lockVersion: props.item.lockVersion,
      message: 'Le RIB manque.',
    })
    accepted.assertStatus(302)

    const waiting = await queue(client, admin)
    assert.notInclude(
      waiting.rows.map((candidate) => candidate.id),
      instance.id,
      'the partner must act: not in the caisse’s queue'
    )

    /** The partner's administrator sends the pieces through the engine */
    const partnerAdmin = await UserFactory.merge({ partnerId: instance.partnerId })
      .apply('partnerAdmin')
      .create()
    await engine.send(
      instance.id,
      { type: 'TRANSMETTRE_PIECES' },
      { id: partnerAdmin.id, role: 'partner_admin', partnerId: instance.partnerId, caisseIds: [] }
    )
    const reloaded = await WorkflowInstance.findOrFail(instance.id)
    assert.equal(reloaded.state, 'pending')

    const back = await queue(client, admin)
    const again = back.rows.find((candidate) => candidate.id === instance.id)
    assert.exists(again, 'back in the caisse’s queue')
    assert.equal(again!.state, 'Convention en attente de validation')

    /** The partner's « Conventions » tab names the events by their labels and the states by their titles */
    const tab = await client
      .get('/administration')
      .qs({ onglet: 'conventions' })
      .loginAs(partnerAdmin)
      .withInertia()
    tab.assertStatus(200)
    const events = (tab.inertiaProps as RegistrationPageProps).conventionEvents[
      String(instance.subjectId)
    ].map((event) => event.action)
    assert.deepEqual(events.slice(0, 2), [
      'Transmettre les pièces – Convention en attente de validation',
      `Demander des pièces – ${TITLE}`,
    ])
    assert.notInclude(JSON.stringify(events), 'pieces_demandees')
  })
})
