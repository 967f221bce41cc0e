import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import {
  addressForm,
  auditRowsOf,
  partnerForm,
  partnerWithAccounts,
  storedPartner,
} from './support.js'

/**
 * M9 authorisation matrix of « Administration » › « Modification
 * inscription »: every administration route and action × every kind of
 * visitor or account → the expected answer. Who is not refused acts on
 * their own partner only: ids sent in the query or the body are ignored.
 *
 * A route added under /administration without its rows here fails the
 * guard test at the end: add its rows (and its expected answers) first.
 */

const ACTORS = [
  'visitor',
  'partnerUser',
  'ownAdmin',
  'otherAdmin',
  'caisseAdmin',
  'analyst',
] as const
type Actor = (typeof ACTORS)[number]

const ACTOR_LABELS: Record<Actor, string> = {
  visitor: 'a visitor',
  partnerUser: 'a user of this partner who is not administrator',
  ownAdmin: 'an administrator of this partner',
  otherAdmin: 'an administrator of another partner',
  caisseAdmin: 'a caisse administrator',
  analyst: 'an analyst',
}

type Expected =
  { status: 200 } | { status: 302; location: string } | { status: 403 } | { status: 404 }

const SIGN_IN: Expected = { status: 302, location: '/connexion' }
const REFUSED: Expected = { status: 403 }
const SHOWN: Expected = { status: 200 }
/** An id of an account that is not of the administrator's partner */
const NOT_FOUND: Expected = { status: 404 }
const backTo = (tab: string): Expected => ({
  status: 302,
  location: `/administration?onglet=${tab}`,
})

type Row = {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  pattern: string
  action: string
  /** The request, carrying the target partner's id wherever a request could name one */
  send: (client: ApiClient, targetId: number, users: MatrixUsers) => ApiRequest
  expected: Record<Actor, Expected>
}

/** Users a request may name: a user (not administrator) of this partner and of the other one */
type MatrixUsers = { member: number; otherMember: number }

/** What a page may be asked, whatever ids ride along */
const READ: Record<Actor, Expected> = {
  visitor: SIGN_IN,
  partnerUser: REFUSED,
  ownAdmin: SHOWN,
  otherAdmin: SHOWN,
  caisseAdmin: REFUSED,
  analyst: REFUSED,
}

const page = (tab: string, action: string): Row => ({
  method: 'GET',
  pattern: '/administration',
  action,
  send: (client, targetId) =>
    client
      .get('/administration')
      .qs({ onglet: tab, partner_id: targetId, partnerId: targetId, id: targetId })
      .withInertia(),
  expected: READ,
})

const write = (pattern: string, tab: string, action: string, body: object): Row => ({
  method: 'PUT',
  pattern,
  action,
  send: (client, targetId) =>
    client
      .put(pattern)
      .json({ ...body, partner_id: targetId, partnerId: targetId, id: targetId })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo(tab),
    otherAdmin: backTo(tab),
    caisseAdmin: REFUSED,
    analyst: REFUSED,
  },
})

/** M8: a new convention with a code of its own (a code is unique at its caisse) */
const conventionChoice = { regimeId: 0, caisseId: 0, conventionTypeId: 0 }
let conventionCount = 0
const addConvention: Row = {
  method: 'POST',
  pattern: '/administration/conventions',
  action: '« Conventions » › « Valider » (ajout)',
  send: (client, targetId) =>
    client
      .post('/administration/conventions')
      .json({
        regimeId: String(conventionChoice.regimeId),
        caisseId: String(conventionChoice.caisseId),
        conventionTypeId: String(conventionChoice.conventionTypeId),
        code: `MAT${Date.now()}${++conventionCount}`,
        partner_id: targetId,
        partnerId: targetId,
        id: targetId,
      })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo('conventions'),
    otherAdmin: backTo('conventions'),
    caisseAdmin: REFUSED,
    analyst: REFUSED,
  },
}

/** M2 « Créer utilisateur » › « Valider »: a login of its own each time */
let createdUsers = 0
const createUser: Row = {
  method: 'POST',
  pattern: '/administration/utilisateurs',
  action: 'M2 « Utilisateurs » › « Créer utilisateur » › « Valider »',
  send: (client, targetId) =>
    client
      .post('/administration/utilisateurs')
      .json({
        lastName: 'MATRICE',
        firstName: 'Mathilde',
        email: 'matrice@exemple.fr',
        login: `Matrice${Date.now()}${++createdUsers}`,
        isAdministrator: false,
        partner_id: targetId,
        partnerId: targetId,
        id: targetId,
      })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo('utilisateurs'),
    otherAdmin: backTo('utilisateurs'),
    caisseAdmin: REFUSED,
    analyst: REFUSED,
  },
}

