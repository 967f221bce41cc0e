import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import WorkflowMigrate from '../../../commands/workflow_migrate.js'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import engine, { MIGRATE_EVENT } from '#workflow/engine'
import { publishDefinition } from '#workflow/definition_store'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { sqlDateTime } from '#models/columns'
import WorkflowInstance from '#models/workflow_instance'
import {
  planMigration,
  runMigration,
  RecordMigrationBatchError,
  RecordMigrationRuleError,
  type MigrationRequest,
} from '#services/workflow/record_migration'
import { actors, readFixture } from './support.js'

/**
 * S10 « Migrer les dossiers »: 1,000 running records of version 1 in three
 * states (400 « En attente », 350 « En relecture », 250 « En suspens »),
 * moved to version 2 where « En relecture » is renamed « En vérification »
 * and « En suspens » is gone. The records are inserted as the engine
 * stores them (a machine's value, data and status), then moved by the
 * service and decided by the real engine.
 */

const COUNTS = { pending: 400, review: 350, waiting: 250 } as const
const CAISSE = 3
let keys = 0

function versionOne(key: string, base: WorkflowDefinitionBody): WorkflowDefinitionBody {
  const body = structuredClone(base)
  body.key = key
  body.machine.id = key
  body.machine.states.review = { on: { REVIEWED: 'pending' } }
  body.machine.states.waiting = { on: { RESUME: 'pending' } }
  body.machine.states.pending.on!.HOLD = 'waiting'
  body.machine.states.pending.on!.TO_REVIEW = 'review'
  body.permissions.TO_REVIEW = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.REVIEWED = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.RESUME = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.HOLD = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.events = { ...body.events, REVIEWED: { label: 'Relu' }, RESUME: { label: 'Reprendre' } }
  body.events.HOLD = { label: 'Suspendre' }
  body.events.TO_REVIEW = { label: 'Faire relire' }
  body.screens.review = { page: 'workflow/status', title: 'En relecture' }
  body.screens.waiting = { page: 'workflow/status', title: 'En suspens' }
  return body
}

/** « En relecture » renamed « En vérification » (checking), « En suspens » removed */
function versionTwo(one: WorkflowDefinitionBody): WorkflowDefinitionBody {
  const body = structuredClone(one)
  body.title = 'Décision de test, v2'
  delete body.machine.states.waiting
  delete body.machine.states.pending.on!.HOLD
  delete body.permissions.HOLD
  delete body.events!.HOLD
  delete body.permissions.RESUME
  delete body.events!.RESUME
  delete body.screens.waiting
  body.machine.states.checking = body.machine.states.review
  body.machine.states.pending.on!.TO_REVIEW = 'checking'
  delete body.machine.states.review
  body.screens.checking = { page: 'workflow/status', title: 'En vérification' }
  delete body.screens.review
  return body
}

/** Two versions of a fresh key, and 1,000 running records of version 1 (plus 20 finished) */
async function oneThousandRecords() {
  const key = `s10-migration-${++keys}-${Date.now().toString(36)}`
  const one = versionOne(key, await readFixture('valid-decision'))
  const first = await publishDefinition(one, { author: 'tests' })
  const second = await publishDefinition(versionTwo(one), { author: 'tests' })
  const stamp = sqlDateTime(DateTime.now())
  const rows: Array<Record<string, unknown>> = []
  const add = (state: string, status: 'active' | 'done', n: number) =>
    rows.push({
      definition_id: first.definition.id,
      subject_type: null,
      subject_id: null,
      state,
      snapshot: JSON.stringify({
        value: state,
        context: { email: `dossier${n}@example.fr`, n },
        status,
      }),
      status,
      caisse_id: CAISSE,
      partner_id: null,
      lock_version: 0,
      created_at: stamp,
      updated_at: stamp,
    })
  let n = 0
  for (const [state, count] of Object.entries(COUNTS)) {
    for (let i = 0; i < count; i++) add(state, 'active', n++)
  }
  for (let i = 0; i < 20; i++) add('validated', 'done', n++)
  /** Interleaved, as records arrive: every batch holds records of each state */
  rows.sort(
    (a, b) =>
      (JSON.parse(a.snapshot as string).context.n % 7) -
      (JSON.parse(b.snapshot as string).context.n % 7)
  )
  for (let i = 0; i < rows.length; i += 200) {
    await db.table('workflow_instances').multiInsert(rows.slice(i, i + 200))
  }
  const request: MigrationRequest = {
    key,
    fromVersion: first.definition.version,
    toVersion: second.definition.version,
    mapping: { review: 'checking', waiting: null },
  }
  return { key, request, fromId: first.definition.id, toId: second.definition.id }
}

