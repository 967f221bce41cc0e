import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { UserFactory, FACTORY_PASSWORD } from '#database/factories/user_factory'
import { NOTHING_CHANGED } from '#services/administration/administered_partner'
import {
  USER_CREATED,
  USER_DELETED,
  USER_UPDATED,
} from '#controllers/administration/users_controller'
import { INVALID_CREDENTIALS } from '#controllers/auth/session_controller'
import { CHANGE_PASSWORD_PATH } from '#middleware/password_change_middleware'
import { PARTNER_USER_MESSAGES, updatePartnerUser } from '#services/administration/users'
import { AdministrationRuleError } from '#services/administration/errors'
import { FIELD_RULE_MESSAGES } from '#validators/rules/fields'
import { accounts, clearLimiters, receiveTemporaryPassword, stateOf } from '../accounts/support.js'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import { auditRowsOf, partnerWithAccounts } from './support.js'

type UsersProps = Pick<RegistrationPageProps, 'tab' | 'users' | 'userDetails' | 'history'> & {
  errors: Record<string, string>
}

/** The manual's example users (chapter 1.1.3) */
const MARTIN = {
  lastName: 'MARTIN',
  firstName: 'Mikael',
  phone: '06 12 34 56 78',
  email: 'martin37@fr.fr',
  login: 'Martin37',
  isAdministrator: false,
}
const SOLEIL = {
  lastName: 'SOLEIL',
  firstName: 'Solange',
  phone: '',
  email: 'solange778@fr.fr',
  login: 'Solange778',
  isAdministrator: true,
}

/** A user's form as the opened row sends it */
function formOf(user: User, overrides: Record<string, unknown> = {}) {
  return {
    lastName: user.lastName,
    firstName: user.firstName,
    phone: user.phone ?? '',
    email: user.email,
    login: user.login,
    isAdministrator: user.role === 'partner_admin',
    ...overrides,
  }
}

/** What the administration may change of an account, as stored */
async function storedUser(id: number) {
  const user = await User.findOrFail(id)
  return {
    login: user.login,
    lastName: user.lastName,
    firstName: user.firstName,
    phone: user.phone,
    email: user.email,
    role: user.role,
    partnerId: user.partnerId,
    deleted: user.deletedAt !== null,
  }
}

/** The lifecycle events an account's record went through, in order */
async function lifecycleEventsOf(user: User) {
  const instance = await accounts.instanceOf(user)
  if (!instance) return []
  const rows = await db
    .from('workflow_transitions')
    .where('instance_id', instance.id)
    .orderBy('seq')
    .select('event')
  return rows.map((row) => String(row.event)).filter((event) => event !== '$start')
}

async function roleOf(id: number) {
  const user = await User.findOrFail(id)
  return user.role
}

async function isDeleted(id: number) {
  const user = await User.findOrFail(id)
  return user.deletedAt !== null
}

async function outboxCount() {
  const rows = await db.from('outbox_messages').select('id')
  return rows.length
}

async function usersOf(client: any, admin: User) {
  const props = await usersPage(client, admin)
  return props.users
}

async function usersPage(client: any, admin: User) {
  const page = await client
    .get('/administration')
    .qs({ onglet: 'utilisateurs' })
    .loginAs(admin)
    .withInertia()
  page.assertStatus(200)
  return page.inertiaProps as UsersProps
}

