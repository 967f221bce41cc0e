import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Caisse from '#models/caisse'
import ConventionType from '#models/convention_type'
import User from '#models/user'
import { ConventionFactory } from '#database/factories/convention_factory'
import { UserFactory } from '#database/factories/user_factory'
import { partnerWithAccounts, storedPartner } from './support.js'

type PageProps = {
  tab: string
  partner: Record<string, unknown>
  address: Record<string, unknown>
  users: Array<Record<string, unknown>>
  conventions: Array<Record<string, unknown>>
  history: Record<string, unknown[]>
  forms: { partner: Record<string, string>; address: Record<string, string> }
  /** By form, the maxLength of each field */
  limits: Record<string, Record<string, number>>
}

const PAGE_KEYS = [
  'tab',
  'partner',
  'address',
  'users',
  'conventions',
  'history',
  'forms',
  'limits',
]

test.group('M1 M2 M7 M8 « Administration » › « Modification inscription »', () => {
  test('M1 M7 the page shows the administrator’s own partner, field by field (no model dumped)', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const stored = await storedPartner(partner.id)

    const response = await client.get('/administration').loginAs(admin).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('administration/show')
    const props = response.inertiaProps as PageProps
    assert.containsSubset(Object.keys(props), PAGE_KEYS)
    assert.equal(props.tab, 'partenaires', 'the first tab by default')
    assert.deepEqual(props.partner, stored.partner)
    assert.deepEqual(props.address, stored.address)
    assert.deepEqual(Object.keys(props.forms.partner).sort(), ['email', 'name', 'phone', 'siret'])
    assert.deepEqual(Object.keys(props.forms.address).sort(), [
      'city',
      'companyName',
      'complement',
      'poBox',
      'postalCode',
      'recipient',
      'street',
    ])
    assert.deepEqual(Object.keys(props.history).sort(), [
      'adresse',
      'conventions',
      'partenaires',
      'utilisateurs',
    ])
    /** Nothing of the models beyond what the page shows */
    const text = JSON.stringify(props)
    for (const hidden of ['password', 'createdAt', 'updatedAt', 'partnerTypeId', 'loginKey']) {
      assert.notInclude(text, hidden)
    }
  })

  test('M1 the open tab is in the address (?onglet=…), so a reload lands on it', async ({
    client,
    assert,
  }) => {
    const { admin } = await partnerWithAccounts()
    for (const [onglet, tab] of [
      ['partenaires', 'partenaires'],
      ['utilisateurs', 'utilisateurs'],
      ['adresse', 'adresse'],
      ['conventions', 'conventions'],
      ['inconnu', 'partenaires'],
    ]) {
      const response = await client
        .get('/administration')
        .qs({ onglet })
        .loginAs(admin)
        .withInertia()
      response.assertStatus(200)
      assert.equal((response.inertiaProps as PageProps).tab, tab, onglet)
    }
  })

  test('A5 M2 « Utilisateurs » lists login, nom, prénom and statut of the partner’s users only', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const gone = await UserFactory.merge({
      partnerId: partner.id,
      deletedAt: DateTime.now(),
    }).create()
    const { admin: stranger } = await partnerWithAccounts()

    const response = await client
      .get('/administration')
      .qs({ onglet: 'utilisateurs' })
      .loginAs(admin)
      .withInertia()
    const { users } = response.inertiaProps as PageProps
    assert.sameDeepMembers(users, [
      {
        id: admin.id,
        login: admin.login,
        lastName: admin.lastName,
        firstName: admin.firstName,
        isAdministrator: true,
        status: 'Administrateur',
      },
      {
        id: member.id,
        login: member.login,
        lastName: member.lastName,
        firstName: member.firstName,
        isAdministrator: false,
        status: 'Utilisateur',
      },
    ])
    const logins = users.map((user) => user.login)
    assert.notInclude(logins, gone.login, 'a deleted user is not listed')
    assert.notInclude(logins, stranger.login, 'nor a user of another partner')
  })

  test('M8 « Conventions » lists régime, caisse, code, type and état in French', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const caisse = await Caisse.query().where('code', 'CARSAT-HDF').preload('regime').firstOrFail()
    const type = await ConventionType.findByOrFail('code', 'EVALUATION')
    const base = { partnerId: partner.id, caisseId: caisse.id, conventionTypeId: type.id }
    await ConventionFactory.merge({ ...base, code: 'CL0001', state: 'validated' }).create()
    await ConventionFactory.merge({ ...base, code: 'CL0002', state: 'pending' }).create()
    await ConventionFactory.merge({ ...base, code: 'CL0003', state: 'invalidated' }).create()
    const { partner: otherPartner } = await partnerWithAccounts()
    await ConventionFactory.merge({ partnerId: otherPartner.id, code: 'AUTRE0001' }).create()

    const response = await client
      .get('/administration')
      .qs({ onglet: 'conventions' })
      .loginAs(admin)
      .withInertia()
    const { conventions } = response.inertiaProps as PageProps
    assert.deepEqual(
      conventions.map(({ id: _id, ...row }) => row),
      [
        {
          regime: caisse.regime.name,
          caisse: caisse.name,
          code: 'CL0001',
          type: type.label,
          state: 'validé',
        },
        {
          regime: caisse.regime.name,
          caisse: caisse.name,
          code: 'CL0002',
          type: type.label,
          state: 'en attente de validation',
        },
        {
          regime: caisse.regime.name,
          caisse: caisse.name,
          code: 'CL0003',
          type: type.label,
          state: 'invalidé',
        },
      ]
    )
  })

  test('M9 « Les services » offers « Administration » to partner administrators only', async ({
    client,
    assert,
  }) => {
    const { admin, member } = await partnerWithAccounts()
    const caisseAdmin = await User.findByOrFail('login_key', 'caissehdf')
    const analyst = await User.findByOrFail('login_key', 'analyste')

    const keysFor = async (user: User) => {
      const response = await client.get('/services').loginAs(user).withInertia()
      response.assertStatus(200)
      return response.inertiaProps.services as Array<{ key: string; label: string; href: string }>
    }

    const adminServices = await keysFor(admin)
    assert.containsSubset(adminServices, [
      { key: 'administration', label: 'Administration', href: '/administration' },
    ])
    for (const user of [member, caisseAdmin, analyst]) {
      const services = await keysFor(user)
      assert.notInclude(
        services.map((service) => service.key),
        'administration',
        user.role
      )
    }
  })
})