/**
 * M3 M4 « Valider » on an opened user, M5 its cross in « Action » › « OK »:
 * the route names a user of this partner, or of the other administrator's
 * partner; an administrator reaching another partner's user gets a 404.
 */
const userRow = (method: 'PUT' | 'DELETE', whose: 'this' | 'other'): Row => ({
  method,
  pattern: '/administration/utilisateurs/:id',
  action: `${method === 'PUT' ? 'M3 M4 « Valider » on an opened user' : 'M5 the cross in « Action » › « OK »'} of ${whose === 'this' ? 'this partner' : 'another partner'}`,
  send: (client, targetId, users) => {
    const url = `/administration/utilisateurs/${whose === 'this' ? users.member : users.otherMember}`
    const ids = { partner_id: targetId, partnerId: targetId }
    const request =
      method === 'PUT'
        ? client.put(url).json({
            lastName: 'MATRICE',
            firstName: 'Mathilde',
            phone: '06 11 22 33 44',
            email: 'matrice@exemple.fr',
            isAdministrator: false,
            ...ids,
          })
        : client.delete(url).json(ids)
    return request.withCsrfToken()
  },
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: whose === 'this' ? backTo('utilisateurs') : NOT_FOUND,
    otherAdmin: whose === 'this' ? NOT_FOUND : backTo('utilisateurs'),
    caisseAdmin: REFUSED,
    analyst: REFUSED,
  },
})

/** What the administration can change of a partner: its data, address, conventions and users */
async function storedState(partnerId: number) {
  const conventions = await Convention.query().where('partner_id', partnerId).orderBy('id')
  const users = await User.query().where('partner_id', partnerId).orderBy('id')
  return {
    ...(await storedPartner(partnerId)),
    conventions: conventions.map(({ caisseId, code, state }) => ({ caisseId, code, state })),
    users: users.map((user) => ({
      login: user.login,
      lastName: user.lastName,
      firstName: user.firstName,
      phone: user.phone,
      email: user.email,
      role: user.role,
      deleted: user.deletedAt !== null,
    })),
  }
}

const MATRIX: Row[] = [
  page('partenaires', '« Modification inscription », onglet « Partenaires »'),
  page('utilisateurs', 'onglet « Utilisateurs »'),
  page('adresse', 'onglet « Adresse »'),
  page('conventions', 'onglet « Conventions »'),
  write(
    '/administration/partenaire',
    'partenaires',
    '« Partenaires » › « Valider »',
    partnerForm({ name: 'Association Matrice', email: 'matrice@exemple.fr' })
  ),
  write(
    '/administration/adresse',
    'adresse',
    '« Adresse » › « Valider »',
    addressForm({ poBox: 'BP Matrice', city: 'Matriceville' })
  ),
  addConvention,
  createUser,
  userRow('PUT', 'this'),
  userRow('PUT', 'other'),
  userRow('DELETE', 'this'),
  userRow('DELETE', 'other'),
]

/** This partner (the target), another partner, and one account of each kind */
async function world() {
  const target = await partnerWithAccounts()
  const other = await partnerWithAccounts()
  const accounts: Record<Exclude<Actor, 'visitor'>, User> = {
    partnerUser: target.member,
    ownAdmin: target.admin,
    otherAdmin: other.admin,
    caisseAdmin: await UserFactory.apply('caisseAdmin').create(),
    analyst: await UserFactory.apply('analyst').create(),
  }
  return { target, other, accounts }
}

/** The Inertia page component of a response, JSON (Inertia visit) or HTML (first load) */
function componentOf(text: string): string | undefined {
  const json = /<script data-page="app" type="application\/json">([\s\S]*?)<\/script>/.exec(text)
  return (JSON.parse(json ? json[1] : text) as { component?: string }).component
}

function describe(expected: Expected) {
  if (expected.status === 302) return `302 to ${expected.location}`
  return String(expected.status)
}

