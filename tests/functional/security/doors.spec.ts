import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import { UserFactory, FACTORY_PASSWORD } from '#database/factories/user_factory'
import { PartnerFactory } from '#database/factories/partner_factory'
import { WRONG_CURRENT_PASSWORD_LIMIT } from '#controllers/accounts/password_controller'
import { accounts, clearLimiters } from '#tests/functional/accounts/support'
import { auditRowsOf, partnerWithAccounts } from '#tests/functional/administration/support'
import { publishShippedDefinitions } from '#tests/functional/workflow/support'
import { BrowserLike } from './browser_like.js'

/**
 * Issue 9, findings 2 and 7: the events a definition reserves to a
 * service's screen (events.<E>.via) are refused on the generic pages, so
 * nobody skips that screen's rules (the partner's lock, its last
 * administrator and its audit; the wrong-current-password limit).
 */

const ADMINISTRATION_SCREEN = '« Modification inscription › Utilisateurs »'
const PASSWORD_SCREEN = '« Changer mon mot de passe »'

/** What a refused event must have left as it was */
async function footprint(instance: WorkflowInstance, partnerId: number) {
  const row = await db.from('workflow_instances').where('id', instance.id).firstOrFail()
  const transitions = await db.from('workflow_transitions').where('instance_id', instance.id)
  const user = await User.findOrFail(instance.subjectId!)
  const audit = await auditRowsOf(partnerId)
  return {
    lockVersion: Number(row.lock_version),
    state: row.state,
    transitions: transitions.length,
    role: user.role,
    deleted: user.deletedAt !== null,
    password: user.password,
    audit: audit.length,
  }
}

async function passwordStill(userId: number, password: string) {
  const user = await User.findOrFail(userId)
  return hash.verify(user.password, password)
}

/** Signs in through the form, in a session of its own */
async function signedIn(login: string) {
  const browser = new BrowserLike()
  const response = await browser.post('/connexion', { login, password: FACTORY_PASSWORD })
  if (response.headers.get('location') !== '/services') {
    throw new Error(`Sign-in of ${login} answered ${response.status}`)
  }
  return browser
}

test.group('Hardening #2 the generic pages refuse the administration events', (group) => {
  group.setup(() => publishShippedDefinitions())
  group.each.setup(() => clearLimiters())

  for (const event of ['GRANT_ADMIN', 'REVOKE_ADMIN', 'DELETE']) {
    test(`M4 M5 ${event} on a colleague's record through /dossiers: 403 naming the administration screen, nothing written`, async ({
      client,
      assert,
    }) => {
      const { partner, admin } = await partnerWithAccounts()
      /** A colleague administrator (REVOKE_ADMIN) or not (GRANT_ADMIN, DELETE) */
      const colleague = await UserFactory.merge({
        partnerId: partner.id,
        role: event === 'REVOKE_ADMIN' ? 'partner_admin' : 'partner_user',
      }).create()
      const record = await accounts.startActive(colleague)
      const before = await footprint(record, partner.id)

      const response = await client
        .post(`/dossiers/${record.id}/evenements/${event}`)
        .loginAs(admin)
        .withCsrfToken()
        .header('accept', 'application/json')
      response.assertStatus(403)
      assert.include(response.body().error.message, ADMINISTRATION_SCREEN)
      assert.deepEqual(await footprint(record, partner.id), before)

      /** The page shows no button for it either */
      const page = await client.get(`/dossiers/${record.id}`).loginAs(admin).withInertia()
      page.assertStatus(200)
      assert.deepEqual(
        page.inertiaProps.forms.map((form: { event: string }) => form.event),
        []
      )
    })
  }

  test('M4 the administration screen still sends them, with its audit', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const response = await client
      .put(`/administration/utilisateurs/${member.id}`)
      .json({
        lastName: member.lastName,
        firstName: member.firstName,
        phone: member.phone ?? '',
        email: member.email,
        login: member.login,
        isAdministrator: true,
      })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const granted = await User.findOrFail(member.id)
    assert.equal(granted.role, 'partner_admin')
    const audit = await auditRowsOf(partner.id)
    assert.deepEqual(
      audit.map((row) => row.action),
      ['grant_admin']
    )
  })
})

/** Trials of the mutual revocation race; every one must leave an administrator */
const MUTUAL_REVOCATION_TRIALS = 12

