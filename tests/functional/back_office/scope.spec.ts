import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import engine from '#workflow/engine'
import {
  auditRows,
  caisse,
  caisseAdmin,
  pendingConvention,
  submittedPreinscription,
} from './support.js'

/**
 * C1–C2 scope, checked on the server: a caisse administrator lists, opens
 * and decides only the records routed to their caisses, whatever id they
 * type; other roles have no back office at all.
 */
async function expectStatus(
  request: PromiseLike<{ assertStatus(status: number): void }>,
  status: number
) {
  const response = await request
  response.assertStatus(status)
}

test.group('C1 C2 scope of the caisse back office', () => {
  test('C1 visitors are sent to sign in; partner users and analysts are refused (403)', async ({
    client,
  }) => {
    const instance = await pendingConvention({ caisseCode: 'CARSAT-HDF' })

    for (const path of ['/caisse/dossiers', `/caisse/dossiers/${instance.id}`]) {
      const visitor = await client.get(path).redirects(0)
      visitor.assertStatus(302)
      visitor.assertHeader('location', '/connexion')
    }
    const visitorDecision = await client
      .post(`/caisse/dossiers/${instance.id}/decision`)
      .form({ event: 'VALIDATE', lockVersion: instance.lockVersion })
      .withCsrfToken()
      .redirects(0)
    visitorDecision.assertStatus(302)
    visitorDecision.assertHeader('location', '/connexion')

    for (const login of ['partenaire1', 'analyste']) {
      const user = await User.findByOrFail('login_key', login)
      await expectStatus(client.get('/caisse/dossiers').loginAs(user), 403)
      await expectStatus(client.get(`/caisse/dossiers/${instance.id}`).loginAs(user), 403)
      const decision = await client
        .post(`/caisse/dossiers/${instance.id}/decision`)
        .form({ event: 'VALIDATE', lockVersion: instance.lockVersion })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
      decision.assertStatus(403)
    }
    await instance.refresh()
    if (instance.state !== 'pending') throw new Error('the record was decided by an outsider')
  })

  test('C1 C2 another caisse’s administrator cannot list, open or decide an item (403)', async ({
    client,
    assert,
  }) => {
    const normandie = await caisseAdmin(['CARSAT-NO'])
    const preinscription = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    const convention = await pendingConvention({ caisseCode: 'CARSAT-HDF' })

    const list = await client.get('/caisse/dossiers').loginAs(normandie).withInertia()
    list.assertStatus(200)
    const listed = (list.inertiaProps.rows as Array<{ id: number }>).map((row) => row.id)
    assert.notInclude(listed, preinscription.id)
    assert.notInclude(listed, convention.id)
    /** Even when searching for it by name */
    const searched = await client
      .get('/caisse/dossiers')
      .qs({ recherche: String(preinscription.snapshot.context.partnerName) })
      .loginAs(normandie)
      .withInertia()
    assert.lengthOf(searched.inertiaProps.rows as unknown[], 0)

    for (const instance of [preinscription, convention]) {
      const before = await auditRows(instance.id)
      await expectStatus(client.get(`/caisse/dossiers/${instance.id}`).loginAs(normandie), 403)
      for (const event of ['VALIDATE', 'INVALIDATE']) {
        const decision = await client
          .post(`/caisse/dossiers/${instance.id}/decision`)
          .form({ event, lockVersion: instance.lockVersion, reason: 'Pas ma caisse' })
          .loginAs(normandie)
          .withCsrfToken()
          .withInertia()
          .redirects(0)
        decision.assertStatus(403)
      }
      const after = await WorkflowInstance.findOrFail(instance.id)
      assert.equal(after.state, instance.state)
      assert.equal(after.lockVersion, instance.lockVersion)
      assert.lengthOf(await auditRows(instance.id), before.length)
    }
  })

  test('C2 guessed ids: every record outside the administrator’s caisses is refused', async ({
    client,
    assert,
  }) => {
    const normandie = await caisseAdmin(['CARSAT-NO'])
    const own = await pendingConvention({ caisseCode: 'CARSAT-NO' })
    await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    await pendingConvention({ caisseCode: 'CARSAT-PL' })
    /** A record not routed to any caisse yet */
    await engine.start(
      'preinscription',
      {},
      {
        id: null,
        role: 'visitor',
        partnerId: null,
        caisseIds: [],
      }
    )
    const carsatNo = await caisse('CARSAT-NO')

    const instances = await WorkflowInstance.query().orderBy('id')
    const maxId = instances[instances.length - 1].id
    let refused = 0
    for (const instance of instances) {
      const response = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(normandie)
      if (instance.caisseId === carsatNo.id) {
        response.assertStatus(200)
      } else {
        response.assertStatus(403)
        refused++
      }
    }
    assert.isAbove(refused, 1)
    await expectStatus(client.get(`/caisse/dossiers/${own.id}`).loginAs(normandie), 200)
    await expectStatus(client.get(`/caisse/dossiers/${maxId + 1}`).loginAs(normandie), 404)
    await expectStatus(client.get(`/caisse/dossiers/${maxId + 1000}`).loginAs(normandie), 404)

    /** Decisions on every other record: all refused, nothing moved */
    const others = instances.filter((instance) => instance.caisseId !== carsatNo.id)
    const audit = await db.from('workflow_transitions').count('* as total')
    for (const instance of others) {
      const decision = await client
        .post(`/caisse/dossiers/${instance.id}/decision`)
        .form({ event: 'INVALIDATE', lockVersion: instance.lockVersion, reason: 'Devine' })
        .loginAs(normandie)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
      decision.assertStatus(403)
    }
    const auditAfter = await db.from('workflow_transitions').count('* as total')
    assert.equal(Number(auditAfter[0].total), Number(audit[0].total))
  })
})
