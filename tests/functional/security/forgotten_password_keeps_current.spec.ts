import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import WorkflowTransition from '#models/workflow_transition'
import engine from '#workflow/engine'
import { WorkflowForbiddenError } from '#workflow/errors'
import { SYSTEM_ACTOR } from '#services/accounts/lifecycle'
import {
  accounts,
  activeUser,
  CAPTCHA_CODE,
  clearLimiters,
  receiveTemporaryPassword,
  stateOf,
  useCaptchaCode,
} from '#tests/functional/accounts/support'
import { BrowserLike } from './browser_like.js'

/** « Mot de passe oublié ? » asked by anyone who knows the login and its email */
async function someoneAsksForATemporaryPassword(login: string) {
  const stranger = new BrowserLike()
  const response = await stranger.post('/mot-de-passe-oublie', {
    login,
    email: `${login.toLowerCase()}@example.fr`,
    captchaId: 'test',
    captcha: CAPTCHA_CODE,
  })
  if (response.status !== 200) throw new Error(`The reset answered ${response.status}`)
  const { password } = await receiveTemporaryPassword(`${login.toLowerCase()}@example.fr`)
  return password
}

/** Where a fresh browser lands after signing in, or the status of the refusal */
async function signIn(login: string, password: string) {
  const response = await new BrowserLike().post('/connexion', { login, password })
  return response.headers.get('location') ?? response.status
}

