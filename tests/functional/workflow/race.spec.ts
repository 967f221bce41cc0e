import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import engine from '#workflow/engine'
import { WorkflowConflictError } from '#workflow/errors'
import type { MailPayload } from '#models/outbox_message'
import type User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import { UserFactory } from '#database/factories/user_factory'
import {
  caisseAdmin,
  pendingConvention,
  submittedPreinscription,
} from '#tests/functional/back_office/support'
import {
  actors,
  auditRows,
  outboxRows,
  preinscriptionPayload,
  publishShippedDefinitions,
} from './support.js'

/**
 * C2: two administrators of one caisse decide the same record at the same
 * instant. Each round, both post their decision to the in-process HTTP
 * server at once, each with a session of their own; on MariaDB every
 * request gets its own pooled connection, so the two transactions really
 * overlap (on SQLite they take turns on its one connection).
 */

const HTTP_ROUNDS = 60
const ENGINE_ROUNDS = 20
const CONFLICT = 'Ce dossier a déjà été traité.'
const DECISIONS = ['VALIDATE', 'INVALIDATE'] as const
type Decision = (typeof DECISIONS)[number]

/** A validation draws and hashes the new administrator's password: one round in five */
function decisionsOf(round: number): [Decision, Decision] {
  return round % 5 === 0 ? ['VALIDATE', 'INVALIDATE'] : ['INVALIDATE', 'INVALIDATE']
}

const OUTCOME: Record<Decision, 'validated' | 'invalidated'> = {
  VALIDATE: 'validated',
  INVALIDATE: 'invalidated',
}

/** How the page's state labels end (« Convention invalidée », « Préinscription validée ») */
const STATE_WORD = { validated: 'validée', invalidated: 'invalidée' }

async function count(table: string, column: string, value: unknown) {
  const [row] = await db
    .from(table)
    .where(column, value as any)
    .count('* as total')
  return Number(row.total)
}