test.group('Hardening #2 two administrators revoke each other at once', (group) => {
  group.setup(() => publishShippedDefinitions())
  group.each.setup(() => clearLimiters())

  test(`M4 over HTTP, two sessions, ${MUTUAL_REVOCATION_TRIALS} trials: the partner always keeps an administrator, one audit row per revocation`, async ({
    assert,
  }) => {
    /** How many trials ended with 0, 1 or 2 revocations applied */
    const outcomes = new Map<number, number>([
      [0, 0],
      [1, 0],
      [2, 0],
    ])
    for (let trial = 0; trial < MUTUAL_REVOCATION_TRIALS; trial++) {
      const partner = await PartnerFactory.with('address').create()
      const [first, second] = await UserFactory.merge({ partnerId: partner.id })
        .apply('partnerAdmin')
        .createMany(2)
      const sessions = await Promise.all([signedIn(first.login), signedIn(second.login)])
      const revoke = (browser: BrowserLike, target: User) =>
        browser.post(`/administration/utilisateurs/${target.id}?_method=PUT`, {
          lastName: target.lastName,
          firstName: target.firstName,
          phone: target.phone ?? '',
          email: target.email,
          login: target.login,
          isAdministrator: 'false',
        })
      const pair: Array<[BrowserLike, User]> = [
        [sessions[0], second],
        [sessions[1], first],
      ]
      const responses = await Promise.all(
        (trial % 2 ? pair.reverse() : pair).map(([browser, target]) => revoke(browser, target))
      )
      const label = `trial ${trial}`
      for (const response of responses) assert.isBelow(response.status, 500, label)

      const administrators = await User.query()
        .where('partner_id', partner.id)
        .where('role', 'partner_admin')
        .whereNull('deleted_at')
      assert.isAtLeast(administrators.length, 1, label)
      const revoked = 2 - administrators.length
      const audit = await auditRowsOf(partner.id)
      assert.deepEqual(
        audit.map((row) => row.action),
        Array.from({ length: revoked }, () => 'revoke_admin'),
        label
      )
      /** Each audit row names the account that lost the status */
      const stillAdministrators = new Set(administrators.map((user) => user.id))
      for (const row of audit) assert.isFalse(stillAdministrators.has(row.subjectId!), label)
      outcomes.set(revoked, outcomes.get(revoked)! + 1)
    }
    console.log(
      `mutual revocation (${db.primaryConnectionName}): ${MUTUAL_REVOCATION_TRIALS} trials, ` +
        [...outcomes].map(([revoked, trials]) => `${revoked} revoked: ${trials}`).join(', ')
    )
    assert.equal(outcomes.get(2), 0)
  })
})

test.group('Hardening #7 CHANGE_PASSWORD only through « Changer mon mot de passe »', (group) => {
  group.setup(() => publishShippedDefinitions())
  group.each.setup(() => clearLimiters())

  test('A6 the owner sending CHANGE_PASSWORD through /dossiers: 403 naming the password screen, the password kept', async ({
    client,
    assert,
  }) => {
    const { partner, member } = await partnerWithAccounts()
    const record = await accounts.startActive(member)
    const before = await footprint(record, partner.id)

    const response = await client
      .post(`/dossiers/${record.id}/evenements/CHANGE_PASSWORD`)
      .json({ currentPassword: 'Faux2026', newPassword: 'Neuf2026', confirmation: 'Neuf2026' })
      .loginAs(member)
      .withCsrfToken()
      .header('accept', 'application/json')
    response.assertStatus(403)
    assert.include(response.body().error.message, PASSWORD_SCREEN)
    assert.deepEqual(await footprint(record, partner.id), before)
    assert.isTrue(await passwordStill(member.id, FACTORY_PASSWORD))
  })

  test('A6 through /mot-de-passe, wrong current passwords meet the limit: then even the right one waits', async ({
    client,
    assert,
  }) => {
    const { member } = await partnerWithAccounts()
    await accounts.startActive(member)
    const change = (currentPassword: string) =>
      client
        .post('/mot-de-passe')
        .json({ currentPassword, newPassword: 'Neuf2026', confirmation: 'Neuf2026' })
        .loginAs(member)
        .withCsrfToken()
        .withInertia()

    const statuses: number[] = []
    for (let attempt = 0; attempt < WRONG_CURRENT_PASSWORD_LIMIT.requests; attempt++) {
      const response = await change('Faux2026')
      statuses.push(response.status())
    }
    assert.deepEqual(
      statuses,
      Array.from({ length: WRONG_CURRENT_PASSWORD_LIMIT.requests }, () => 422)
    )
    const blocked = await change(FACTORY_PASSWORD)
    blocked.assertStatus(429)
    assert.include(blocked.inertiaProps.errors.currentPassword, 'Trop d’essais')
    assert.isTrue(await passwordStill(member.id, FACTORY_PASSWORD))
  })
})
