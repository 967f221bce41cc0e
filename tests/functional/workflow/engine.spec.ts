import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import engine from '#workflow/engine'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowForbiddenError,
  WorkflowNotFoundError,
  WorkflowValidationError,
} from '#workflow/errors'
import type { MailPayload } from '#models/outbox_message'
import WorkflowInstance from '#models/workflow_instance'
import { publishDefinition } from '#workflow/definition_store'
import {
  actors,
  readFixture,
  auditRows,
  outboxRows,
  preinscriptionPayload,
  publishShippedDefinitions,
  lastTemporaryPassword,
  partnerMember,
  partnerWithAdministrator,
  pendingConventionRow,
} from './support.js'
import { UserFactory } from '#database/factories/user_factory'
import { NOT_A_PARTNER_MEMBER_MESSAGE } from '#workflow_actions/user_lifecycle'
import { DOORS } from '#workflow_actions/doors'

/** A partner member's user-lifecycle record, invited: its temporary password is mailed */
async function invitedMember() {
  const { partner, administrator, actor } = await partnerWithAdministrator()
  const member = await partnerMember(partner.id)
  const instance = await engine.start(
    'user-lifecycle',
    {
      subjectId: member.id,
      partnerId: partner.id,
      context: { login: member.login, email: member.email },
    },
    actors.system()
  )
  await engine.send(instance.id, { type: 'SEND_INVITATION' }, actors.system())
  return {
    instance,
    member,
    memberActor: actors.partnerUser(member.id, partner.id),
    administrator,
    administratorActor: actor,
    temporaryPassword: await lastTemporaryPassword(instance.id),
  }
}

/** A pre-registration driven up to "submitted", routed to the first CNAV caisse */
async function submittedPreinscription() {
  const { caisseId, payload } = await preinscriptionPayload()
  const instance = await engine.start('preinscription', {}, actors.visitor())
  await engine.send(
    instance.id,
    { type: 'ACCEPT_CONDITIONS', payload: { accepted: 'on' } },
    actors.visitor()
  )
  await engine.send(instance.id, { type: 'CONFIRM_CONVENTION_CODE' }, actors.visitor())
  const submitted = await engine.send(instance.id, { type: 'SUBMIT', payload }, actors.visitor())
  return { instance: submitted, caisseId }
}

