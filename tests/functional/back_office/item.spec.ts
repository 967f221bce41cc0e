import { test } from '@japa/runner'
import User from '#models/user'
import type { ItemPageProps } from '#transformers/back_office/item'
import { auditRows, pendingConvention, submittedPreinscription } from './support.js'

/** A refused decision's page always carries its field errors */
type ShowProps = ItemPageProps & { errors: Record<string, string> }

const CONFLICT = 'Ce dossier a déjà été traité.'

function fieldsOf(props: ShowProps, title: string) {
  const section = props.submitted.find((candidate) => candidate.title === title)
  return Object.fromEntries((section?.fields ?? []).map((field) => [field.label, field.value]))
}

async function demoCaisseAdmin() {
  return User.findByOrFail('login_key', 'caissehdf')
}

test.group('C2 an item of « Dossiers à traiter »', () => {
  test('C2 the item page shows what was submitted, with the form’s labels, and its history', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const partnerName = '<script>alert("x")</script> Ciel & Bleu'
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF', partnerName })

    const response = await client
      .get(`/caisse/dossiers/${instance.id}`)
      .loginAs(admin)
      .withInertia()

    response.assertStatus(200)
    response.assertInertiaComponent('back_office/items/show')
    const props = response.inertiaProps as ShowProps
    assert.equal(props.item.kind, 'Préinscription')
    assert.equal(props.item.state, 'Préinscription en attente de validation')
    assert.isTrue(props.item.pending)
    assert.equal(props.item.lockVersion, instance.lockVersion)
    assert.equal(props.item.caisseName, 'CARSAT Hauts-de-France')
    assert.equal(props.item.partnerName, partnerName, 'kept as typed: the page prints it as text')

    const partner = fieldsOf(props, 'Informations partenaire')
    assert.equal(partner['Régime'], 'CNAV – régime général', 'a select shows its label')
    assert.equal(partner['Caisse'], 'CARSAT Hauts-de-France')
    assert.equal(partner['Nom partenaire'], partnerName)
    assert.equal(partner['Code convention'], instance.snapshot.context.conventionCode)
    assert.equal(partner['SIRET'], instance.snapshot.context.siret)
    assert.equal(fieldsOf(props, 'Administrateur')['Login'], instance.snapshot.context.adminLogin)
    assert.equal(fieldsOf(props, 'Adresse')['Nom commune'], 'Arras')
    /** Secrets are never shown */
    const labels = props.submitted.flatMap((section) => [
      section.title,
      ...section.fields.map((field) => field.label),
    ])
    assert.notInclude(labels.join(' | ').toLowerCase(), 'captcha')
    assert.notInclude(labels.join(' | ').toLowerCase(), 'mot de passe')

    /** History: who, what, when (Paris time), from → to */
    const audit = await auditRows(instance.id)
    assert.deepEqual(
      props.history.map((entry) => entry.seq),
      audit.map((row) => row.seq)
    )
    assert.equal(props.history[0].event, 'Création du dossier')
    assert.equal(props.history[0].actor, 'Visiteur')
    const submitted = props.history[props.history.length - 1]
    assert.equal(submitted.to, 'Préinscription en attente de validation')
    assert.equal(submitted.from, 'Formulaire de préinscription')
    const last = audit[audit.length - 1]
    assert.equal(
      submitted.at,
      last.createdAt.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH:mm")
    )
    assert.match(submitted.atIso, /\+0[12]:00$/)

    /** The decisions: « Valider », « Invalider » with its reason; their buttons' tones (events.<E>.tone) */
    assert.deepEqual(
      props.actions.map((action) => [action.event, action.label, action.tone]),
      [
        ['VALIDATE', 'Valider', 'accept'],
        ['INVALIDATE', 'Invalider', 'refuse'],
      ]
    )
    assert.deepEqual(
      props.actions[1].fields.map((field) => field.name),
      ['reason']
    )

    /** The first load (HTML) never carries the partner's text as markup */
    const html = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin)
    html.assertStatus(200)
    assert.notInclude(html.text(), '<script>alert("x")</script>')
  })

  test('C2 a convention item shows its data, its partner and « Valider »', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const instance = await pendingConvention({
      caisseCode: 'CARSAT-HDF',
      partnerName: 'Association Convention Test',
      conventionCode: 'CL19720812',
    })

    const response = await client
      .get(`/caisse/dossiers/${instance.id}`)
      .loginAs(admin)
      .withInertia()
    const props = response.inertiaProps as ShowProps
    assert.equal(props.item.kind, 'Convention')
    assert.equal(props.item.partnerName, 'Association Convention Test')
    assert.equal(props.item.conventionCode, 'CL19720812')
    assert.equal(fieldsOf(props, 'Données du dossier')['Code convention'], 'CL19720812')
    assert.equal(props.history[0].actor, 'Application')

    const decision = await client
      .post(`/caisse/dossiers/${instance.id}/decision`)
      .form({ event: 'VALIDATE', lockVersion: props.item.lockVersion })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    decision.assertStatus(302)
    decision.assertHeader('location', `/caisse/dossiers/${instance.id}`)

    await instance.refresh()
    assert.equal(instance.state, 'validated')
    const audit = await auditRows(instance.id)
    const row = audit[audit.length - 1]
    assert.equal(row.event, 'VALIDATE')
    assert.equal(row.actorId, admin.id)
    assert.equal(row.actorRole, 'caisse_admin')
    assert.equal(row.fromState, 'pending')
    assert.equal(row.toState, 'validated')
  })

  test('C2 « Invalider » with a reason invalidates the item and records it', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    const { length: before } = await auditRows(instance.id)

    const decision = await client
      .post(`/caisse/dossiers/${instance.id}/decision`)
      .form({
        event: 'INVALIDATE',
        lockVersion: instance.lockVersion,
        reason: 'Le code convention ne correspond à aucune convention.',
      })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    decision.assertStatus(302)

    await instance.refresh()
    assert.equal(instance.state, 'invalidated')
    assert.equal(
      (instance.snapshot.context.decision as { reason: string }).reason,
      'Le code convention ne correspond à aucune convention.'
    )
    const audit = await auditRows(instance.id)
    assert.lengthOf(audit, before + 1)
    assert.equal(audit[before].event, 'INVALIDATE')
    assert.equal(audit[before].actorId, admin.id)
    assert.deepEqual(audit[before].payload, {
      reason: 'Le code convention ne correspond à aucune convention.',
    })

    /** The page now shows the new state, the reason in the history, and no decision */
    const page = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin).withInertia()
    const props = page.inertiaProps as ShowProps
    assert.equal(props.item.state, 'Préinscription invalidée')
    assert.isFalse(props.item.pending)
    assert.lengthOf(props.actions, 0)
    const last = props.history[props.history.length - 1]
    assert.equal(last.event, 'Invalider')
    assert.equal(last.actor, `${admin.fullName} (administrateur caisse)`)
    assert.deepEqual(last.details, [
      {
        label: "Motif de l'invalidation",
        value: 'Le code convention ne correspond à aucune convention.',
      },
    ])
  })

  test('C2 « Invalider » without a reason: 422 and the message next to the field', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    const { length: before } = await auditRows(instance.id)

    for (const reason of ['', '   ']) {
      const response = await client
        .post(`/caisse/dossiers/${instance.id}/decision`)
        .form({ event: 'INVALIDATE', lockVersion: instance.lockVersion, reason })
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
        .redirects(0)

      response.assertStatus(422)
      response.assertInertiaComponent('back_office/items/show')
      const props = response.inertiaProps as ShowProps
      assert.match(props.errors.reason, /^Le champ « Motif de l.invalidation » est obligatoire\.$/)
      assert.isTrue(props.item.pending)
    }

    await instance.refresh()
    assert.equal(instance.state, 'submitted')
    assert.lengthOf(await auditRows(instance.id), before)
  })

  test('C2 a decision taken on a page already decided is refused with 409', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const instance = await pendingConvention({ caisseCode: 'CARSAT-HDF' })
    const seen = instance.lockVersion

    const send = (event: string) =>
      client
        .post(`/caisse/dossiers/${instance.id}/decision`)
        .form({ event, lockVersion: seen, reason: 'Convention inconnue' })
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
        .redirects(0)

    const first = await send('VALIDATE')
    first.assertStatus(302)
    const late = await send('INVALIDATE')
    late.assertStatus(409)
    late.assertInertiaComponent('back_office/items/show')
    const props = late.inertiaProps as ShowProps
    assert.equal(props.alert, CONFLICT)
    assert.equal(props.item.state, 'Convention validée')
    assert.lengthOf(props.actions, 0)

    await instance.refresh()
    assert.equal(instance.state, 'validated')
  })

  test('C2 an event that is not a caisse decision is refused, never a 500', async ({
    client,
    assert,
  }) => {
    const admin = await demoCaisseAdmin()
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    for (const event of ['SUBMIT', 'ACCEPT_CONDITIONS', 'NOPE']) {
      const response = await client
        .post(`/caisse/dossiers/${instance.id}/decision`)
        .form({ event, lockVersion: instance.lockVersion })
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
      response.assertStatus(422)
      assert.isString((response.inertiaProps as ShowProps).alert)
    }
    await instance.refresh()
    assert.equal(instance.state, 'submitted')
  })
})
