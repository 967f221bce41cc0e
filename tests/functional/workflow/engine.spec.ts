import { test } from '@japa/runner'
import engine from '#workflow/engine'
import {
  WorkflowConflictError,
  WorkflowEventRejectedError,
  WorkflowForbiddenError,
  WorkflowNotFoundError,
  WorkflowValidationError,
} from '#workflow/errors'
import type { MailPayload } from '#models/outbox_message'
import { publishDefinition } from '#workflow/definition_store'
import {
  actors,
  readFixture,
  auditRows,
  outboxRows,
  preinscriptionPayload,
  publishShippedDefinitions,
  NO_SUCH_USER,
  ANOTHER_NO_SUCH_USER,
} from './support.js'

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
    assert.include(payload.text, '« Association Ciel Bleu » (code convention 757300)')
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
    const reloaded = await instance.refresh()
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
    const error = await engine
      .start('convention', { partnerId: 5 }, actors.partnerAdmin(1, 6))
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowForbiddenError)
    const instance = await engine.start(
      'convention',
      {
        partnerId: 5,
        caisseId: 3,
        context: { conventionCode: 'C-1', caisseName: 'X', notifyEmail: 'a@b.fr' },
      },
      actors.partnerAdmin(1, 5)
    )
    assert.equal(instance.state, 'pending')
    assert.equal(instance.subjectType, 'convention')
  })

  test('A2 passwords never reach the audit row nor the snapshot', async ({ assert }) => {
    const instance = await engine.start(
      'user-lifecycle',
      {
        subjectId: NO_SUCH_USER,
        partnerId: 5,
        context: { login: 'Mika1', email: 'mika@example.fr' },
      },
      actors.system()
    )
    await engine.send(instance.id, { type: 'SEND_INVITATION' }, actors.system())
    const active = await engine.send(
      instance.id,
      {
        type: 'CHANGE_PASSWORD',
        payload: { currentPassword: 'Temp1234', newPassword: 'Neuf2026', confirmation: 'Neuf2026' },
      },
      actors.partnerUser(NO_SUCH_USER, 5)
    )
    assert.equal(active.state, 'active')
    const audit = await auditRows(instance.id)
    assert.deepEqual(audit.at(-1)!.payload, {})
    assert.notInclude(JSON.stringify(active.snapshot), 'Neuf2026')
    assert.notInclude(JSON.stringify(audit.map((row) => row.payload)), 'Temp1234')
  })

  test('M4 an administrator cannot change their own administrator status (guard → 422)', async ({
    assert,
  }) => {
    const instance = await engine.start(
      'user-lifecycle',
      {
        subjectId: ANOTHER_NO_SUCH_USER,
        partnerId: 5,
        context: { login: 'Sol1', email: 'sol@example.fr' },
      },
      actors.system()
    )
    await engine.send(instance.id, { type: 'SEND_INVITATION' }, actors.system())
    await engine.send(
      instance.id,
      {
        type: 'CHANGE_PASSWORD',
        payload: { currentPassword: 'a', newPassword: 'b', confirmation: 'b' },
      },
      actors.partnerUser(ANOTHER_NO_SUCH_USER, 5)
    )
    const own = await engine
      .send(instance.id, { type: 'REVOKE_ADMIN' }, actors.partnerAdmin(ANOTHER_NO_SUCH_USER, 5))
      .catch((caught) => caught)
    assert.instanceOf(own, WorkflowEventRejectedError)
    const granted = await engine.send(
      instance.id,
      { type: 'GRANT_ADMIN' },
      actors.partnerAdmin(900, 5)
    )
    assert.isTrue(granted.snapshot.context.isAdmin)
    const deleteAdmin = await engine
      .send(instance.id, { type: 'DELETE' }, actors.partnerAdmin(900, 5))
      .catch((caught) => caught)
    assert.instanceOf(deleteAdmin, WorkflowEventRejectedError)
    assert.sameMembers(await engine.availableEvents(granted, actors.partnerAdmin(900, 5)), [
      'GRANT_ADMIN',
      'REVOKE_ADMIN',
      'DELETE',
    ])
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
