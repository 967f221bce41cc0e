import { test } from '@japa/runner'
import engine from '#workflow/engine'
import { WorkflowConflictError } from '#workflow/errors'
import type { MailPayload } from '#models/outbox_message'
import {
  actors,
  auditRows,
  outboxRows,
  preinscriptionPayload,
  publishShippedDefinitions,
} from './support.js'

const ROUNDS = 20

test.group('C2 two caisse administrators decide at the same time', (group) => {
  group.setup(() => publishShippedDefinitions())

  test(`C2 exactly one decision applies, the other gets a conflict (${ROUNDS} rounds)`, async ({
    assert,
  }) => {
    const { caisseId } = await preinscriptionPayload()
    const first = actors.caisseAdmin(21, [caisseId])
    const second = actors.caisseAdmin(22, [caisseId])

    /** Rounds where the loser had loaded the record before the winner committed */
    let staleUpdates = 0
    for (let round = 0; round < ROUNDS; round++) {
      /** A login of its own each round: a validation creates its account (R6) */
      const { payload } = await preinscriptionPayload()
      const instance = await engine.start('preinscription', {}, actors.visitor())
      await engine.send(
        instance.id,
        { type: 'ACCEPT_CONDITIONS', payload: { accepted: 'on' } },
        actors.visitor()
      )
      await engine.send(instance.id, { type: 'CONFIRM_CONVENTION_CODE' }, actors.visitor())
      await engine.send(instance.id, { type: 'SUBMIT', payload }, actors.visitor())

      /** Alternate who fires first so both orders are exercised */
      const decisions = [
        engine.send(instance.id, { type: 'VALIDATE' }, first),
        engine.send(instance.id, { type: 'INVALIDATE', payload: { reason: 'Doublon' } }, second),
      ]
      const results = await Promise.allSettled(round % 2 ? decisions.reverse() : decisions)
      const applied = results.filter((result) => result.status === 'fulfilled')
      const refused = results.filter((result) => result.status === 'rejected')
      assert.lengthOf(applied, 1, `round ${round}`)
      assert.lengthOf(refused, 1, `round ${round}`)
      const conflict = (refused[0] as PromiseRejectedResult).reason
      assert.instanceOf(conflict, WorkflowConflictError)
      if (conflict.reason === 'stale') staleUpdates++

      await instance.refresh()
      const audit = await auditRows(instance.id)
      const decisionRows = audit.filter((row) => ['VALIDATE', 'INVALIDATE'].includes(row.event))
      assert.lengthOf(decisionRows, 1, `round ${round}`)
      assert.equal(decisionRows[0].toState, instance.state)
      assert.equal(instance.lockVersion, 4)

      const mails = await outboxRows(instance.id)
      const decisionMails = mails.filter(
        (mail) => (mail.payload as MailPayload).template !== 'preinscription_received'
      )
      assert.lengthOf(decisionMails, 1, `round ${round}`)
      assert.equal(
        (decisionMails[0].payload as MailPayload).template,
        `preinscription_${instance.state}`
      )
    }
    /** The guarded UPDATE (lock_version) is what refused the loser, not only the state check */
    assert.isAbove(staleUpdates, 0)
  })
})