test.group('M2 « Utilisateurs » › « Créer utilisateur »', (group) => {
  group.each.setup(() => clearLimiters())

  test('M2 « Valider » creates MARTIN Mikael (not administrator): mailed a temporary password over SMTP, « password change required », shown at once in the table', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const other = await partnerWithAccounts()

    const response = await client
      .post('/administration/utilisateurs')
      /** A partner named in the body is ignored: the account is the administrator's partner's */
      .json({ ...MARTIN, partner_id: other.partner.id, partnerId: other.partner.id })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/administration?onglet=utilisateurs')
    response.assertFlashMessage('success', USER_CREATED('Martin37'))

    const created = await User.findByOrFail('login_key', 'martin37')
    assert.deepInclude(await storedUser(created.id), {
      login: 'Martin37',
      lastName: 'MARTIN',
      firstName: 'Mikael',
      phone: '06 12 34 56 78',
      email: 'martin37@fr.fr',
      role: 'partner_user',
      partnerId: partner.id,
      deleted: false,
    })
    assert.isTrue(created.mustChangePassword)
    assert.equal(await stateOf(created), 'password_change_required')

    /** The mail left over SMTP with the login and a temporary password */
    const { mail, password } = await receiveTemporaryPassword('martin37@fr.fr')
    assert.include(mail.text, 'Martin37')

    /** A2: the first sign-in leads to « Changer mon mot de passe » */
    const signIn = await client
      .post('/connexion')
      .form({ login: 'Martin37', password })
      .withCsrfToken()
      .redirects(0)
    signIn.assertStatus(302)
    const next = await client.get('/services').loginAs(created).redirects(0)
    next.assertHeader('location', CHANGE_PASSWORD_PATH)

    const props = await usersPage(client, admin)
    const row = props.users.find((user) => user.login === 'Martin37')!
    assert.deepInclude(row, {
      lastName: 'MARTIN',
      firstName: 'Mikael',
      isAdministrator: false,
      status: 'Utilisateur',
    })
    assert.deepInclude(props.userDetails[String(created.id)], {
      phone: '06 12 34 56 78',
      email: 'martin37@fr.fr',
    })
    assert.equal(
      props.userDetails[String(created.id)].history[0].action,
      'Création de l’utilisateur'
    )
    assert.equal(props.history.utilisateurs[0].action, 'Création de l’utilisateur Martin37')

    const [audit] = await auditRowsOf(partner.id)
    assert.deepInclude(audit, {
      actorId: admin.id,
      subjectType: 'user',
      subjectId: created.id,
      action: 'create',
    })
    assert.lengthOf(await auditRowsOf(other.partner.id), 0)
  }).timeout(30_000)

  test('M2 « Valider » with « Administrateur » ticked creates SOLEIL Solange as an administrator, mailed too', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const response = await client
      .post('/administration/utilisateurs')
      .json(SOLEIL)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const created = await User.findByOrFail('login_key', 'solange778')
    assert.equal(created.role, 'partner_admin')
    assert.equal(created.partnerId, partner.id)
    assert.isNull(created.phone)
    assert.equal(await stateOf(created), 'password_change_required')
    const { mail } = await receiveTemporaryPassword('solange778@fr.fr')
    assert.include(mail.text, 'Solange778')
    const props = await usersPage(client, admin)
    assert.equal(props.users.find((user) => user.login === 'Solange778')!.status, 'Administrateur')
  }).timeout(30_000)

  test('M2 a login already used, whatever its case, is refused with its French message and nothing is created', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    await UserFactory.merge({ login: 'Doublon42' }).create()
    const outboxBefore = await outboxCount()

    const response = await client
      .post('/administration/utilisateurs')
      .json({ ...MARTIN, login: 'DOUBLON42', email: 'doublon42@fr.fr' })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    response.assertInertiaComponent('administration/show')
    const props = response.inertiaProps as UsersProps
    assert.equal(props.tab, 'utilisateurs')
    assert.equal(props.errors.login, FIELD_RULE_MESSAGES.loginTaken)
    const users = await User.query().where('partner_id', partner.id)
    assert.lengthOf(users, 2, 'nobody was created')
    assert.lengthOf(await auditRowsOf(partner.id), 0)
    assert.equal(await outboxCount(), outboxBefore, 'no mail')
  })

  test('M2 the required fields, the phone and the login format are checked in French', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const response = await client
      .post('/administration/utilisateurs')
      .json({
        lastName: '',
        firstName: '  ',
        phone: '12 34',
        email: 'pas-un-email',
        login: 'Mar tin',
      })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    const { errors } = response.inertiaProps as UsersProps
    assert.equal(errors.lastName, 'Le champ « Nom » est obligatoire.')
    assert.equal(errors.firstName, 'Le champ « Prénom » est obligatoire.')
    assert.include(errors.phone, 'nn nn nn nn nn')
    assert.include(errors.email, 'Email')
    assert.include(errors.login, 'lettres et des chiffres')
    assert.lengthOf(await auditRowsOf(partner.id), 0)
  })
})