test.group('C2 two caisse administrators decide at the same time', (group) => {
  group.setup(() => publishShippedDefinitions())

  test(`C2 over HTTP, each with their own session: one decision applies, the other is told (${HTTP_ROUNDS} rounds)`, async ({
    client,
    assert,
  }) => {
    const first = await caisseAdmin(['CARSAT-RA'])
    const second = await caisseAdmin(['CARSAT-RA'])
    const winners = new Map<number, number>([
      [first.id, 0],
      [second.id, 0],
    ])

    for (let round = 0; round < HTTP_ROUNDS; round++) {
      const isConvention = round % 2 === 1
      const instance = isConvention
        ? await pendingConvention({ caisseCode: 'CARSAT-RA' })
        : await submittedPreinscription({ caisseCode: 'CARSAT-RA' })
      /** The partner's administrator, whom a convention's invalidation is mailed to */
      if (isConvention) {
        await UserFactory.apply('partnerAdmin').merge({ partnerId: instance.partnerId }).create()
      }
      const submitted = instance.snapshot.context as { adminLogin?: string; partnerName?: string }
      const { length: auditBefore } = await auditRows(instance.id)
      const { length: mailsBefore } = await outboxRows(instance.id)

      const [firstEvent, secondEvent] = decisionsOf(round)
      const post = (user: User, event: Decision) =>
        client
          .post(`/caisse/dossiers/${instance.id}/decision`)
          .form({ event, lockVersion: instance.lockVersion, reason: `Refus ${round}` })
          .loginAs(user)
          .withCsrfToken()
          .withInertia()
          .redirects(0)
      /** Alternate who fires first, so both orders of arrival are exercised */
      const sent: Array<{ user: User; event: Decision }> =
        Math.floor(round / 2) % 2
          ? [
              { user: second, event: secondEvent },
              { user: first, event: firstEvent },
            ]
          : [
              { user: first, event: firstEvent },
              { user: second, event: secondEvent },
            ]
      const responses: ApiResponse[] = await Promise.all(
        sent.map(({ user, event }) => post(user, event))
      )
      const label = `round ${round} (${isConvention ? 'convention' : 'préinscription'})`

      assert.deepEqual(responses.map((response) => response.status()).sort(), [302, 409], label)
      const winnerIndex = responses.findIndex((response) => response.status() === 302)
      const winner = sent[winnerIndex]
      const loser = responses[1 - winnerIndex]
      winners.set(winner.user.id, winners.get(winner.user.id)! + 1)
      const outcome = OUTCOME[winner.event]

      responses[winnerIndex].assertHeader('location', `/caisse/dossiers/${instance.id}`)
      loser.assertInertiaComponent('back_office/items/show')
      const shown = loser.inertiaProps as {
        alert: string | null
        item: { state: string }
        actions: unknown[]
      }
      assert.equal(shown.alert, CONFLICT, label)
      assert.isTrue(shown.item.state.endsWith(` ${STATE_WORD[outcome]}`), label)
      assert.lengthOf(shown.actions, 0, label)

      const reloaded = await WorkflowInstance.findOrFail(instance.id)
      assert.equal(reloaded.state, outcome, label)
      assert.equal(reloaded.lockVersion, instance.lockVersion + 1, label)
      const audit = await auditRows(instance.id)
      assert.lengthOf(audit, auditBefore + 1, `${label}: one audit row`)
      assert.equal(audit[auditBefore].event, winner.event, label)
      assert.equal(audit[auditBefore].actorId, winner.user.id, label)

      const mails = await outboxRows(instance.id)
      const decisionMails = mails
        .slice(mailsBefore)
        .map((mail) => (mail.payload as MailPayload).template)
      if (isConvention) {
        /** A validation mails nobody; an invalidation, the partner's one administrator */
        assert.deepEqual(
          decisionMails,
          outcome === 'invalidated' ? ['convention_invalidated'] : [],
          label
        )
        const convention = await db.from('conventions').where('id', instance.subjectId!).first()
        assert.equal(convention.state, outcome, label)
      } else {
        assert.deepEqual(decisionMails, [`preinscription_${outcome}`], label)
        /** R6: a validation creates one partner and one account, an invalidation none */
        const created = outcome === 'validated' ? 1 : 0
        assert.equal(await count('partners', 'name', submitted.partnerName), created, label)
        const login = String(submitted.adminLogin).toLowerCase()
        assert.equal(await count('users', 'login_key', login), created, label)
        if (created) {
          const account = await db.from('users').where('login_key', login).firstOrFail()
          const lifecycle = await db
            .from('workflow_instances')
            .where('subject_type', 'user')
            .where('subject_id', account.id)
          assert.lengthOf(lifecycle, 1, label)
        }
      }
    }
    /** Both administrators won some rounds: the race was not decided by the order of the code */
    assert.isAbove(winners.get(first.id)!, 0)
    assert.isAbove(winners.get(second.id)!, 0)
  })

  test(`W2 two sends of one loaded record: the guarded update (lock_version) refuses the later (${ENGINE_ROUNDS} rounds)`, async ({
    assert,
  }) => {
    const { caisseId } = await preinscriptionPayload()
    const first = actors.caisseAdmin(21, [caisseId])
    const second = actors.caisseAdmin(22, [caisseId])

    /** Rounds where the loser had loaded the record before the winner committed */
    let staleUpdates = 0
    for (let round = 0; round < ENGINE_ROUNDS; round++) {
      /** A login of its own each round: a validation creates its account (R6) */
      /** A convention code of its own too: a validated one is taken at its caisse (#15) */
      const { payload } = await preinscriptionPayload({ conventionCode: String(780000 + round) })
      const instance = await engine.start('preinscription', {}, actors.visitor())
      await engine.send(
        instance.id,
        { type: 'ACCEPT_CONDITIONS', payload: { accepted: 'on' } },
        actors.visitor()
      )
      await engine.send(instance.id, { type: 'CONFIRM_CONVENTION_CODE' }, actors.visitor())
      await engine.send(instance.id, { type: 'SUBMIT', payload }, actors.visitor())

      /** No expected lock_version: only the guarded UPDATE can tell the later send it lost */
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
