import { test } from '@japa/runner'
import User from '#models/user'
import WorkflowTransition from '#models/workflow_transition'
import OutboxMessage from '#models/outbox_message'
import { actorOf } from '#services/accounts/lifecycle'
import { accounts, receiveTemporaryPassword } from './support.js'

test.group('A2 every account has its user-lifecycle record', () => {
  test('A1 the demo accounts have an "active" record started by the system', async ({ assert }) => {
    for (const login of ['caissehdf', 'analyste', 'partenaire1']) {
      const user = await User.findByOrFail('login_key', login)
      const instance = await accounts.instanceOf(user)
      assert.equal(instance?.state, 'active', login)
      assert.equal(instance?.subjectType, 'user')
      const audit = await WorkflowTransition.query().where('instance_id', instance!.id)
      assert.deepEqual(
        audit.map((row) => [row.event, row.toState, row.actorRole]),
        [['$start', 'active', 'system']]
      )
    }
  })

  test('A2 a partner administrator creates a user: invited, then a temporary password by mail', async ({
    assert,
  }) => {
    const admin = await User.findByOrFail('login_key', 'partenaire1')
    const user = await accounts.createWithTemporaryPassword(
      {
        login: 'Collegue1',
        lastName: 'DURAND',
        firstName: 'Léa',
        email: 'collegue1@association-demo.fr',
        role: 'partner_user',
        partnerId: admin.partnerId,
      },
      await actorOf(admin)
    )
    assert.isTrue(user.mustChangePassword)
    const instance = await accounts.instanceOf(user)
    assert.equal(instance?.state, 'password_change_required')
    assert.equal(instance?.partnerId, admin.partnerId)
    const audit = await WorkflowTransition.query().where('instance_id', instance!.id).orderBy('seq')
    assert.deepEqual(
      audit.map((row) => [row.event, row.fromState, row.toState, row.actorRole]),
      [
        ['$start', null, 'invited', 'partner_admin'],
        ['SEND_INVITATION', 'invited', 'password_change_required', 'system'],
      ]
    )

    const { mail, password } = await receiveTemporaryPassword('collegue1@association-demo.fr')
    assert.equal(mail.subject, 'PPAS – Votre compte')
    assert.include(mail.text, 'Collegue1')
    assert.match(password, /^[A-Za-z0-9]{12}$/)

    /** Inviting again sends nothing more */
    const before = await OutboxMessage.query().count('* as total')
    await accounts.invite(user)
    const after = await OutboxMessage.query().count('* as total')
    assert.equal(after[0].$extras.total, before[0].$extras.total)
  })

  test('A2 a user of another partner cannot be created by this administrator', async ({
    assert,
  }) => {
    const admin = await User.findByOrFail('login_key', 'partenaire1')
    const actor = await actorOf(admin)
    await assert.rejects(() =>
      accounts.createWithTemporaryPassword(
        {
          login: 'Intrus1',
          lastName: 'X',
          firstName: 'Y',
          email: 'intrus1@example.fr',
          role: 'partner_user',
          partnerId: null,
        },
        actor
      )
    )
    assert.isNull(await User.findBy('login_key', 'intrus1'))
  })
})