test.group('M3 M4 « Utilisateurs »: an opened user', () => {
  test('M3 « Valider » saves nom, prénom, téléphone and email, records each change and shows it on the user', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const response = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json(formOf(member, { phone: '0321456789', email: 'nouvel@exemple.fr' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertFlashMessage('success', USER_UPDATED(member.login))
    assert.deepInclude(await storedUser(member.id), {
      phone: '03 21 45 67 89',
      email: 'nouvel@exemple.fr',
      login: member.login,
      role: 'partner_user',
    })
    const [audit] = await auditRowsOf(partner.id)
    assert.deepInclude(audit, { actorId: admin.id, subjectType: 'user', subjectId: member.id })
    assert.deepEqual(audit.changes, {
      phone: { before: member.phone, after: '03 21 45 67 89' },
      email: { before: member.email, after: 'nouvel@exemple.fr' },
    })
    const props = await usersPage(client, admin)
    const row = props.userDetails[String(member.id)]
    assert.equal(row.phone, '03 21 45 67 89')
    assert.equal(row.history[0].action, 'Modification de l’utilisateur')
    assert.deepInclude(row.history[0].changes, {
      field: 'Téléphone',
      before: member.phone!,
      after: '03 21 45 67 89',
    })

    /** The same form again changes nothing */
    const again = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json(formOf(await User.findOrFail(member.id)))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    again.assertFlashMessage('success', NOTHING_CHANGED)
    assert.lengthOf(await auditRowsOf(partner.id), 1)
  })

  test('M3 a request changing the login is refused with its French message, nothing changed', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const before = await storedUser(member.id)
    const response = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json(formOf(member, { login: 'NouveauLogin1', lastName: 'AUTRE' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    response.assertInertiaComponent('administration/show')
    assert.equal(
      (response.inertiaProps as UsersProps).errors.login,
      'Le login ne peut pas être modifié.'
    )
    assert.deepEqual(await storedUser(member.id), before)
    assert.lengthOf(await auditRowsOf(partner.id), 0)
  })

  test('M4 granting then removing « Administrateur » of another user goes through the lifecycle events, recorded', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const grant = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json(formOf(member, { isAdministrator: true }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    grant.assertStatus(302)
    assert.equal(await roleOf(member.id), 'partner_admin')
    const granted = await usersOf(client, admin)
    assert.equal(granted.find((u) => u.id === member.id)!.status, 'Administrateur')

    const revoke = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json(formOf(member, { isAdministrator: false }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    revoke.assertStatus(302)
    assert.equal(await roleOf(member.id), 'partner_user')

    const events = await lifecycleEventsOf(member)
    assert.includeOrderedMembers(events, ['GRANT_ADMIN', 'REVOKE_ADMIN'])
    const rows = await auditRowsOf(partner.id)
    assert.deepEqual(
      rows.map((row) => [row.action, row.changes]),
      [
        ['grant_admin', { isAdministrator: { before: 'non', after: 'oui' } }],
        ['revoke_admin', { isAdministrator: { before: 'oui', after: 'non' } }],
      ]
    )
    const props = await usersPage(client, admin)
    assert.deepEqual(
      props.userDetails[String(member.id)].history.map((entry) => entry.action),
      ['Retrait du statut « Administrateur »', 'Attribution du statut « Administrateur »']
    )
  })

  test('M4 a user just created (password not yet changed) can be made administrator', async ({
    client,
    assert,
  }) => {
    const { admin } = await partnerWithAccounts()
    await client
      .post('/administration/utilisateurs')
      .json({ ...MARTIN, login: 'Martin38', email: 'martin38@fr.fr' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const created = await User.findByOrFail('login_key', 'martin38')
    const grant = await client
      .put(`/administration/utilisateurs/${created.id}`)
      .json(formOf(created, { isAdministrator: true }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    grant.assertStatus(302)
    assert.equal(await roleOf(created.id), 'partner_admin')
    assert.equal(await stateOf(created), 'password_change_required')
  })

  test('M4 an administrator cannot remove their own « Administrateur » status (French message, nothing changed)', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    /** Even with another administrator, the status is never changed by its holder */
    await UserFactory.merge({ partnerId: partner.id }).apply('partnerAdmin').create()
    const before = await storedUser(admin.id)
    const response = await client
      .put(`/administration/utilisateurs/${admin.id}`)
      .json(formOf(admin, { isAdministrator: false, firstName: 'Changé' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    assert.equal(
      (response.inertiaProps as UsersProps).errors.isAdministrator,
      PARTNER_USER_MESSAGES.ownStatus
    )
    assert.deepEqual(await storedUser(admin.id), before)
    assert.lengthOf(await auditRowsOf(partner.id), 0)
    assert.notInclude(await lifecycleEventsOf(admin), 'REVOKE_ADMIN')

    /** Their own nom, prénom… remain theirs to change, without the status */
    const own = await client
      .put(`/administration/utilisateurs/${admin.id}`)
      .json({ ...formOf(admin, { firstName: 'Changé' }), isAdministrator: undefined })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    own.assertStatus(302)
    assert.deepInclude(await storedUser(admin.id), { firstName: 'Changé', role: 'partner_admin' })
  })

  test('M4 M5 the last administrator can never be demoted or removed, even by one who just lost the status', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    /** The member was an administrator when their request left, and lost it since */
    await assert.rejects(
      () =>
        updatePartnerUser(partner.id, member, admin.id, {
          ...formOf(admin),
          isAdministrator: false,
        }),
      AdministrationRuleError
    )
    try {
      await updatePartnerUser(partner.id, member, admin.id, {
        ...formOf(admin),
        isAdministrator: false,
      })
    } catch (error) {
      assert.equal(
        (error as AdministrationRuleError).fieldErrors.isAdministrator,
        PARTNER_USER_MESSAGES.lastAdministrator
      )
    }
    assert.equal(await roleOf(admin.id), 'partner_admin')

    /** Removing it: refused while it is an administrator */
    const other = await UserFactory.merge({ partnerId: partner.id }).apply('partnerAdmin').create()
    const removal = await client
      .delete(`/administration/utilisateurs/${admin.id}`)
      .loginAs(other)
      .withCsrfToken()
      .withInertia()
    removal.assertStatus(422)
    assert.equal(
      (removal.inertiaProps as UsersProps).errors.user,
      PARTNER_USER_MESSAGES.deleteAdministrator
    )
    assert.isFalse(await isDeleted(admin.id))
    assert.lengthOf(await auditRowsOf(partner.id), 0)
  })
})

test.group('M5 « Utilisateurs »: deleting a user', (group) => {
  group.each.setup(() => clearLimiters())

  test('M5 the cross in « Action » › « OK » deletes a user who is not administrator (lifecycle DELETE, recorded)', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const response = await client
      .delete(`/administration/utilisateurs/${member.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/administration?onglet=utilisateurs')
    response.assertFlashMessage('success', USER_DELETED(member.login))
    assert.isTrue(await isDeleted(member.id))
    assert.equal(await stateOf(member), 'deleted')
    assert.include(await lifecycleEventsOf(member), 'DELETE')
    const rows = await auditRowsOf(partner.id)
    assert.deepEqual(
      rows.map((row) => [row.action, row.subjectId, row.actorId]),
      [['delete', member.id, admin.id]]
    )
    const props = await usersPage(client, admin)
    assert.notInclude(
      props.users.map((user) => user.id),
      member.id
    )
    assert.equal(
      props.history.utilisateurs[0].action,
      `Suppression de l’utilisateur ${member.login}`
    )
  })

  test('M5 an administrator is deleted only after losing the status', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const colleague = await UserFactory.merge({ partnerId: partner.id })
      .apply('partnerAdmin')
      .create()

    const refused = await client
      .delete(`/administration/utilisateurs/${colleague.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    refused.assertStatus(422)
    assert.equal(
      (refused.inertiaProps as UsersProps).errors.user,
      PARTNER_USER_MESSAGES.deleteAdministrator
    )
    assert.isFalse(await isDeleted(colleague.id))
    assert.lengthOf(await auditRowsOf(partner.id), 0)

    await client
      .put(`/administration/utilisateurs/${colleague.id}`)
      .json(formOf(colleague, { isAdministrator: false }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const deleted = await client
      .delete(`/administration/utilisateurs/${colleague.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    deleted.assertStatus(302)
    assert.isTrue(await isDeleted(colleague.id))
    assert.includeOrderedMembers(await lifecycleEventsOf(colleague), ['REVOKE_ADMIN', 'DELETE'])
  })

  test('M5 a deleted user can no longer sign in, and their open session ends', async ({
    client,
    assert,
  }) => {
    const { admin, member } = await partnerWithAccounts()
    const open = await client.get('/services').loginAs(member).redirects(0)
    open.assertStatus(200)
    const signIn = await client
      .post('/connexion')
      .form({ login: member.login, password: FACTORY_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    signIn.assertHeader('location', '/services')

    await client
      .delete(`/administration/utilisateurs/${member.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    const refused = await client
      .post('/connexion')
      .form({ login: member.login, password: FACTORY_PASSWORD })
      .withCsrfToken()
      .withInertia()
    refused.assertStatus(422)
    assert.equal(refused.inertiaProps.errors.login, INVALID_CREDENTIALS)

    /** The session opened before the deletion: signed out at its next request */
    const ended = await client.get('/services').loginAs(member).redirects(0)
    ended.assertStatus(302)
    ended.assertHeader('location', '/connexion')
  })

  test('M2 M3 M4 M5 another partner’s user is untouchable: 404 and nothing changed', async ({
    client,
    assert,
  }) => {
    const { admin } = await partnerWithAccounts()
    const other = await partnerWithAccounts()
    const before = [await storedUser(other.admin.id), await storedUser(other.member.id)]

    for (const request of [
      client
        .put(`/administration/utilisateurs/${other.member.id}`)
        .json(formOf(other.member, { isAdministrator: true, lastName: 'PIRATE' })),
      client
        .put(`/administration/utilisateurs/${other.admin.id}`)
        .json(formOf(other.admin, { isAdministrator: false })),
      client.delete(`/administration/utilisateurs/${other.member.id}`),
    ]) {
      const response = await request.loginAs(admin).withCsrfToken().withInertia()
      response.assertStatus(404)
      response.assertInertiaComponent('errors/status')
    }
    assert.deepEqual([await storedUser(other.admin.id), await storedUser(other.member.id)], before)
    assert.lengthOf(await auditRowsOf(other.partner.id), 0)
    const shown = await usersOf(client, admin)
    assert.notInclude(
      shown.map((user) => user.id),
      other.member.id
    )
  })
})