async function statesOn(definitionId: number) {
  const rows: Array<{ state: string; total: number }> = await db
    .from('workflow_instances')
    .where('definition_id', definitionId)
    .groupBy('state')
    .select('state')
    .count('* as total')
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.total)]))
}

async function migrationRows(key: string) {
  const [row] = await db
    .from('workflow_transitions')
    .join('workflow_instances', 'workflow_instances.id', 'workflow_transitions.instance_id')
    .join('workflow_definitions', 'workflow_definitions.id', 'workflow_instances.definition_id')
    .where('workflow_definitions.key', key)
    .where('workflow_transitions.event', MIGRATE_EVENT)
    .count('* as total')
  return Number(row.total)
}

const caisseAdmin = actors.caisseAdmin(1, [CAISSE])
const analyst = { id: 1, login: 'analyste' }

test.group('S10 moving running records to a newer version', () => {
  test('S10 the preview counts per state what the run then moves; finished records and a second run move nothing', async ({
    assert,
  }) => {
    const { key, request, fromId, toId } = await oneThousandRecords()
    const before = await statesOn(fromId)

    const plan = await planMigration(request)
    assert.equal(plan.total, 1000)
    assert.deepEqual(
      plan.sources.map((source) => [
        source.state,
        source.count,
        source.target,
        source.automatic,
        source.movable,
      ]),
      [
        ['pending', 400, 'pending', true, 400],
        ['review', 350, 'checking', false, 350],
        ['waiting', 250, null, false, 0],
      ]
    )
    assert.deepEqual(plan.sources.find((source) => source.state === 'waiting')!.refused, {
      no_target: 250,
    })
    assert.equal(plan.movable, 750)
    assert.equal(plan.refused, 250)
    assert.deepEqual(
      plan.targets.map((target) => target.id),
      ['pending', 'checking']
    )
    /** The preview is the dry run: nothing written */
    assert.deepEqual(await statesOn(fromId), before)
    assert.equal(await migrationRows(key), 0)

    const report = await runMigration(request, { actor: analyst, confirmed: plan.movable })
    assert.equal(report.status, 'finished')
    assert.equal(report.moved, plan.movable)
    assert.equal(report.skipped, 0)
    assert.equal(report.refused, 250)
    assert.deepEqual(report.refusals, { no_target: 250 })
    assert.deepEqual(report.mapping, { pending: 'pending', review: 'checking', waiting: null })
    assert.deepEqual(await statesOn(toId), { pending: 400, checking: 350 })
    assert.deepEqual(await statesOn(fromId), { waiting: 250, validated: 20 })
    assert.equal(await migrationRows(key), 750)

    /** A moved record: its history says so, and the new version's machine takes it on */
    const moved = await WorkflowInstance.query()
      .where('definition_id', toId)
      .where('state', 'checking')
      .firstOrFail()
    assert.equal(moved.lockVersion, 1)
    /** Its date stays: the caisse's queue sorts and dates records by it */
    const untouched = await WorkflowInstance.query()
      .where('definition_id', fromId)
      .where('state', 'waiting')
      .firstOrFail()
    assert.equal(moved.updatedAt.toMillis(), untouched.updatedAt.toMillis())
    const [audit] = await db
      .from('workflow_transitions')
      .where('instance_id', moved.id)
      .select('event', 'from_state', 'to_state', 'actor_role', 'actor_id', 'payload')
    assert.deepInclude(audit, {
      event: MIGRATE_EVENT,
      from_state: 'review',
      to_state: 'checking',
      actor_role: 'analyst',
      actor_id: 1,
    })
    assert.deepInclude(JSON.parse(audit.payload), {
      migrationId: report.id,
      fromVersion: 1,
      toVersion: 2,
      fromStateLabel: 'En relecture',
      toStateLabel: 'En vérification',
    })
    const reviewed = await engine.send(moved.id, { type: 'REVIEWED' }, caisseAdmin)
    assert.equal(reviewed.state, 'pending')
    const decided = await engine.send(moved.id, { type: 'VALIDATE' }, caisseAdmin)
    assert.equal(decided.state, 'validated')
    assert.equal(decided.definitionId, toId)

    const again = await runMigration(request, { actor: analyst })
    assert.equal(again.moved, 0)
    assert.equal(again.skipped, 0)
    assert.equal(await migrationRows(key), 750)
    assert.deepEqual(await statesOn(fromId), { waiting: 250, validated: 20 })
  }).timeout(120_000)

  test('S10 a record decided while the migration runs is skipped and reported, never overwritten', async ({
    assert,
  }) => {
    const { key, request, fromId, toId } = await oneThousandRecords()
    const plan = await planMigration(request)

    /** Decided between the preview and the run: the number confirmed is no longer right */
    const early = await WorkflowInstance.query()
      .where('definition_id', fromId)
      .where('state', 'pending')
      .orderBy('id', 'desc')
      .firstOrFail()
    await engine.send(early.id, { type: 'VALIDATE' }, caisseAdmin)
    const refused = await runMigration(request, { actor: analyst, confirmed: plan.movable }).catch(
      (error) => error
    )
    assert.instanceOf(refused, RecordMigrationRuleError)
    assert.match(refused.fieldErrors.confirmation, /est 749 : tapez ce nombre/)
    assert.equal(await migrationRows(key), 0)

    /** After the first batch has committed, the caisse decides a record of the last batch */
    const last = await WorkflowInstance.query()
      .where('definition_id', fromId)
      .where('state', 'pending')
      .orderBy('id', 'desc')
      .firstOrFail()
    let decidedId: number | null = null
    const report = await runMigration(request, {
      actor: analyst,
      confirmed: 749,
      batchSize: 100,
      onBatch: async ({ batch }) => {
        if (batch !== 1) return
        const decided = await engine.send(last.id, { type: 'HOLD' }, caisseAdmin)
        decidedId = decided.id
      },
    })
    assert.equal(decidedId, last.id)
    assert.equal(report.moved, 748)
    assert.equal(report.skipped, 1)
    assert.deepEqual(report.skippedIds, [last.id])
    await last.refresh()
    assert.equal(last.definitionId, fromId)
    assert.equal(last.state, 'waiting')
    assert.equal(last.lockVersion, 1)
    const events = await db
      .from('workflow_transitions')
      .where('instance_id', last.id)
      .select('event')
    assert.deepEqual(
      events.map((row) => row.event),
      ['HOLD']
    )
    assert.deepEqual(await statesOn(toId), { pending: 398, checking: 350 })
  }).timeout(120_000)

  test('S10 a batch that fails on one record leaves the whole batch as it was; the next run moves the rest', async ({
    assert,
    cleanup,
  }) => {
    const { key, request, fromId, toId } = await oneThousandRecords()
    const movable = await WorkflowInstance.query()
      .where('definition_id', fromId)
      .whereIn('state', ['pending', 'review'])
      .orderBy('id')
    /** The 150th record to move (the second batch of 100) refuses to be rewritten: a trigger of the database */
    const refusing = movable[149]
    const mysql = db.connection().dialect.name === 'mysql'
    await db.rawQuery(
      mysql
        ? `CREATE TRIGGER s10_refuse_move BEFORE UPDATE ON workflow_instances FOR EACH ROW BEGIN IF NEW.id = ${refusing.id} AND NEW.definition_id <> OLD.definition_id THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'S10 refused'; END IF; END`
        : `CREATE TRIGGER s10_refuse_move BEFORE UPDATE OF definition_id ON workflow_instances WHEN NEW.id = ${refusing.id} BEGIN SELECT RAISE(ABORT, 'S10 refused'); END`
    )
    const dropTrigger = () => db.rawQuery('DROP TRIGGER IF EXISTS s10_refuse_move')
    cleanup(dropTrigger)

    const error = await runMigration(request, { actor: analyst, batchSize: 100 }).catch(
      (caught) => caught
    )
    assert.instanceOf(error, RecordMigrationBatchError)
    assert.equal(error.report.status, 'failed')
    assert.equal(error.report.moved, 100)
    assert.match(error.message, /aucun de ses dossiers n’a bougé/)
    /** The first batch moved; none of the second, not even the 49 before the refusing record */
    const secondBatch = movable.slice(100, 200).map((record) => record.id)
    const onOld = await db
      .from('workflow_instances')
      .whereIn('id', secondBatch)
      .where('definition_id', fromId)
      .where('lock_version', 0)
      .count('* as total')
    assert.equal(Number(onOld[0].total), 100)
    const audits = await db
      .from('workflow_transitions')
      .whereIn('instance_id', secondBatch)
      .count('* as total')
    assert.equal(Number(audits[0].total), 0)
    assert.equal(await migrationRows(key), 100)

    await dropTrigger()
    const rest = await runMigration(request, { actor: analyst, batchSize: 100 })
    assert.equal(rest.moved, 650)
    assert.deepEqual(await statesOn(toId), { pending: 400, checking: 350 })
    assert.equal(await migrationRows(key), 750)
  }).timeout(120_000)

  test('S10 a value the new version needs and records lack: refused, or filled with the constant given', async ({
    assert,
  }) => {
    const { request, toId } = await oneThousandRecords()
    const two = await db.from('workflow_definitions').where('id', toId).first()
    const body: WorkflowDefinitionBody =
      typeof two.body === 'string' ? JSON.parse(two.body) : two.body
    /** Version 3 shows a « Priorité » on « En vérification » that no record has */
    body.screens.checking = { ...body.screens.checking, display: ['priority'] }
    body.contextLabels = { priority: 'Priorité' }
    const three = await publishDefinition(body, { author: 'tests' })
    const toThree = { ...request, fromVersion: 1, toVersion: three.definition.version }

    const plan = await planMigration(toThree)
    const review = plan.sources.find((source) => source.state === 'review')!
    assert.deepEqual(review.refused, { missing_value: 350 })
    assert.equal(plan.movable, 400)
    assert.deepEqual(plan.missingValues, [
      { key: 'priority', label: 'Priorité', suggestion: '', records: 350, given: null },
    ])

    const filled = await planMigration({
      ...toThree,
      constants: { priority: 'normale', priorty: 'typo' },
    })
    assert.equal(filled.movable, 750)
    assert.deepEqual(filled.constants, { priority: 'normale' })
    assert.deepEqual(filled.unusedConstants, ['priorty'])
    const report = await runMigration(
      { ...toThree, constants: { priority: 'normale' } },
      {
        actor: analyst,
      }
    )
    assert.equal(report.moved, 750)
    const moved = await WorkflowInstance.query()
      .where('definition_id', three.definition.id)
      .where('state', 'checking')
      .firstOrFail()
    assert.equal(moved.snapshot.context.priority, 'normale')
    /** Only where it was lacking: a record put in « En attente » needs no priority */
    const pending = await WorkflowInstance.query()
      .where('definition_id', three.definition.id)
      .where('state', 'pending')
      .firstOrFail()
    assert.notProperty(pending.snapshot.context, 'priority')
  }).timeout(120_000)

  test('S10 a mapping to a state the new version does not have, or versions the wrong way round, are refused', async ({
    assert,
  }) => {
    const { request } = await oneThousandRecords()
    const wrongTarget = await planMigration({ ...request, mapping: { review: 'nowhere' } }).catch(
      (error) => error
    )
    assert.instanceOf(wrongTarget, RecordMigrationRuleError)
    assert.match(wrongTarget.fieldErrors['mapping.review'], /Choisissez un état de la version 2/)
    const finalTarget = await planMigration({ ...request, mapping: { review: 'validated' } }).catch(
      (error) => error
    )
    assert.match(finalTarget.fieldErrors['mapping.review'], /où un dossier peut attendre/)
    const backwards = await planMigration({ ...request, fromVersion: 2, toVersion: 1 }).catch(
      (error) => error
    )
    assert.match(backwards.fieldErrors.to, /plus récente que la version 2/)
    const unknown = await planMigration({ ...request, toVersion: 9 }).catch((error) => error)
    assert.match(unknown.fieldErrors.to, /La version 9 de ce parcours n’existe pas/)
  }).timeout(60_000)
})