test.group('M9 authorisation matrix of the partner administration', (group) => {
  group.setup(async () => {
    const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    const type = await ConventionType.findByOrFail('code', 'EVALUATION')
    Object.assign(conventionChoice, {
      regimeId: caisse.regimeId,
      caisseId: caisse.id,
      conventionTypeId: type.id,
    })
  })

  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      const expected = row.expected[actor]
      test(`M9 ${row.method} ${row.pattern} (${row.action}) by ${ACTOR_LABELS[actor]} → ${describe(expected)}`, async ({
        client,
        assert,
      }) => {
        const { target, other, accounts } = await world()
        const targetBefore = await storedState(target.partner.id)
        const otherBefore = await storedState(other.partner.id)

        let request = row
          .send(client, target.partner.id, {
            member: target.member.id,
            otherMember: other.member.id,
          })
          .redirects(0)
        if (actor !== 'visitor') request = request.loginAs(accounts[actor])
        const response = await request

        response.assertStatus(expected.status)
        if (expected.status === 302) {
          /** The sign-in page keeps the query string to come back to: the path is what matters */
          const location = String(response.header('location'))
          assert.equal(location.split('?')[0], expected.location.split('?')[0])
          if (actor !== 'visitor') assert.equal(location, expected.location)
        }
        if (expected.status === 403 || expected.status === 404) {
          /** The portal's French « Accès refusé » page */
          assert.equal(componentOf(response.text()), 'errors/status')
        }

        /** Only this partner's own administrator may change this partner */
        const targetAfter = await storedState(target.partner.id)
        /** A change that was let through (a 404 or a refusal changes nothing) */
        const changed = row.method !== 'GET' && expected.status === 302 && actor !== 'visitor'
        if (actor === 'ownAdmin' && changed) {
          assert.notDeepEqual(targetAfter, targetBefore, 'the administrator changed their partner')
          assert.lengthOf(await auditRowsOf(target.partner.id), 1)
        } else {
          assert.deepEqual(targetAfter, targetBefore, 'this partner is unchanged')
          assert.lengthOf(await auditRowsOf(target.partner.id), 0)
        }

        if (actor === 'otherAdmin') {
          if (row.method !== 'GET' && !changed) {
            /** Another partner's user named by the route: nothing changed anywhere */
            assert.deepEqual(await storedState(other.partner.id), otherBefore)
            assert.lengthOf(await auditRowsOf(other.partner.id), 0)
          } else if (row.method !== 'GET') {
            /** The partner_id / id sent were ignored: the change went to their own partner */
            assert.notDeepEqual(await storedState(other.partner.id), otherBefore)
            const [audit] = await auditRowsOf(other.partner.id)
            assert.equal(audit.actorId, other.admin.id)
          } else {
            /** Their own partner is shown, nothing of this one */
            const props = response.inertiaProps as { partner: { name: string } }
            assert.equal(props.partner.name, other.partner.name)
            const body = JSON.stringify(response.body())
            for (const secret of [
              target.partner.name,
              target.partner.siret!,
              target.admin.login,
              target.member.login,
            ]) {
              assert.notInclude(body, secret)
            }
          }
        }
        if (actor === 'ownAdmin' && row.method === 'GET') {
          const props = response.inertiaProps as { partner: { name: string } }
          assert.equal(props.partner.name, target.partner.name)
        }
      })
    }
  }

  test('M9 an administrator who loses the status is refused at their next request (403)', async ({
    client,
  }) => {
    const { admin } = await partnerWithAccounts()
    const before = await client.get('/administration').loginAs(admin).withInertia()
    before.assertStatus(200)

    admin.role = 'partner_user'
    await admin.save()
    const refused = await client.get('/administration').loginAs(admin).withInertia()
    refused.assertStatus(403)
    refused.assertInertiaComponent('errors/status')
    const change = await client
      .put('/administration/partenaire')
      .json(partnerForm())
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    change.assertStatus(403)
    change.assertInertiaComponent('errors/status')
  })

  test('M9 every route under /administration has its rows in the matrix (a new route without rows fails)', ({
    assert,
  }) => {
    const registered = Object.values(router.toJSON())
      .flat()
      .filter(
        (route) =>
          route.pattern === '/administration' || route.pattern.startsWith('/administration/')
      )
      .flatMap((route) =>
        route.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method} ${route.pattern}`)
      )
    assert.isAbove(registered.length, 0, 'the administration routes are registered')

    const covered = new Set(MATRIX.map((row) => `${row.method} ${row.pattern}`))
    const missing = registered.filter((route) => !covered.has(route))
    assert.deepEqual(missing, [], `routes without a row in the matrix: ${missing.join(', ')}`)

    const stale = [...covered].filter((route) => !registered.includes(route))
    assert.deepEqual(stale, [], `rows for routes that no longer exist: ${stale.join(', ')}`)

    for (const row of MATRIX) {
      assert.sameMembers(Object.keys(row.expected), [...ACTORS], `${row.method} ${row.pattern}`)
    }
  })
})
