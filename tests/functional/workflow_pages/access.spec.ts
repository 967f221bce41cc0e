import { test } from '@japa/runner'
import User from '#models/user'
import Caisse from '#models/caisse'
import WorkflowInstance from '#models/workflow_instance'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'

/** W2: who may open a record through the generic pages */
test.group('W2 workflow pages access', () => {
  test('R1 a visitor cannot open or move a record another visitor started (403)', async ({
    client,
    assert,
  }) => {
    const owner = new Visitor(client)
    const path = Visitor.instancePath(
      await owner.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', {
        accepted: true,
      })
    )
    const own = await owner.visit(path)
    own.assertStatus(200)

    const stranger = new Visitor(client)
    const page = await stranger.visit(path)
    page.assertStatus(403)
    page.assertInertiaComponent('workflow/refused')
    assert.equal(page.inertiaProps.message, "Vous n'êtes pas autorisé à consulter ce dossier.")
    assert.isNull(page.inertiaProps.backUrl)

    const moved = await stranger.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`)
    moved.assertStatus(403)
    assert.include(JSON.stringify(moved.body()), 'autorisé')
  })

  test('W2 a signed-in partner may not start a visitor-only journey (403 in French)', async ({
    client,
  }) => {
    const user = await User.findByOrFail('login_key', 'partenaire1')
    const page = await client.get('/parcours/preinscription').withInertia().loginAs(user)
    page.assertStatus(403)
    page.assertInertiaComponent('workflow/refused')
    page.assertInertiaPropsContains({
      message: "Vous n'êtes pas autorisé à effectuer cette action sur ce dossier.",
    })

    const refused = await client
      .post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS')
      .json({ accepted: true })
      .withCsrfToken()
      .withInertia()
      .loginAs(user)
    refused.assertStatus(403)
    refused.assertInertiaComponent('workflow/refused')
  })

  test('R5 C1 the chosen caisse’s administrator opens the record with its decisions; others get 403', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const { payload } = await cielBleu({ adminLogin: 'AccessTest1' })
    Visitor.instancePath(await visitor.post(`${path}/evenements/SUBMIT`, payload))

    const caisseAdmin = await User.findByOrFail('login_key', 'caissehdf')
    const page = await client.get(path).withInertia().loginAs(caisseAdmin)
    page.assertStatus(200)
    page.assertInertiaComponent('workflow/step')
    assert.deepEqual(
      page.inertiaProps.forms.map((form: { event: string; submitLabel: string }) => [
        form.event,
        form.submitLabel,
      ]),
      [
        ['VALIDATE', 'Valider'],
        ['INVALIDATE', 'Invalider'],
      ]
    )
    assert.containsSubset(page.inertiaProps.screen.display, [
      { label: 'Login', value: 'AccessTest1' },
      { label: 'Téléphone (Administrateur)', value: '03 21 00 00 00' },
    ])

    const otherCaisse = await Caisse.findByOrFail('code', 'CARSAT-RA')
    const otherAdmin = await User.create({
      login: 'caisseRA',
      lastName: 'AUTRE',
      firstName: 'Anne',
      email: 'caissera@carsat-ra.demo',
      password: 'Demo2026',
      role: 'caisse_admin',
    })
    await otherAdmin.related('caisses').attach([otherCaisse.id])
    const refused = await client.get(path).withInertia().loginAs(otherAdmin)
    refused.assertStatus(403)
    const partner = await User.findByOrFail('login_key', 'partenaire1')
    const alsoRefused = await client.get(path).withInertia().loginAs(partner)
    alsoRefused.assertStatus(403)
  })

  test('W2 an unknown journey or record is a 404 page, an event the state does not take a 409', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const unknown = await visitor.visit('/parcours/inconnu')
    unknown.assertStatus(404)
    unknown.assertInertiaComponent('workflow/refused')
    assert.equal(unknown.inertiaProps.message, "Ce parcours n'est pas disponible.")
    const noRecord = await visitor.visit('/dossiers/999999')
    noRecord.assertStatus(404)

    const path = Visitor.instancePath(
      await visitor.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', {
        accepted: true,
      })
    )
    const again = await visitor.post(`${path}/evenements/ACCEPT_CONDITIONS`, { accepted: true })
    again.assertStatus(409)
    assert.deepInclude(again.body(), {
      error: { status: 409, code: 'E_WORKFLOW_CONFLICT', message: 'Ce dossier a déjà été traité.' },
    })
    const bogus = await visitor.post(`${path}/evenements/DROP_TABLES`)
    bogus.assertStatus(422)
  })

  test('R1 R2 a visitor cannot skip the conditions and the convention-code question', async ({
    client,
    assert,
  }) => {
    const before = await WorkflowInstance.query().count('* as total')
    const { payload } = await cielBleu({ adminLogin: 'Skipper1' })
    const skipped = await new Visitor(client).post(
      '/parcours/preinscription/evenements/SUBMIT',
      payload
    )
    skipped.assertStatus(409)
    const after = await WorkflowInstance.query().count('* as total')
    assert.equal(after[0].$extras.total, before[0].$extras.total, 'no record is left behind')
  })
})
