import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import engine from '#workflow/engine'
import registry, { defineEffectAction } from '#workflow/registry'
import { publishDefinition } from '#workflow/definition_store'
import {
  WorkflowForbiddenError,
  WorkflowSubjectMissingError,
  WorkflowValidationError,
} from '#workflow/errors'
import Convention from '#models/convention'
import type WorkflowInstance from '#models/workflow_instance'
import { Visitor } from '#tests/functional/workflow_pages/support'
import {
  actors,
  auditRows,
  outboxRows,
  partnerMember,
  partnerWithAdministrator,
  pendingConventionRow,
  preinscriptionPayload,
  publishShippedDefinitions,
  readFixture,
} from './support.js'

/**
 * A domain action that does part of its work (a row written, a mail queued)
 * and then fails: the whole transition must leave no trace.
 */
const failsHalfWay = defineEffectAction({
  description: 'Test only: writes, queues a mail, then throws',
  params: vine.object({ label: vine.string() }),
  async run({ trx, params, enqueueMail }) {
    await trx.table('partner_types').insert({
      code: 'HALFWAY',
      label: params.label,
      created_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
      updated_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
    })
    enqueueMail('decided', 'someone@example.fr', {})
    /** By now the instance row is updated inside the transaction: only rollback can undo it */
    throw new Error('Panne au milieu de l’action')
  },
})

/** What a failed transition must leave as it was: the record, its history, its mails */
async function recordOf(instance: WorkflowInstance) {
  await instance.refresh()
  const audit = await auditRows(instance.id)
  const mails = await outboxRows(instance.id)
  return {
    state: instance.state,
    lockVersion: instance.lockVersion,
    snapshot: instance.snapshot,
    history: audit.map((row) => row.event),
    mails: mails.length,
  }
}

/** A record just started, with no mail: its only history is its start */
const JUST_STARTED = { history: ['$start'], mails: 0 }

async function countOutbox() {
  const row = await db.from('outbox_messages').count('* as total').first()
  return Number(row.total)
}

test.group('W2 a transition is atomic', (group) => {
  group.setup(async () => {
    registry.registerAction('failsHalfWay', failsHalfWay)
    const body = await readFixture('valid-decision')
    body.key = 'atomicity-check'
    body.machine.id = 'atomicity-check'
    const validate = body.machine.states.pending.on!.VALIDATE as { actions: unknown[] }
    validate.actions = [
      { type: 'recordDecision', params: { outcome: 'validated' } },
      { type: 'sendMail', params: { template: 'decided', to: 'context.email' } },
      { type: 'failsHalfWay', params: { label: 'Écrit puis annulé' } },
    ]
    await publishDefinition(body, { author: 'tests' })
    return () => {
      registry.unregisterAction('failsHalfWay')
      engine.clearCache()
    }
  })

  test('W2 an action that throws half-way leaves no instance change, no audit row, no outbox row', async ({
    assert,
  }) => {
    const instance = await engine.start('atomicity-check', { caisseId: 3 }, actors.system())
    const before = await recordOf(instance)
    assert.containSubset(before, JUST_STARTED)
    const outboxBefore = await countOutbox()

    const error = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(1, [3]))
      .catch((caught) => caught)
    assert.equal(error.message, 'Panne au milieu de l’action')

    assert.deepEqual(await recordOf(instance), before)
    assert.equal(await countOutbox(), outboxBefore)
    assert.isNull(await db.from('partner_types').where('code', 'HALFWAY').first())
  })
})

test.group('W2 an effect whose subject is missing fails the whole transition', (group) => {
  group.setup(() => publishShippedDefinitions())

  test('M8 C2 a convention record whose convention row is gone: no decision, no audit, no mail', async ({
    assert,
  }) => {
    const { partner } = await partnerWithAdministrator()
    const { caisseId } = await preinscriptionPayload()
    const convention = await pendingConventionRow(partner.id, caisseId)
    const instance = await engine.start(
      'convention',
      { partnerId: partner.id, caisseId, subjectId: convention.id },
      actors.system()
    )
    /** Data broken outside the portal: the row the record is about no longer exists */
    await Convention.query().where('id', convention.id).delete()
    const before = await recordOf(instance)
    assert.containSubset(before, JUST_STARTED)

    const error = await engine
      .send(
        instance.id,
        { type: 'INVALIDATE', payload: { reason: 'Convention échue' } },
        actors.caisseAdmin(1, [caisseId])
      )
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowSubjectMissingError)
    assert.equal(error.status, 500)

    assert.deepEqual(await recordOf(instance), before)
  })

  test('A4 a lifecycle record whose account is gone: no password drawn, no audit, no mail', async ({
    assert,
  }) => {
    const { partner } = await partnerWithAdministrator()
    const member = await partnerMember(partner.id)
    const instance = await engine.start(
      'user-lifecycle',
      {
        subjectId: member.id,
        partnerId: partner.id,
        context: { login: member.login, email: member.email, existingAccount: true },
      },
      actors.system()
    )
    /** Marked deleted outside its record (data taken over): its record still says active */
    await db.from('users').where('id', member.id).update({ deleted_at: '2026-01-01 00:00:00' })
    const before = await recordOf(instance)
    assert.containSubset(before, JUST_STARTED)

    const error = await engine
      .send(instance.id, { type: 'RESET_PASSWORD' }, actors.system())
      .catch((caught) => caught)
    assert.instanceOf(error, WorkflowSubjectMissingError)

    assert.deepEqual(await recordOf(instance), before)
    assert.equal(before.state, 'active')
    await member.refresh()
    assert.isFalse(member.mustChangePassword)
  })
})

