import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import engine from '#workflow/engine'
import registry, { defineEffectAction } from '#workflow/registry'
import { publishDefinition } from '#workflow/definition_store'
import { actors, auditRows, outboxRows, readFixture } from './support.js'

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
    const before = { ...instance.$attributes }
    const outboxBefore = await countOutbox()

    const error = await engine
      .send(instance.id, { type: 'VALIDATE' }, actors.caisseAdmin(1, [3]))
      .catch((caught) => caught)
    assert.equal(error.message, 'Panne au milieu de l’action')

    await instance.refresh()
    assert.equal(instance.state, before.state)
    assert.equal(instance.lockVersion, before.lockVersion)
    assert.deepEqual(instance.snapshot, before.snapshot)
    const audit = await auditRows(instance.id)
    assert.deepEqual(
      audit.map((row) => row.event),
      ['$start']
    )
    assert.lengthOf(await outboxRows(instance.id), 0)
    assert.equal(await countOutbox(), outboxBefore)
    assert.isNull(await db.from('partner_types').where('code', 'HALFWAY').first())
  })
})
