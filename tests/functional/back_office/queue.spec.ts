import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { COUNT_LIMIT } from '#services/back_office/queue'
import engine from '#workflow/engine'
import { caisseActorOf } from '#services/back_office/scope'
import type { QueuePageProps } from '#transformers/back_office/queue'
import {
  caisseAdmin,
  pendingConvention,
  siretFrom,
  submittedPreinscription,
  unique,
} from './support.js'

const FRENCH_DATE = /^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/

test.group('C1 « Dossiers à traiter »', () => {
  test('C1 lists only the pending items of the administrator’s caisses, oldest first', async ({
    client,
    assert,
  }) => {
    const admin = await caisseAdmin(['CARSAT-BR'])
    const first = await submittedPreinscription({ caisseCode: 'CARSAT-BR' })
    const second = await pendingConvention({ caisseCode: 'CARSAT-BR' })
    const third = await submittedPreinscription({ caisseCode: 'CARSAT-BR' })
    /** Another caisse's items, an item already decided, one not yet submitted */
    await submittedPreinscription({ caisseCode: 'CARSAT-PL' })
    await pendingConvention({ caisseCode: 'CARSAT-PL' })
    const decided = await pendingConvention({ caisseCode: 'CARSAT-BR' })
    await engine.send(
      decided.id,
      { type: 'INVALIDATE', payload: { reason: 'Doublon' } },
      await caisseActorOf(admin)
    )
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

    const response = await client.get('/caisse/dossiers').loginAs(admin).withInertia()

    response.assertStatus(200)
    response.assertInertiaComponent('back_office/items/index')
    const props = response.inertiaProps as QueuePageProps
    assert.deepEqual(
      props.rows.map((row) => row.id),
      [first.id, second.id, third.id]
    )
    assert.deepEqual(
      props.rows.map((row) => row.kind),
      ['Préinscription', 'Convention', 'Préinscription']
    )
    for (const row of props.rows) {
      assert.equal(row.caisseName, 'CARSAT Bretagne')
      assert.match(row.receivedAt, FRENCH_DATE)
      assert.isNotNull(row.partnerName)
      assert.match(row.siret ?? '', /^\d{14}$/)
      assert.isNotNull(row.conventionCode)
    }
    assert.equal(props.rows[0].partnerName, first.snapshot.context.partnerName)
    assert.equal(props.rows[0].conventionCode, first.snapshot.context.conventionCode)
    assert.equal(props.pagination.total, 3)
    assert.deepEqual(props.kinds.map((kind) => kind.label).sort(), ['Convention', 'Préinscription'])
  })

  test('C1 an administrator of two caisses sees both queues, and filters by type', async ({
    client,
    assert,
  }) => {
    const admin = await caisseAdmin(['CARSAT-MP', 'CARSAT-LR'])
    const mp = await submittedPreinscription({ caisseCode: 'CARSAT-MP' })
    const lr = await pendingConvention({ caisseCode: 'CARSAT-LR' })

    const all = await client.get('/caisse/dossiers').loginAs(admin).withInertia()
    assert.deepEqual(
      (all.inertiaProps as QueuePageProps).rows.map((row) => [row.id, row.caisseName]),
      [
        [mp.id, 'CARSAT Midi-Pyrénées'],
        [lr.id, 'CARSAT Languedoc-Roussillon'],
      ]
    )

    const conventions = await client
      .get('/caisse/dossiers')
      .qs({ type: 'convention' })
      .loginAs(admin)
      .withInertia()
    const props = conventions.inertiaProps as QueuePageProps
    assert.deepEqual(
      props.rows.map((row) => row.id),
      [lr.id]
    )
    assert.equal(props.filters.kind, 'convention')

    const preinscriptions = await client
      .get('/caisse/dossiers')
      .qs({ type: 'preinscription' })
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      (preinscriptions.inertiaProps as QueuePageProps).rows.map((row) => row.id),
      [mp.id]
    )

    /** An unknown type is ignored, not an error */
    const unknown = await client
      .get('/caisse/dossiers')
      .qs({ type: 'nimporte' })
      .loginAs(admin)
      .withInertia()
    unknown.assertStatus(200)
    assert.lengthOf((unknown.inertiaProps as QueuePageProps).rows, 2)
  })

  test('C1 paging: 20 items a page, oldest first across the pages', async ({ client, assert }) => {
    const admin = await caisseAdmin(['CARSAT-AQ'])
    const created: number[] = []
    for (let index = 0; index < 22; index++) {
      const { id } = await pendingConvention({ caisseCode: 'CARSAT-AQ' })
      created.push(id)
    }

    const pageOne = await client.get('/caisse/dossiers').loginAs(admin).withInertia()
    const one = pageOne.inertiaProps as QueuePageProps
    assert.deepEqual(
      one.rows.map((row) => row.id),
      created.slice(0, 20)
    )
    assert.equal(one.pagination.total, 22)
    assert.equal(one.pagination.perPage, 20)
    assert.isNull(one.pagination.previous)
    assert.isString(one.pagination.next)

    /** Keyset paging: the next page starts after the last row shown */
    const pageTwo = await client
      .get('/caisse/dossiers')
      .qs({ apres: one.pagination.next })
      .loginAs(admin)
      .withInertia()
    const two = pageTwo.inertiaProps as QueuePageProps
    assert.deepEqual(
      two.rows.map((row) => row.id),
      created.slice(20)
    )
    assert.equal(two.pagination.total, 22)
    assert.isNull(two.pagination.next)
    assert.isString(two.pagination.previous)

    /** « Page précédente »: the 20 rows before the first one shown */
    const back = await client
      .get('/caisse/dossiers')
      .qs({ avant: two.pagination.previous })
      .loginAs(admin)
      .withInertia()
    const again = back.inertiaProps as QueuePageProps
    assert.deepEqual(
      again.rows.map((row) => row.id),
      created.slice(0, 20)
    )
    assert.isNull(again.pagination.previous)
    assert.equal(again.pagination.next, one.pagination.next)

    /** A cursor that is not one falls back to the first page */
    const bad = await client
      .get('/caisse/dossiers')
      .qs({ apres: 'abc', avant: "1' OR 1=1" })
      .loginAs(admin)
      .withInertia()
    bad.assertStatus(200)
    assert.deepEqual(
      (bad.inertiaProps as QueuePageProps).rows.map((row) => row.id),
      created.slice(0, 20)
    )
  })

  test('C1 the count stops at COUNT_LIMIT: « plus de 1 000 », the pages still go to the end', async ({
    client,
    assert,
  }) => {
    const admin = await caisseAdmin(['CARSAT-AU'])
    const { id } = await pendingConvention({ caisseCode: 'CARSAT-AU' })
    /** COUNT_LIMIT copies of that pending record (what the engine writes, its dates moved on) */
    const row = await db.from('workflow_instances').where('id', id).firstOrFail()
    delete row.id
    /** SQLite's `SELECT *` reads the generated column too (migration 0091) */
    delete row.context_siret
    const copies = Array.from({ length: COUNT_LIMIT }, (_, index) => ({
      ...row,
      updated_at: new Date(Date.parse('2030-01-01T00:00:00Z') + index * 1000)
        .toISOString()
        .slice(0, 19)
        .replace('T', ' '),
    }))
    for (let from = 0; from < copies.length; from += 200) {
      await db.table('workflow_instances').multiInsert(copies.slice(from, from + 200))
    }

    const first = await client.get('/caisse/dossiers').loginAs(admin).withInertia()
    const props = first.inertiaProps as QueuePageProps
    assert.equal(props.rows[0].id, id)
    assert.deepEqual(
      { total: props.pagination.total, exceeds: props.pagination.totalExceeds },
      { total: COUNT_LIMIT, exceeds: true }
    )

    /** The last page, by its cursors: the whole queue is there, once */
    const seen = new Set(props.rows.map((listed) => listed.id))
    let next = props.pagination.next
    while (next) {
      const page = await client
        .get('/caisse/dossiers')
        .qs({ apres: next })
        .loginAs(admin)
        .withInertia()
      const rows = (page.inertiaProps as QueuePageProps).rows
      for (const listed of rows) seen.add(listed.id)
      next = (page.inertiaProps as QueuePageProps).pagination.next
    }
    assert.equal(seen.size, COUNT_LIMIT + 1)

    /** Exactly COUNT_LIMIT is counted as it is */
    await db.from('workflow_instances').where('id', id).update({ status: 'done' })
    const exact = await client.get('/caisse/dossiers').loginAs(admin).withInertia()
    assert.deepEqual(
      {
        total: (exact.inertiaProps as QueuePageProps).pagination.total,
        exceeds: (exact.inertiaProps as QueuePageProps).pagination.totalExceeds,
      },
      { total: COUNT_LIMIT, exceeds: false }
    )
  })

  test('C1 search by partner name, SIRET and code convention', async ({ client, assert }) => {
    const admin = await caisseAdmin(['CARSAT-CVL'])
    const suffix = unique()
    const tilleuls = await submittedPreinscription({
      caisseCode: 'CARSAT-CVL',
      partnerName: `Résidence Les Tilleuls ${suffix}`,
      siret: siretFrom('1111111111111'),
      conventionCode: `TIL_${suffix}`,
    })
    const loire = await pendingConvention({
      caisseCode: 'CARSAT-CVL',
      partnerName: `Aide à Domicile Loire ${suffix}`,
      siret: siretFrom('2222222222222'),
      conventionCode: `ADL-${suffix}`,
    })
    /** The same name in another caisse is never found */
    await submittedPreinscription({
      caisseCode: 'CARSAT-CO',
      partnerName: `Résidence Les Tilleuls ${suffix}`,
    })

    const search = async (term: string) => {
      const response = await client
        .get('/caisse/dossiers')
        .qs({ recherche: term })
        .loginAs(admin)
        .withInertia()
      response.assertStatus(200)
      return (response.inertiaProps as QueuePageProps).rows.map((row) => row.id)
    }

    assert.deepEqual(await search('tilleuls'), [tilleuls.id], 'partner name, any case')
    assert.deepEqual(await search(`DOMICILE LOIRE ${suffix}`), [loire.id], 'convention partner')
    assert.deepEqual(await search(siretFrom('2222222222222')), [loire.id], 'SIRET')
    assert.deepEqual(
      await search(siretFrom('1111111111111').replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 ')),
      [tilleuls.id],
      'SIRET typed with spaces'
    )
    assert.deepEqual(await search(`til_${suffix}`), [tilleuls.id], 'code convention')
    assert.deepEqual(await search(`ADL-${suffix}`), [loire.id], 'code convention')
    assert.deepEqual(await search(suffix), [tilleuls.id, loire.id], 'several matches, oldest first')
    assert.deepEqual(await search('%'), [], 'a wildcard is taken literally')
    assert.deepEqual(await search('_'), [tilleuls.id], 'an underscore is taken literally')
    assert.deepEqual(await search('introuvable-zzz'), [])

    const filtered = await client
      .get('/caisse/dossiers')
      .qs({ recherche: 'tilleuls', type: 'convention' })
      .loginAs(admin)
      .withInertia()
    assert.lengthOf((filtered.inertiaProps as QueuePageProps).rows, 0, 'search and type combine')
  })

  test('C1 « Dossiers à traiter » is in « Les services » of caisse administrators only', async ({
    client,
    assert,
  }) => {
    const caisse = await User.findByOrFail('login_key', 'caissehdf')
    const partner = await User.findByOrFail('login_key', 'partenaire1')
    const analyst = await User.findByOrFail('login_key', 'analyste')

    const services = async (user: User) => {
      const response = await client.get('/services').loginAs(user).withInertia()
      return (response.inertiaProps.services as Array<{ label: string; href: string }>).map(
        (service) => `${service.label} ${service.href}`
      )
    }
    assert.include(await services(caisse), 'Dossiers à traiter /caisse/dossiers')
    assert.notInclude(await services(partner), 'Dossiers à traiter /caisse/dossiers')
    assert.notInclude(await services(analyst), 'Dossiers à traiter /caisse/dossiers')
  })
})