test.group('S10 node ace workflow:migrate', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('S10 the command prints the preview in French; --dry-run writes nothing; the run asks for the number and moves', async ({
    assert,
  }) => {
    const { key, fromId, toId } = await oneThousandRecords()
    const flags = [key, '--from=1', '--to=2', '--map=review=checking', '--map=waiting=']

    const dry = await ace.exec('workflow:migrate', [...flags, '--dry-run'])
    dry.assertSucceeded()
    dry.assertLogMatches(/version 1 → version 2, 1000 dossier\(s\) en cours/)
    dry.assertLogMatches(
      /En relecture \(review\) : 350 → En vérification \(checking\) — 350 déplacé/
    )
    dry.assertLogMatches(
      /En suspens \(waiting\) : 250 → reste sur la version actuelle — 0 déplacé\(s\) ; 250 refusé\(s\) : aucun état cible/
    )
    dry.assertLogMatches(/À déplacer : 750 ; ne bougeront pas : 250/)
    dry.assertLogMatches(/Essai à blanc : rien n’a été écrit/)
    assert.equal(await migrationRows(key), 0)

    const wrong = await ace.create(WorkflowMigrate, flags)
    wrong.prompt
      .trap('Tapez le nombre de dossiers à déplacer (750) pour confirmer')
      .replyWith('700')
    await wrong.exec()
    wrong.assertFailed()
    wrong.assertLogMatches(/Nombre différent : rien n’a été déplacé/)
    assert.equal(await migrationRows(key), 0)

    const command = await ace.create(WorkflowMigrate, [...flags, '--batch-size=300'])
    command.prompt
      .trap('Tapez le nombre de dossiers à déplacer (750) pour confirmer')
      .replyWith('750')
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(/Lot 3\/3 : 750 dossier\(s\) déplacé\(s\)/)
    command.assertLogMatches(
      /terminée : 750 déplacé\(s\), 0 ignoré\(s\) \(traité\(s\) entre-temps\), 250 refusé\(s\)/
    )
    assert.deepEqual(await statesOn(toId), { pending: 400, checking: 350 })
    assert.deepEqual(await statesOn(fromId), { waiting: 250, validated: 20 })

    const unknown = await ace.exec('workflow:migrate', [key, '--from=1', '--to=7', '--dry-run'])
    unknown.assertFailed()
    unknown.assertLogMatches(/to : La version 7 de ce parcours n’existe pas/)
  }).timeout(120_000)
})
