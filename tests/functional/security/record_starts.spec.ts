import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import engine from '#workflow/engine'
import { RECORD_STARTS_LIMITS, RECORD_STARTS_MESSAGE } from '#services/workflow/record_starts'
import {
  ABANDONED_AFTER_DAYS_DEFAULT,
  abandonedAfterDays,
} from '#services/workflow/abandoned_records'
import { clearLimiters } from '#tests/functional/accounts/support'
import {
  actors,
  preinscriptionPayload,
  publishShippedDefinitions,
} from '#tests/functional/workflow/support'
import { Visitor } from '#tests/functional/workflow_pages/support'
import { BrowserLike } from './browser_like.js'

/**
 * Issue 9, finding 6: one session created 200 pre-registration records.
 * Starts are now throttled per session and per IP, and the journeys left
 * unfinished are purged.
 */

async function lastInstanceId() {
  const row = await db.from('workflow_instances').max('id as id').first()
  return Number(row.id)
}

async function instanceCount() {
  const row = await db.from('workflow_instances').count('* as total').first()
  return Number(row.total)
}

const start = (visitor: Visitor) =>
  visitor.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', { accepted: true })

test.group('Hardening #6 record starts are throttled', (group) => {
  group.setup(() => publishShippedDefinitions())
  group.each.setup(async () => {
    await clearLimiters()
    return () => clearLimiters()
  })

  test(`R1 one browser session starts ${RECORD_STARTS_LIMITS.perSession.requests} records, then reads a French 429 and starts none`, async ({
    assert,
  }) => {
    const before = await instanceCount()
    /** Real HTTP with a cookie jar: the session keeps its id, as in a browser */
    const browser = new BrowserLike()
    const post = () =>
      browser.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', { accepted: 'on' })
    const statuses: number[] = []
    for (let round = 0; round < RECORD_STARTS_LIMITS.perSession.requests; round++) {
      const response = await post()
      statuses.push(response.status)
    }
    assert.deepEqual(
      statuses,
      Array.from({ length: RECORD_STARTS_LIMITS.perSession.requests }, () => 303)
    )
    const refused = await post()
    assert.equal(refused.status, 429)
    assert.equal(await refused.text(), RECORD_STARTS_MESSAGE)
    assert.isAbove(Number(refused.headers.get('retry-after')), 0)
    assert.equal(await instanceCount(), before + RECORD_STARTS_LIMITS.perSession.requests)

    /** The records it started still open: only starts are counted */
    const opened = await browser.get('/dossiers/' + (await lastInstanceId()))
    assert.equal(opened.status, 200)
  })

  test(`R1 new sessions from one IP: ${RECORD_STARTS_LIMITS.perIp.requests} starts, then 429`, async ({
    client,
    assert,
  }) => {
    const before = await instanceCount()
    const perSession = 3
    let accepted = 0
    let visitor = new Visitor(client)
    for (let round = 0; round < RECORD_STARTS_LIMITS.perIp.requests; round++) {
      /** A fresh cookie jar every few starts, as a script that drops its cookies */
      if (round % perSession === 0) visitor = new Visitor(client)
      const response = await start(visitor)
      if (response.status() === 303) accepted++
    }
    assert.equal(accepted, RECORD_STARTS_LIMITS.perIp.requests)
    const refused = await start(new Visitor(client))
    refused.assertStatus(429)
    assert.equal(refused.body().errors[0].message, RECORD_STARTS_MESSAGE)
    assert.equal(await instanceCount(), before + RECORD_STARTS_LIMITS.perIp.requests)
  })
})