/** Every instance and transition row, and what the failing action writes: a refused start adds none */
async function startFootprint() {
  const count = async (table: string) => {
    const row = await db.from(table).count('* as total').first()
    return Number(row.total)
  }
  return {
    instances: await count('workflow_instances'),
    transitions: await count('workflow_transitions'),
    outbox: await count('outbox_messages'),
    halfWay: await db
      .from('partner_types')
      .where('code', 'HALFWAY')
      .then((rows) => rows.length),
  }
}

test.group('Hardening #15 a record and its first event start in one transaction', (group) => {
  group.setup(async () => {
    await publishShippedDefinitions()
    registry.registerAction('failsHalfWay', failsHalfWay)
    const body = await readFixture('valid-decision')
    body.key = 'start-with-check'
    body.machine.id = 'start-with-check'
    body.startPermissions = [{ role: 'caisse_admin', scope: 'any' }]
    const validate = body.machine.states.pending.on!.VALIDATE as { actions: unknown[] }
    validate.actions = [
      { type: 'recordDecision', params: { outcome: 'validated' } },
      { type: 'failsHalfWay', params: { label: 'Écrit puis annulé' } },
    ]
    await publishDefinition(body, { author: 'tests' })
    return () => {
      registry.unregisterAction('failsHalfWay')
      engine.clearCache()
    }
  })

  const start = (event: { type: string; payload?: Record<string, unknown> }, caisseIds: number[]) =>
    engine
      .startWith('start-with-check', { caisseId: 3 }, event, actors.caisseAdmin(8, caisseIds))
      .catch((caught) => caught)

  test('W2 a first event refused by its permission leaves no instance and no transition row', async ({
    assert,
  }) => {
    const before = await startFootprint()
    assert.instanceOf(await start({ type: 'VALIDATE' }, [4]), WorkflowForbiddenError)
    assert.deepEqual(await startFootprint(), before)
  })

  test('W2 a first event refused by its form leaves no instance and no transition row', async ({
    assert,
  }) => {
    const before = await startFootprint()
    const error = await start({ type: 'INVALIDATE', payload: { confirm: true } }, [3])
    assert.instanceOf(error, WorkflowValidationError)
    assert.deepEqual(Object.keys(error.fieldErrors), ['reason'])
    assert.deepEqual(await startFootprint(), before)
  })

  test('W2 a first event whose action fails half-way leaves nothing: not the start, not its writes', async ({
    assert,
  }) => {
    const before = await startFootprint()
    const error = await start({ type: 'VALIDATE' }, [3])
    assert.equal(error.message, 'Panne au milieu de l’action')
    assert.deepEqual(await startFootprint(), before)
  })

  test('W2 an accepted first event: the record, its start and its event, in one go', async ({
    assert,
  }) => {
    const before = await startFootprint()
    const instance = await start(
      { type: 'INVALIDATE', payload: { reason: 'Doublon', confirm: true } },
      [3]
    )
    assert.equal(instance.state, 'invalidated')
    const audit = await auditRows(instance.id)
    assert.deepEqual(
      audit.map((row) => row.event),
      ['$start', 'INVALIDATE']
    )
    const after = await startFootprint()
    assert.deepEqual(
      [after.instances - before.instances, after.transitions - before.transitions],
      [1, 2]
    )
  })

  test('R1 over HTTP, « J’accepte » not ticked: 422 and no record, no transition row', async ({
    client,
    assert,
  }) => {
    const before = await startFootprint()
    const visitor = new Visitor(client)
    const refused = await visitor.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', {})
    refused.assertStatus(422)
    assert.deepEqual(await startFootprint(), before)
  })
})