test.group('W2 workflow engine: start and send', (group) => {
  group.setup(() => publishShippedDefinitions())

  test('R1–R5 a visitor walks the pre-registration to "submitted", routed to the chosen caisse', async ({
    assert,
  }) => {
    const { instance, caisseId } = await submittedPreinscription()
    assert.equal(instance.state, 'submitted')
    assert.equal(instance.status, 'active')
    assert.equal(instance.caisseId, caisseId)
    assert.equal(instance.lockVersion, 3)
    assert.equal(instance.snapshot.context.conditionsVersion, '2026-01')
    assert.equal(instance.snapshot.context.partnerName, 'Association Ciel Bleu')
    assert.strictEqual(instance.snapshot.context.accepted, true)

    const audit = await auditRows(instance.id)
    assert.deepEqual(
      audit.map((row) => [row.seq, row.event, row.fromState, row.toState, row.actorRole]),
      [
        [0, '$start', null, 'conditions', 'visitor'],
        [1, 'ACCEPT_CONDITIONS', 'conditions', 'convention_code', 'visitor'],
        [2, 'CONFIRM_CONVENTION_CODE', 'convention_code', 'form', 'visitor'],
        [3, 'SUBMIT', 'form', 'submitted', 'visitor'],
      ]
    )
    assert.match(String(audit[3].payload.adminLogin), /^Alex7\w+$/)

    const [mail] = await outboxRows(instance.id)
    const payload = mail.payload as MailPayload
    assert.equal(mail.status, 'pending')
    assert.equal(payload.to, 'alex7@example.fr')
    assert.equal(payload.template, 'preinscription_received')
    assert.match(payload.text, /« Association Ciel Bleu » \(code convention 757\d{3,}\)/)
  })

  test('R6 the caisse invalidates with a reason: decision kept, mail names the reason', async ({
    assert,
  }) => {
    const { instance, caisseId } = await submittedPreinscription()
    const decided = await engine.send(
      instance.id,
      { type: 'INVALIDATE', payload: { reason: 'Code convention inconnu' } },
      actors.caisseAdmin(7, [caisseId])
    )
    assert.equal(decided.state, 'invalidated')
    assert.equal(decided.status, 'done')
    assert.deepEqual(decided.snapshot.context.decision, {
      outcome: 'invalidated',
      reason: 'Code convention inconnu',
      actorId: 7,
      actorRole: 'caisse_admin',
    })
    const mails = await outboxRows(instance.id)
    assert.deepEqual(
      mails.map((mail) => (mail.payload as MailPayload).template),
      ['preinscription_received', 'preinscription_invalidated']
    )
    assert.include((mails[1].payload as MailPayload).text, 'Code convention inconnu')
    const audit = await auditRows(instance.id)
    assert.deepInclude(audit.at(-1)!.payload, { reason: 'Code convention inconnu' })
    assert.equal(audit.at(-1)!.actorId, 7)
  })

  test('C1 an administrator of another caisse is refused with a 403', async ({ assert }) => {
    const { instance, caisseId } = await submittedPreinscription()
    const error = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(8, [caisseId + 1]))
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowForbiddenError)
    assert.equal(error.status, 403)
    const visitorError = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.visitor())
      .catch((caught) => caught)
    assert.instanceOf(visitorError, WorkflowForbiddenError)
    assert.lengthOf(await auditRows(instance.id), 4)
  })

  test('R4 an invalid payload is a 422 with one French message per field, and changes nothing', async ({
    assert,
  }) => {
    const { instance, caisseId } = await submittedPreinscription()
    const error = await engine
      .send(
        instance.id,
        { type: 'INVALIDATE', payload: { reason: '' } },
        actors.caisseAdmin(7, [caisseId])
      )
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowValidationError)
    assert.equal(error.status, 422)
    assert.deepEqual(error.fieldErrors, {
      reason: "Le champ « Motif de l'invalidation » est obligatoire.",
    })
    const reloaded = await WorkflowInstance.findOrFail(instance.id)
    assert.equal(reloaded.state, 'submitted')
    assert.equal(reloaded.lockVersion, 3)
  })

  test('C2 an event the current state does not accept is a 409 conflict, never a 500', async ({
    assert,
  }) => {
    const { instance, caisseId } = await submittedPreinscription()
    await engine.send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(7, [caisseId]))
    const again = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(7, [caisseId]))
      .catch((caught) => caught)
    assert.instanceOf(again, WorkflowConflictError)
    assert.equal(again.status, 409)
    assert.equal(again.message, 'Ce dossier a déjà été traité.')
  })

  test('C2 a decision taken on a stale screen (lock version) is refused', async ({ assert }) => {
    const { instance, caisseId } = await submittedPreinscription()
    const error = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(7, [caisseId]), {
        expectedLockVersion: 2,
      })
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowConflictError)
  })

  test('W2 an unknown event is a 422, an unknown instance a 404', async ({ assert }) => {
    const instance = await engine.start('preinscription', {}, actors.visitor())
    const unknown = await engine
      .send(instance.id, { type: 'TELEPORT' }, actors.visitor())
      .catch((caught) => caught)
    assert.instanceOf(unknown, WorkflowEventRejectedError)
    assert.equal(unknown.status, 422)
    const missing = await engine
      .send(99999999, { type: 'SUBMIT' }, actors.visitor())
      .catch((caught) => caught)
    assert.instanceOf(missing, WorkflowNotFoundError)
  })

  test('W2 only the start permissions may start an instance', async ({ assert }) => {
    const { partner, administrator } = await partnerWithAdministrator()
    const { caisseId } = await preinscriptionPayload()
    const convention = await pendingConventionRow(partner.id, caisseId)
    const error = await engine
      .start(
        'convention',
        { partnerId: partner.id, subjectId: convention.id },
        actors.partnerAdmin(administrator.id, partner.id + 1)
      )
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowForbiddenError)
    const instance = await engine.start(
      'convention',
      {
        partnerId: partner.id,
        caisseId,
        subjectId: convention.id,
        context: { conventionCode: convention.code, caisseName: 'X', notifyEmail: 'a@b.fr' },
      },
      actors.partnerAdmin(administrator.id, partner.id)
    )
    assert.equal(instance.state, 'pending')
    assert.equal(instance.subjectType, 'convention')
  })

  test('A2 passwords never reach the audit row nor the snapshot', async ({ assert }) => {
    const { instance, memberActor, temporaryPassword } = await invitedMember()
    const active = await engine.send(
      instance.id,
      {
        type: 'CHANGE_PASSWORD',
        payload: {
          currentPassword: temporaryPassword,
          newPassword: 'Neuf2026',
          confirmation: 'Neuf2026',
        },
      },
      memberActor,
      { via: DOORS.passwordChange }
    )
    assert.equal(active.state, 'active')
    const audit = await auditRows(instance.id)
    assert.deepEqual(audit.at(-1)!.payload, {})
    assert.notInclude(JSON.stringify(active.snapshot), 'Neuf2026')
    assert.notInclude(JSON.stringify(audit.map((row) => row.payload)), temporaryPassword)
  })

  test('A2 a wrong current password is refused: the account keeps its password', async ({
    assert,
  }) => {
    const { instance, member, memberActor, temporaryPassword } = await invitedMember()
    const error = await engine
      .send(
        instance.id,
        {
          type: 'CHANGE_PASSWORD',
          payload: {
            currentPassword: 'Faux2026',
            newPassword: 'Neuf2026',
            confirmation: 'Neuf2026',
          },
        },
        memberActor,
        { via: DOORS.passwordChange }
      )
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowValidationError)
    assert.deepEqual(Object.keys(error.fieldErrors), ['currentPassword'])
    await instance.refresh()
    assert.equal(instance.state, 'password_change_required')
    await member.refresh()
    assert.isTrue(member.mustChangePassword)
    assert.isTrue(await hash.verify(member.password, temporaryPassword))
  })

  test('M4 an administrator cannot change their own administrator status (guard → 422)', async ({
    assert,
  }) => {
    const { instance, member, memberActor, administratorActor, temporaryPassword } =
      await invitedMember()
    await engine.send(
      instance.id,
      {
        type: 'CHANGE_PASSWORD',
        payload: {
          currentPassword: temporaryPassword,
          newPassword: 'Neuf2026',
          confirmation: 'Neuf2026',
        },
      },
      memberActor,
      { via: DOORS.passwordChange }
    )
    const own = await engine
      .send(
        instance.id,
        { type: 'REVOKE_ADMIN' },
        actors.partnerAdmin(member.id, memberActor.partnerId!),
        { via: DOORS.administration }
      )
      .catch((caught) => caught)
    assert.instanceOf(own, WorkflowEventRejectedError)
    const granted = await engine.send(instance.id, { type: 'GRANT_ADMIN' }, administratorActor, {
      via: DOORS.administration,
    })
    assert.isTrue(granted.snapshot.context.isAdmin)
    await member.refresh()
    assert.equal(member.role, 'partner_admin')
    const deleteAdmin = await engine
      .send(instance.id, { type: 'DELETE' }, administratorActor, { via: DOORS.administration })
      .catch((caught) => caught)
    assert.instanceOf(deleteAdmin, WorkflowEventRejectedError)
    assert.sameMembers(
      await engine.availableEvents(granted, administratorActor, DOORS.administration),
      ['GRANT_ADMIN', 'REVOKE_ADMIN', 'DELETE']
    )
  })

  test('M4 only a partner member can be made administrator: a caisse account is refused (422)', async ({
    assert,
  }) => {
    const caisseAccount = await UserFactory.apply('caisseAdmin').create()
    const instance = await engine.start(
      'user-lifecycle',
      {
        subjectId: caisseAccount.id,
        context: { login: caisseAccount.login, email: caisseAccount.email, existingAccount: true },
      },
      actors.system()
    )
    const error = await engine
      .send(instance.id, { type: 'GRANT_ADMIN' }, actors.platformAdmin(), {
        via: DOORS.administration,
      })
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowEventRejectedError)
    assert.equal(error.message, NOT_A_PARTNER_MEMBER_MESSAGE)
    await instance.refresh()
    assert.equal(instance.lockVersion, 0)
    assert.isFalse(instance.snapshot.context.isAdmin)
    await caisseAccount.refresh()
    assert.equal(caisseAccount.role, 'caisse_admin')
  })

  test('W2 nested states are stored as JSON and answer the events of their parent', async ({
    assert,
  }) => {
    const body = await readFixture('valid-decision')
    body.key = 'nested-decision'
    body.machine.id = 'nested-decision'
    body.machine.states.pending = {
      initial: 'reading',
      states: { reading: { on: { MARK_READ: 'read' } }, read: {} },
      on: body.machine.states.pending.on,
    }
    body.permissions.MARK_READ = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
    body.events = { ...body.events, MARK_READ: { label: 'Marquer comme lu' } }
    body.screens['pending.read'] = { page: 'workflow/decision', title: 'Lu' }
    await publishDefinition(body)
    const admin = actors.caisseAdmin(3, [9])

    const instance = await engine.start('nested-decision', { caisseId: 9 }, actors.system())
    assert.equal(instance.state, '{"pending":"reading"}')
    const read = await engine.send(instance.id, { type: 'MARK_READ' }, admin)
    assert.deepEqual(read.snapshot.value, { pending: 'read' })
    const again = await engine.send(instance.id, { type: 'MARK_READ' }, admin).catch((e) => e)
    assert.instanceOf(again, WorkflowConflictError)
    const validated = await engine.send(instance.id, { type: 'VALIDATE' }, admin)
    assert.equal(validated.state, 'validated')
    const audit = await auditRows(instance.id)
    assert.deepEqual(
      audit.map((row) => [row.fromState, row.toState]),
      [
        [null, '{"pending":"reading"}'],
        ['{"pending":"reading"}', '{"pending":"read"}'],
        ['{"pending":"read"}', 'validated'],
      ]
    )
  })
})