/** A pre-registration as a visitor leaves it in each of its states */
async function preinscriptionIn(state: 'conditions' | 'form' | 'submitted' | 'invalidated') {
  const visitor = actors.visitor()
  const instance = await engine.start('preinscription', {}, visitor)
  if (state === 'conditions') return instance
  await engine.send(
    instance.id,
    { type: 'ACCEPT_CONDITIONS', payload: { accepted: 'on' } },
    visitor
  )
  await engine.send(instance.id, { type: 'CONFIRM_CONVENTION_CODE' }, visitor)
  if (state === 'form') return instance
  const { payload, caisseId } = await preinscriptionPayload()
  await engine.send(instance.id, { type: 'SUBMIT', payload }, visitor)
  if (state === 'submitted') return instance
  return engine.send(
    instance.id,
    { type: 'INVALIDATE', payload: { reason: 'Doublon' } },
    actors.caisseAdmin(1, [caisseId])
  )
}

/** Last touched `days` ago */
async function leftFor(instance: { id: number }, days: number) {
  const stamp = DateTime.now().minus({ days }).toFormat('yyyy-MM-dd HH:mm:ss')
  await db.from('workflow_instances').where('id', instance.id).update({ updated_at: stamp })
}

async function rowsOf(instance: { id: number }) {
  const [records, transitions] = await Promise.all([
    db.from('workflow_instances').where('id', instance.id),
    db.from('workflow_transitions').where('instance_id', instance.id),
  ])
  return { records: records.length, transitions: transitions.length }
}

test.group('Hardening #6 node ace workflow:purge-abandoned', (group) => {
  group.setup(() => publishShippedDefinitions())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('R1 removes the old unfinished journeys with their transitions; keeps recent ones and those a caisse must decide', async ({
    assert,
  }) => {
    const oldConditions = await preinscriptionIn('conditions')
    const oldForm = await preinscriptionIn('form')
    const recentForm = await preinscriptionIn('form')
    const oldSubmitted = await preinscriptionIn('submitted')
    const oldInvalidated = await preinscriptionIn('invalidated')
    const days = abandonedAfterDays()
    for (const instance of [oldConditions, oldForm, oldSubmitted, oldInvalidated]) {
      await leftFor(instance, days + 1)
    }
    await leftFor(recentForm, days - 1)
    const kept = [recentForm, oldSubmitted, oldInvalidated]
    const keptBefore = await Promise.all(kept.map(rowsOf))
    const oldFormRows = await rowsOf(oldForm)
    assert.isAbove(oldFormRows.transitions, 1)

    const command = await ace.exec('workflow:purge-abandoned', [])
    command.assertSucceeded()
    command.assertLog('preinscription: 2 dossier(s) supprimé(s)')

    for (const instance of [oldConditions, oldForm]) {
      assert.deepEqual(await rowsOf(instance), { records: 0, transitions: 0 })
    }
    assert.deepEqual(await Promise.all(kept.map(rowsOf)), keptBefore)

    const again = await ace.exec('workflow:purge-abandoned', [])
    again.assertLog(`0 dossier(s) abandonné(s) depuis plus de ${days} jour(s) supprimé(s)`)
  })

  test('R1 --days sets the delay; the default is WORKFLOW_ABANDONED_AFTER_DAYS, else 7 days', async ({
    assert,
  }) => {
    assert.equal(
      abandonedAfterDays(),
      process.env.WORKFLOW_ABANDONED_AFTER_DAYS
        ? Number(process.env.WORKFLOW_ABANDONED_AFTER_DAYS)
        : ABANDONED_AFTER_DAYS_DEFAULT
    )
    const journey = await preinscriptionIn('conditions')
    await leftFor(journey, 10)

    const patient = await ace.exec('workflow:purge-abandoned', ['--days=30'])
    patient.assertSucceeded()
    assert.deepEqual(await rowsOf(journey), { records: 1, transitions: 1 })

    const strict = await ace.exec('workflow:purge-abandoned', ['--days=9'])
    strict.assertSucceeded()
    assert.deepEqual(await rowsOf(journey), { records: 0, transitions: 0 })

    const wrong = await ace.exec('workflow:purge-abandoned', ['--days=0'])
    wrong.assertFailed()
  })
})
