import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import engine from '#workflow/engine'
import { publishDefinition } from '#workflow/definition_store'
import type { WorkflowActor } from '#workflow/types'
import type { MailPayload } from '#models/outbox_message'
import Caisse from '#models/caisse'
import { PartnerFactory } from '#database/factories/partner_factory'
import { FACTORY_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { mailbox } from '#tests/helpers/mailbox'
import { caisseAdmin, submittedPreinscription } from '#tests/functional/back_office/support'
import { outboxRows, publishShippedDefinitions } from '#tests/functional/workflow/support'
import {
  AppProcess,
  Browser,
  clusterNodes,
  galera,
  nodeConnection,
  pageProps,
  type Answer,
} from './support.js'

/**
 * Issue 14: PPAS on a three-node MariaDB Galera cluster (bin/galera.mjs).
 * Three app processes, each connected to its own node (MYSQL_HOSTS in its
 * own order), serve HTTP; the administrators are browsers signed in
 * through « Connexion », their sessions in the database. A row lock on one
 * node does not block a writer on another: the conflicts surface at commit
 * (certification) and must end as on one server.
 * docs/decisions/0031-galera-certification-conflicts.md
 */

const DECISION_ROUNDS = 50
const REVOKE_ROUNDS = 20
const BURST_TRANSITIONS = 2000
const BURST_INSTANCES = 60
const BURST_SENDERS_PER_PROCESS = 4
const CONFLICT = 'Ce dossier a déjà été traité.'
const CAISSE_PASSWORD = 'Secret2026'

const processes: AppProcess[] = []

/** Rows of one node, read once it applied what the cluster committed */
async function onEveryNode<T>(read: (connection: any, port: number) => Promise<T>) {
  const views: T[] = []
  for (const node of clusterNodes()) {
    const connection = await nodeConnection(node)
    try {
      views.push(await read(connection, node.port))
    } finally {
      await connection.end()
    }
  }
  return views
}

/**
 * Until the workers of the three processes sent every mail of the outbox
 * after `lastId` but those in a claim's lease ("sending", unchanged for two
 * seconds: claimed by a worker whose node died); how many are left
 */
async function drained(lastId: number, seconds: number) {
  let left = { pending: 0, sending: 0 }
  let unchanged = 0
  for (let tick = 0; tick < seconds * 4; tick++) {
    const rows = await db
      .from('outbox_messages')
      .where('id', '>', lastId)
      .whereIn('status', ['pending', 'sending'])
      .select('status')
    const now = {
      pending: rows.filter((row) => row.status === 'pending').length,
      sending: rows.filter((row) => row.status === 'sending').length,
    }
    unchanged = now.pending === 0 && now.sending === left.sending ? unchanged + 1 : 0
    left = now
    if (rows.length === 0 || unchanged >= 8) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return left.pending + left.sending
}

/** How many times each Message-ID reached the mail catcher */
function deliveries() {
  const counts = new Map<string, number>()
  for (const mail of mailbox.messages) {
    const id = String(mail.messageId)
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

async function lastOutboxId() {
  const [{ last }] = await db.from('outbox_messages').max('id as last')
  return Number(last ?? 0)
}

test.group('Issue 14 a three-node Galera cluster', (group) => {
  group.setup(async () => {
    await publishShippedDefinitions()
    processes.push(...(await Promise.all([0, 1, 2].map((node) => AppProcess.start(node)))))
    for (const app of processes) await app.call('startOutbox', { intervalMs: 100 })
    return async () => {
      await Promise.all(processes.map((app) => app.close()))
      processes.length = 0
    }
  })

  test('each app process works on its own node', async ({ assert }) => {
    const nodes = await Promise.all(processes.map((app) => app.call<string>('node')))
    assert.deepEqual(nodes, ['node1', 'node2', 'node3'])
    assert.lengthOf(clusterNodes(), 3)
  })

  test(`C2 two caisse administrators on two nodes decide one record at once: one wins, one audit row, one mail (${DECISION_ROUNDS} rounds)`, async ({
    assert,
  }) => {
    const admins = [await caisseAdmin(['CARSAT-RA']), await caisseAdmin(['CARSAT-RA'])]
    const browsers = await Promise.all(
      admins.map((admin, index) =>
        new Browser().signIn(processes[index].base, admin.login, CAISSE_PASSWORD)
      )
    )
    const lastOutbox = await lastOutboxId()
    const decisionMails: number[] = []

    for (let round = 0; round < DECISION_ROUNDS; round++) {
      const label = `round ${round}`
      const instance = await submittedPreinscription({ caisseCode: 'CARSAT-RA' })
      const siret = String(instance.snapshot.context.siret)
      const { length: mailsBefore } = await outboxRows(instance.id)
      /** One validation in five (it creates the partner and its administrator), else two refusals */
      const events = round % 5 === 0 ? ['VALIDATE', 'INVALIDATE'] : ['INVALIDATE', 'INVALIDATE']
      /** Node 1 against node 2, then node 2 against node 3, then 3 against 1 */
      const apps = [processes[round % 3], processes[(round + 1) % 3]]
      const answers: Answer[] = await Promise.all(
        browsers.map((browser, index) =>
          browser.send(apps[index].base, 'POST', `/caisse/dossiers/${instance.id}/decision`, {
            event: events[index],
            lockVersion: instance.lockVersion,
            reason: `Refus ${round}`,
          })
        )
      )

      const statuses = answers.map((answer) => answer.status)
      assert.sameMembers(statuses, [302, 409], `${label}: ${statuses}`)
      const loser = answers.find((answer) => answer.status === 409)!
      assert.equal(pageProps(loser).alert, CONFLICT, label)
      const winner = admins[statuses.indexOf(302)]

      const views = await onEveryNode(async (connection) => {
        const [[stored]] = await connection.query(
          'SELECT state, lock_version FROM workflow_instances WHERE id = ?',
          [instance.id]
        )
        const [decisions] = await connection.query(
          "SELECT actor_id, to_state FROM workflow_transitions WHERE instance_id = ? AND event IN ('VALIDATE', 'INVALIDATE')",
          [instance.id]
        )
        const [partners] = await connection.query('SELECT id FROM partners WHERE siret = ?', [
          siret,
        ])
        return { stored, decisions, partners: partners.length }
      })
      for (const [node, view] of views.entries()) {
        const where = `${label}, node ${node + 1}`
        assert.equal(view.stored.lock_version, instance.lockVersion + 1, where)
        assert.lengthOf(view.decisions, 1, `${where}: one audit row`)
        assert.equal(view.decisions[0].actor_id, winner.id, where)
        assert.equal(view.decisions[0].to_state, view.stored.state, where)
        /** The domain rows agree with the state: a partner only for a validation */
        assert.equal(view.partners, view.stored.state === 'validated' ? 1 : 0, `${where} partner`)
      }

      const rows = await outboxRows(instance.id)
      const mails = rows.slice(mailsBefore)
      assert.deepEqual(
        mails
          .map((mail) => (mail.payload as MailPayload).template)
          .filter((template) => template.startsWith('preinscription_')),
        [`preinscription_${views[0].stored.state}`],
        `${label}: one mail`
      )
      decisionMails.push(...mails.map((mail) => mail.id))
    }

    /** Each mail of the decisions reached its recipient once */
    assert.equal(await drained(lastOutbox, 60), 0, 'outbox drained')
    const counts = deliveries()
    for (const id of decisionMails) {
      assert.equal(counts.get(`<outbox-${id}@ppas>`), 1, `outbox ${id} delivered once`)
    }
  }).timeout(300_000)

  test(`M4 two partner administrators on two nodes revoke each other at once: the partner keeps one (${REVOKE_ROUNDS} rounds)`, async ({
    assert,
  }) => {
    for (let round = 0; round < REVOKE_ROUNDS; round++) {
      const label = `round ${round}`
      const partner = await PartnerFactory.create()
      const pair = await UserFactory.merge({ partnerId: partner.id })
        .apply('partnerAdmin')
        .createMany(2)
      const apps = [processes[round % 3], processes[(round + 1) % 3]]
      const browsers = await Promise.all(
        pair.map((user, index) =>
          new Browser().signIn(apps[index].base, user.login, FACTORY_PASSWORD)
        )
      )
      /** M4: the other's row opened, « Administrateur » unticked, « Valider » */
      const answers = await Promise.all(
        browsers.map((browser, index) => {
          const other = pair[1 - index]
          return browser.send(apps[index].base, 'PUT', `/administration/utilisateurs/${other.id}`, {
            lastName: other.lastName,
            firstName: other.firstName,
            email: other.email,
            phone: other.phone,
            isAdministrator: false,
          })
        })
      )

      /** Done: 303 back to the tab (redirectToTab) */
      const statuses = answers.map((answer) => answer.status)
      assert.equal(statuses.filter((status) => status === 303).length, 1, `${label}: ${statuses}`)
      const refused = answers.find((answer) => answer.status !== 303)!
      /** « le dernier administrateur » at the field (422), or no longer an administrator (403) */
      assert.include([422, 403], refused.status, `${label}: ${refused.body.slice(0, 300)}`)

      const views = await onEveryNode(async (connection) => {
        const [admins] = await connection.query(
          "SELECT id FROM users WHERE partner_id = ? AND role = 'partner_admin' AND deleted_at IS NULL",
          [partner.id]
        )
        const [revokes] = await connection.query(
          "SELECT actor_id FROM audit_events WHERE partner_id = ? AND action = 'revoke_admin'",
          [partner.id]
        )
        return { admins: admins.map((row: any) => row.id), revokes: revokes.length }
      })
      for (const [node, view] of views.entries()) {
        assert.lengthOf(view.admins, 1, `${label}: one administrator on node ${node + 1}`)
        assert.equal(view.revokes, 1, `${label}: one audit row on node ${node + 1}`)
      }
      /** The winner is the one who kept the status */
      assert.equal(views[0].admins[0], pair[statuses.indexOf(303)].id, label)
    }
  }).timeout(300_000)

  test(`kill -9 of one node during ${BURST_TRANSITIONS} transitions from three app processes: nothing acknowledged is lost, every node agrees, no mail twice`, async ({
    assert,
  }) => {
    const body = JSON.parse(
      await readFile(new URL('../../bench/definitions/bench-toggle.json', import.meta.url), 'utf8')
    )
    await publishDefinition(body, { author: 'galera' })
    const caisse = await Caisse.findByOrFail('code', 'CARSAT-RA')
    const admin = await caisseAdmin(['CARSAT-RA'])
    const system: WorkflowActor = { id: null, role: 'system', partnerId: null, caisseIds: [] }
    const lastOutbox = await lastOutboxId()
    const known = new Map<number, number>()
    for (let index = 0; index < BURST_INSTANCES; index++) {
      const instance = await engine.start(
        'bench-toggle',
        { caisseId: caisse.id, subjectType: 'bench' },
        system
      )
      known.set(instance.id, instance.lockVersion)
    }
    const ids = [...known.keys()]
    /** One administrator signed in on the three processes at once (three nodes) */
    const browsers = await Promise.all(
      processes.map((app) => new Browser().signIn(app.base, admin.login, CAISSE_PASSWORD))
    )

    /** [record, lock_version reached, note]: what a client was told was done (302) */
    const acknowledged: Array<[number, number, string]> = []
    const others = processes.map(() => ({}) as Record<string, number>)
    let sent = 0
    const sender = async (index: number) => {
      while (sent < BURST_TRANSITIONS) {
        const note = `n${++sent}`
        const id = ids[Math.floor(Math.random() * ids.length)]
        const lockVersion = known.get(id)!
        let answer: Answer
        try {
          answer = await browsers[index].send(
            processes[index].base,
            'POST',
            `/caisse/dossiers/${id}/decision`,
            { event: 'TOGGLE', lockVersion, note }
          )
        } catch (error) {
          const key = `socket ${(error as Error).message}`
          others[index][key] = (others[index][key] ?? 0) + 1
          continue
        }
        if (answer.status === 302) {
          acknowledged.push([id, lockVersion + 1, note])
          known.set(id, Math.max(known.get(id)!, lockVersion + 1))
        } else if (answer.status === 409 && pageProps(answer).alert === CONFLICT) {
          /** The page shown with the conflict: the record as it is now */
          known.set(id, Math.max(known.get(id)!, pageProps(answer).item.lockVersion))
        } else {
          others[index][answer.status] = (others[index][answer.status] ?? 0) + 1
        }
      }
    }
    const burst = Promise.all(
      processes.flatMap((_, index) =>
        Array.from({ length: BURST_SENDERS_PER_PROCESS }, () => sender(index))
      )
    )
    /** Node 2 (the second process's) dies a quarter into the burst */
    while (sent < BURST_TRANSITIONS / 4) await new Promise((resolve) => setTimeout(resolve, 20))
    galera('kill', 2)
    const killedAt = sent
    await burst
    galera('restart', 2)

    console.log(
      `sent ${sent} (node 2 killed after ${killedAt}), acknowledged ${acknowledged.length}, ` +
        `other answers by process ${JSON.stringify(others)}`
    )
    assert.isAbove(acknowledged.length, BURST_TRANSITIONS / 2)
    /** The processes on the living nodes answered only 302 or 409 */
    assert.deepEqual(others[0], {}, 'process on node 1')
    assert.deepEqual(others[2], {}, 'process on node 3')
    /**
     * The one whose node died failed only the requests in flight on it, then
     * moved on; those were told 503 « momentanément indisponible » with
     * Retry-After (app/exceptions/handler.ts), never a 500
     */
    const lost = Object.values(others[1]).reduce((total, count) => total + count, 0)
    assert.isAtMost(lost, 40, `process on node 2: ${JSON.stringify(others[1])}`)
    assert.deepEqual(
      Object.keys(others[1]).filter((answer) => answer !== '503'),
      [],
      `process on node 2: ${JSON.stringify(others[1])}`
    )

    const drainStarted = Date.now()
    const waiting = await drained(lastOutbox, 240)
    const retriedMails = await db
      .from('outbox_messages')
      .where('id', '>', lastOutbox)
      .where('attempts', '>', 1)
      .select('status', 'last_error')
    console.log(
      `outbox drained ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the burst, ` +
        `${waiting} left in a lease, ${retriedMails.length} sent after a first failure ` +
        JSON.stringify(retriedMails.slice(0, 3))
    )

    const views = await onEveryNode(async (connection) => {
      const [instances] = await connection.query(
        'SELECT id, state, lock_version, snapshot FROM workflow_instances WHERE id IN (?) ORDER BY id',
        [ids]
      )
      const [transitions] = await connection.query(
        'SELECT instance_id, seq, to_state, payload FROM workflow_transitions WHERE instance_id IN (?) ORDER BY instance_id, seq',
        [ids]
      )
      const [outbox] = await connection.query(
        "SELECT id, status FROM outbox_messages WHERE id > ? AND kind = 'mail' ORDER BY id",
        [lastOutbox]
      )
      return { instances, transitions, outbox }
    })
    for (const [node, { instances, transitions, outbox }] of views.entries()) {
      const where = `node ${node + 1}`
      const seqs = new Map<string, any>(
        transitions.map((row: any) => [`${row.instance_id}:${row.seq}`, row])
      )
      const missing = acknowledged.filter(
        ([id, version, note]) =>
          JSON.parse(seqs.get(`${id}:${version}`)?.payload ?? '{}').note !== note
      )
      assert.lengthOf(
        missing,
        0,
        `${where}: acknowledged transitions missing ${missing.slice(0, 5)}`
      )

      for (const instance of instances) {
        const own = transitions.filter((row: any) => row.instance_id === instance.id)
        const record = `${where}, record ${instance.id}`
        /** One audit row per version (seq 0 is the start), the last one naming the state */
        assert.equal(own.length, instance.lock_version + 1, record)
        assert.equal(own.at(-1).to_state, instance.state, record)
        /** The context holds the last transition's note */
        const context = JSON.parse(instance.snapshot).context
        assert.equal(context.note, JSON.parse(own.at(-1).payload).note ?? null, record)
      }
      const done = instances.reduce((total: number, row: any) => total + row.lock_version, 0)
      /** One mail in the outbox per transition, written in its transaction */
      assert.equal(outbox.length, done, `${where}: one outbox row per transition`)
    }
    const summary = (view: (typeof views)[number]) =>
      JSON.stringify([view.instances, view.transitions.length, view.outbox])
    assert.equal(summary(views[1]), summary(views[0]), 'node 2 holds what node 1 holds')
    assert.equal(summary(views[2]), summary(views[0]), 'node 3 holds what node 1 holds')

    /**
     * No mail twice. A mail whose worker's node died between the SMTP
     * answer and its "sent" is still "sending" until its lease ends (then
     * sent again: at least once, README « Scale »)
     */
    const counts = deliveries()
    const twice = [...counts].filter(([, count]) => count > 1)
    assert.lengthOf(twice, 0, `mails sent twice: ${twice.slice(0, 5)}`)
    const stuck = views[0].outbox.filter((row: any) => row.status !== 'sent')
    assert.equal(waiting, stuck.length)
    assert.isAtMost(stuck.length, 50, 'at most one batch of the dead node’s worker is in its lease')
    for (const row of views[0].outbox.filter((mail: any) => mail.status === 'sent')) {
      assert.equal(counts.get(`<outbox-${row.id}@ppas>`), 1, `outbox ${row.id} delivered once`)
    }
  }).timeout(600_000)
})
