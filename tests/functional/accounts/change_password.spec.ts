import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import WorkflowTransition from '#models/workflow_transition'
import OutboxMessage, { type MailPayload } from '#models/outbox_message'
import { PASSWORD_CHANGED } from '#controllers/accounts/password_controller'
import { PASSWORD_CHANGE_MESSAGES } from '#workflow_actions/user_lifecycle'
import { DELIVERED_BODY } from '#outbox/sealed_payload'
import db from '@adonisjs/lucid/services/db'
import { passwordPolicyHint, passwordProblems } from '#services/accounts/password_policy'
import {
  accounts,
  activeUser,
  clearLimiters,
  invitedUser,
  receiveTemporaryPassword,
  stateOf,
} from './support.js'

test.group('A2 forced change of an emailed temporary password', (group) => {
  group.each.setup(() => clearLimiters())

  test('A2 a new account gets a temporary password by mail, never stored in clear', async ({
    assert,
  }) => {
    const user = await invitedUser('Invite01')
    const instance = await accounts.instanceOf(user)
    assert.equal(instance?.state, 'password_change_required')
    assert.isTrue(user.mustChangePassword)
    assert.isNotNull(user.temporaryPasswordExpiresAt)
    assert.approximately(user.temporaryPasswordExpiresAt!.diffNow('days').days, 7, 0.01)

    const { mail, password } = await receiveTemporaryPassword('invite01@example.fr')
    assert.include(mail.text, 'Invite01')
    /** Random, and acceptable to the configured policy */
    assert.deepEqual(passwordProblems(password), [])
    assert.lengthOf(password, 12)
    assert.isTrue(await hash.verify(user.password, password))
    assert.notEqual(user.password, password)

    /** Not in the audit rows (payload) nor in the record's data */
    const audit = await WorkflowTransition.query().where('instance_id', instance!.id)
    assert.notInclude(JSON.stringify(audit.map((row) => row.payload)), password)
    assert.notInclude(JSON.stringify(instance!.snapshot), password)
    /** The outbox row is encrypted at rest, and its body wiped once delivered */
    const sent = await OutboxMessage.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(sent.status, 'sent')
    assert.equal((sent.payload as MailPayload).text, DELIVERED_BODY)
    assert.equal((sent.payload as MailPayload).template, 'account_created')
    const raw = await db.from('outbox_messages').where('id', sent.id).firstOrFail()
    assert.notInclude(String(raw.payload), password)
    assert.notInclude(String(raw.payload), 'account_created')
  })

  test('A2 a user who must change the password is sent to « Changer mon mot de passe » before any other page', async ({
    client,
    assert,
  }) => {
    const user = await invitedUser('Invite02')
    const { password } = await receiveTemporaryPassword('invite02@example.fr')

    const signIn = await client
      .post('/connexion')
      .form({ login: 'Invite02', password })
      .withCsrfToken()
      .redirects(0)
    signIn.assertStatus(302)
    signIn.assertHeader('location', '/mot-de-passe')

    const services = await client.get('/services').loginAs(user).redirects(0)
    services.assertStatus(302)
    services.assertHeader('location', '/mot-de-passe')

    const page = await client.get('/mot-de-passe').loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('accounts/change_password')
    assert.isTrue(page.inertiaProps.forced)
    assert.equal(page.inertiaProps.policyHint, passwordPolicyHint())

    /** Sign-out stays allowed */
    const signOut = await client.post('/deconnexion').loginAs(user).withCsrfToken().redirects(0)
    signOut.assertHeader('location', '/')
  })

  test('A2 a new password that breaks the policy is refused next to its field (422)', async ({
    client,
    assert,
  }) => {
    const user = await invitedUser('Invite03')
    const { password } = await receiveTemporaryPassword('invite03@example.fr')

    for (const [candidate, expected] of [
      ['court1', 'entre 8 et 12 caractères'],
      ['sanschiffre', 'au moins un chiffre'],
      ['Éléphant12', 'lettres sans accent'],
      ['beaucouptroplong123', 'entre 8 et 12 caractères'],
    ]) {
      const response = await client
        .post('/mot-de-passe')
        .loginAs(user)
        .form({ currentPassword: password, newPassword: candidate, confirmation: candidate })
        .withCsrfToken()
        .withInertia()
      response.assertStatus(422)
      response.assertInertiaComponent('accounts/change_password')
      assert.include(response.inertiaProps.errors.newPassword, expected, candidate)
      assert.notProperty(response.inertiaProps.errors, 'currentPassword')
    }

    await user.refresh()
    assert.isTrue(user.mustChangePassword)
    assert.equal(await stateOf(user), 'password_change_required')
  })

  test('A2 a wrong old password and a mismatched confirmation are refused (422)', async ({
    client,
    assert,
  }) => {
    const user = await invitedUser('Invite04')
    const { password } = await receiveTemporaryPassword('invite04@example.fr')

    const wrongOld = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({ currentPassword: 'PasLeBon123', newPassword: 'Neuf2026', confirmation: 'Neuf2026' })
      .withCsrfToken()
      .withInertia()
    wrongOld.assertStatus(422)
    assert.equal(
      wrongOld.inertiaProps.errors.currentPassword,
      PASSWORD_CHANGE_MESSAGES.wrongCurrent
    )

    const mismatch = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({ currentPassword: password, newPassword: 'Neuf2026', confirmation: 'Neuf2027' })
      .withCsrfToken()
      .withInertia()
    mismatch.assertStatus(422)
    assert.equal(mismatch.inertiaProps.errors.confirmation, PASSWORD_CHANGE_MESSAGES.mismatch)

    const empty = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({})
      .withCsrfToken()
      .withInertia()
    empty.assertStatus(422)
    assert.match(empty.inertiaProps.errors.currentPassword, /Ancien mot de passe/)
    assert.match(empty.inertiaProps.errors.newPassword, /Nouveau mot de passe/)
    assert.match(empty.inertiaProps.errors.confirmation, /Confirmer le nouveau mot de passe/)

    await user.refresh()
    assert.isTrue(await hash.verify(user.password, password))
    assert.isTrue(user.mustChangePassword)
  })

  test('A2 a valid change activates the account and leads to « Les services »', async ({
    client,
    assert,
  }) => {
    const user = await invitedUser('Invite05')
    const { password } = await receiveTemporaryPassword('invite05@example.fr')

    const response = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({ currentPassword: password, newPassword: 'Neuf2026', confirmation: 'Neuf2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/services')
    response.assertFlashMessage('success', PASSWORD_CHANGED)

    await user.refresh()
    assert.isFalse(user.mustChangePassword)
    assert.isNull(user.temporaryPasswordExpiresAt)
    assert.isTrue(await hash.verify(user.password, 'Neuf2026'))
    const instance = await accounts.instanceOf(user)
    assert.equal(instance?.state, 'active')
    const last = await WorkflowTransition.query()
      .where('instance_id', instance!.id)
      .orderBy('seq', 'desc')
      .firstOrFail()
    assert.equal(last.event, 'CHANGE_PASSWORD')
    assert.deepEqual(last.payload, {})

    const services = await client.get('/services').loginAs(user).withInertia()
    services.assertStatus(200)
    services.assertInertiaComponent('portal/services')

    /** The temporary password no longer signs in; the new one does */
    const old = await client
      .post('/connexion')
      .form({ login: 'Invite05', password })
      .withCsrfToken()
      .withInertia()
    old.assertStatus(422)
    const fresh = await client
      .post('/connexion')
      .form({ login: 'invite05', password: 'Neuf2026' })
      .withCsrfToken()
      .redirects(0)
    fresh.assertHeader('location', '/services')
  })

  test('A2 an expired temporary password cannot sign in and points to « Mot de passe oublié ? »', async ({
    client,
    assert,
  }) => {
    const user = await invitedUser('Invite06')
    const { password } = await receiveTemporaryPassword('invite06@example.fr')
    await User.query()
      .where('id', user.id)
      .update({ temporary_password_expires_at: '2020-01-01 00:00:00' })

    const response = await client
      .post('/connexion')
      .form({ login: 'Invite06', password })
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    assert.match(response.inertiaProps.errors.login, /a expiré/)
    assert.include(response.inertiaProps.errors.login, '« Mot de passe oublié ? »')
  })
})

test.group('A6 any signed-in user changes their password', (group) => {
  group.each.setup(() => clearLimiters())

  test('A6 « Changer mon mot de passe » is listed in « Les services » and opens the form', async ({
    client,
    assert,
  }) => {
    const user = await User.findByOrFail('login_key', 'partenaire1')
    const services = await client.get('/services').loginAs(user).withInertia()
    const entry = (services.inertiaProps.services as Array<{ label: string; href: string }>).find(
      (service) => service.label === 'Changer mon mot de passe'
    )
    assert.equal(entry?.href, '/mot-de-passe')

    const page = await client.get('/mot-de-passe').loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('accounts/change_password')
    assert.isFalse(page.inertiaProps.forced)
  })

  test('A6 an active user changes the password through the lifecycle', async ({
    client,
    assert,
  }) => {
    const user = await activeUser('Active01', 'Ancien2026')
    const response = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({
        currentPassword: 'Ancien2026',
        newPassword: 'Nouveau2026',
        confirmation: 'Nouveau2026',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/services')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'Nouveau2026'))
    assert.equal(await stateOf(user), 'active')
  })

  test('A6 the new password must differ from the old one', async ({ client, assert }) => {
    const user = await activeUser('Active02', 'Ancien2026')
    const response = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({
        currentPassword: 'Ancien2026',
        newPassword: 'Ancien2026',
        confirmation: 'Ancien2026',
      })
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    assert.equal(response.inertiaProps.errors.newPassword, PASSWORD_CHANGE_MESSAGES.sameAsCurrent)
  })

  test('A6 repeated wrong old passwords are paused with a 429', async ({ client, assert }) => {
    const user = await activeUser('Active03', 'Ancien2026')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/mot-de-passe')
        .loginAs(user)
        .form({
          currentPassword: `Faux${attempt}2026`,
          newPassword: 'Neuf2026',
          confirmation: 'Neuf2026',
        })
        .withCsrfToken()
        .withInertia()
      response.assertStatus(422)
    }
    const paused = await client
      .post('/mot-de-passe')
      .loginAs(user)
      .form({ currentPassword: 'Ancien2026', newPassword: 'Neuf2026', confirmation: 'Neuf2026' })
      .withCsrfToken()
      .withInertia()
    paused.assertStatus(429)
    assert.match(paused.inertiaProps.errors.currentPassword, /Trop d’essais/)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'Ancien2026'))
  })

  test('A6 the guest pages are closed to a signed-in user', async ({ client }) => {
    const user = await User.findByOrFail('login_key', 'analyste')
    const response = await client.get('/mot-de-passe-oublie').loginAs(user).redirects(0)
    response.assertStatus(302)
  })
})

test.group('A2 the lifecycle state decides', (group) => {
  group.each.setup(() => clearLimiters())

  test('A2 a record in "password_change_required" forces the change even if the flag was lost', async ({
    client,
  }) => {
    const user = await invitedUser('Invite07')
    const { password } = await receiveTemporaryPassword('invite07@example.fr')
    await User.query().where('id', user.id).update({ must_change_password: false })

    const signIn = await client
      .post('/connexion')
      .form({ login: 'Invite07', password })
      .withCsrfToken()
      .redirects(0)
    signIn.assertHeader('location', '/mot-de-passe')
    const services = await client.get('/services').loginAs(user).redirects(0)
    services.assertHeader('location', '/mot-de-passe')
  })
})