test.group('Hardening #10 « Mot de passe oublié » locks nobody out', (group) => {
  group.setup(() => useCaptchaCode())
  group.each.setup(() => clearLimiters())

  test('A4 after a reset asked by someone else, the current password still signs in and discards the temporary one', async ({
    assert,
  }) => {
    await activeUser('Garde101', 'Actuel2026')
    const temporary = await someoneAsksForATemporaryPassword('Garde101')

    assert.equal(await signIn('Garde101', 'Actuel2026'), '/services')
    const user = await User.findByOrFail('login_key', 'garde101')
    assert.isFalse(user.mustChangePassword)
    assert.isNull(user.pendingPassword)
    assert.isNull(user.pendingPasswordExpiresAt)

    /** The temporary password was discarded; the current one goes on working */
    assert.equal(await signIn('Garde101', temporary), 422)
    assert.equal(await signIn('Garde101', 'Actuel2026'), '/services')
  })

  test('A4 the temporary password signs in alongside the current one, becomes the password and forces the change', async ({
    assert,
  }) => {
    await activeUser('Garde102', 'Actuel2026')
    const temporary = await someoneAsksForATemporaryPassword('Garde102')
    const before = await User.findByOrFail('login_key', 'garde102')
    assert.isTrue(await hash.verify(before.password, 'Actuel2026'))
    assert.isNotNull(before.pendingPassword)
    assert.isFalse(before.mustChangePassword)

    assert.equal(await signIn('Garde102', temporary), '/mot-de-passe')
    const after = await User.findByOrFail('login_key', 'garde102')
    assert.isTrue(after.mustChangePassword)
    assert.isTrue(await hash.verify(after.password, temporary))
    assert.isNull(after.pendingPassword)
    assert.equal(await stateOf(after), 'password_change_required')

    /** Now the old password is gone, and the temporary one still leads to the change */
    assert.equal(await signIn('Garde102', 'Actuel2026'), 422)
    assert.equal(await signIn('Garde102', temporary), '/mot-de-passe')
  })

  test('A4 a reset does not force the owner, who signs in with the current password, to change it later either', async ({
    assert,
  }) => {
    await activeUser('Garde103', 'Actuel2026')
    await someoneAsksForATemporaryPassword('Garde103')
    assert.equal(await signIn('Garde103', 'Actuel2026'), '/services')
    assert.equal(await signIn('Garde103', 'Actuel2026'), '/services')

    const owner = new BrowserLike()
    await owner.post('/connexion', { login: 'Garde103', password: 'Actuel2026' })
    assert.equal(await owner.services(), 'open')
  })

  test('A4 a second reset replaces the pending temporary password; only the last one mailed works', async ({
    assert,
  }) => {
    await activeUser('Garde104', 'Actuel2026')
    const first = await someoneAsksForATemporaryPassword('Garde104')
    const second = await someoneAsksForATemporaryPassword('Garde104')
    assert.notEqual(first, second)

    assert.equal(await signIn('Garde104', first), 422)
    assert.equal(await signIn('Garde104', second), '/mot-de-passe')
  })

  test('A4 the record stays « Compte actif » after a reset, then the current password discards the temporary one', async ({
    assert,
  }) => {
    const user = await activeUser('Garde105', 'Actuel2026')
    const temporary = await someoneAsksForATemporaryPassword('Garde105')
    assert.equal(await stateOf(user), 'active')
    assert.deepEqual(await eventsOf(user), ['$start', 'RESET_PASSWORD'])

    assert.equal(await signIn('Garde105', 'Actuel2026'), '/services')
    await user.refresh()
    assert.equal(await stateOf(user), 'active')
    assert.isFalse(user.mustChangePassword)
    assert.isNull(user.pendingPassword)
    /** Nothing moved the record: the sign-in with the current password is no event */
    assert.deepEqual(await eventsOf(user), ['$start', 'RESET_PASSWORD'])
    assert.equal(await signIn('Garde105', temporary), 422)
  })

  test('A4 A2 signing in with the temporary password is TEMPORARY_PASSWORD_USED: the record requires the change', async ({
    assert,
  }) => {
    const user = await activeUser('Garde106', 'Actuel2026')
    const temporary = await someoneAsksForATemporaryPassword('Garde106')

    const owner = new BrowserLike()
    const signedIn = await owner.post('/connexion', { login: 'Garde106', password: temporary })
    assert.equal(signedIn.headers.get('location'), '/mot-de-passe')
    assert.equal(await owner.services(), '/mot-de-passe')

    await user.refresh()
    assert.equal(await stateOf(user), 'password_change_required')
    assert.isTrue(user.mustChangePassword)
    assert.isNotNull(user.temporaryPasswordExpiresAt)
    const last = await lastTransitionOf(user)
    assert.equal(last.event, 'TEMPORARY_PASSWORD_USED')
    assert.equal(last.fromState, 'active')
    assert.equal(last.toState, 'password_change_required')
    assert.equal(last.actorRole, 'system')
  })

  test('A4 a second reset while the change is required keeps the record there; its temporary password still leads to the change', async ({
    assert,
  }) => {
    const user = await activeUser('Garde107', 'Actuel2026')
    const first = await someoneAsksForATemporaryPassword('Garde107')
    assert.equal(await signIn('Garde107', first), '/mot-de-passe')
    const second = await someoneAsksForATemporaryPassword('Garde107')
    assert.equal(await stateOf(user), 'password_change_required')

    assert.equal(await signIn('Garde107', second), '/mot-de-passe')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, second))
    assert.isNull(user.pendingPassword)
    assert.deepEqual(await eventsOf(user), [
      '$start',
      'RESET_PASSWORD',
      'TEMPORARY_PASSWORD_USED',
      'RESET_PASSWORD',
      'TEMPORARY_PASSWORD_USED',
    ])
  })

  test('A4 TEMPORARY_PASSWORD_USED comes only through the sign-in: refused on « /dossiers/:id » and to code naming no door', async ({
    assert,
  }) => {
    const user = await activeUser('Garde108', 'Actuel2026')
    const instance = (await accounts.instanceOf(user))!
    const owner = new BrowserLike()
    const signedIn = await owner.post('/connexion', { login: 'Garde108', password: 'Actuel2026' })
    assert.equal(signedIn.headers.get('location'), '/services')

    const page = await owner.get(`/dossiers/${instance.id}`)
    assert.equal(page.status, 200)
    assert.notInclude(await page.text(), 'TEMPORARY_PASSWORD_USED')
    const sent = await owner.post(`/dossiers/${instance.id}/evenements/TEMPORARY_PASSWORD_USED`)
    assert.equal(sent.status, 403)

    /** Even as the system, only through the sign-in's door */
    await assert.rejects(
      () => engine.send(instance.id, { type: 'TEMPORARY_PASSWORD_USED' }, SYSTEM_ACTOR),
      WorkflowForbiddenError as any
    )
    await user.refresh()
    assert.equal(await stateOf(user), 'active')
    assert.isFalse(user.mustChangePassword)
    assert.deepEqual(await eventsOf(user), ['$start'])
  })
})

/** The events of the account's lifecycle record, oldest first */
async function eventsOf(user: User) {
  const instance = await accounts.instanceOf(user)
  const rows = await WorkflowTransition.query().where('instance_id', instance!.id).orderBy('seq')
  return rows.map((row) => row.event)
}

async function lastTransitionOf(user: User) {
  const instance = await accounts.instanceOf(user)
  return WorkflowTransition.query()
    .where('instance_id', instance!.id)
    .orderBy('seq', 'desc')
    .firstOrFail()
}
