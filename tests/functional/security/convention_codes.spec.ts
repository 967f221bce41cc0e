import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import OutboxMessage from '#models/outbox_message'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import { CONVENTION_MESSAGES, isConventionCodeTaken } from '#services/administration/conventions'
import { conventionCodeTakenMessage } from '#services/onboarding/partner'
import { partnerWithAccounts } from '#tests/functional/administration/support'
import {
  caisseHdf,
  counts,
  decide,
  submitCielBleu,
  unique,
} from '#tests/functional/onboarding/support'

/**
 * Hardening #15: a convention code is unique at its caisse (ignoring case)
 * among the pending and validated conventions, by a unique index
 * (database/migrations/0061_unique_convention_codes.ts), not only by the
 * check before the insert: two partners adding the same code at once, or a
 * pre-registration validated after a partner took its code, never leave two
 * counted conventions with one code.
 */

const TRIALS = 10

async function hdf() {
  const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
  const type = await ConventionType.findByOrFail('code', 'EVALUATION')
  return { caisse, type }
}

async function form(code: string) {
  const { caisse, type } = await hdf()
  return {
    regimeId: String(caisse.regimeId),
    caisseId: String(caisse.id),
    conventionTypeId: String(type.id),
    code,
  }
}

/** M8 « Conventions » › « Valider », as the page posts it */
function add(client: ApiClient, admin: User, body: Record<string, string>) {
  return client
    .post('/administration/conventions')
    .json(body)
    .loginAs(admin)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

/** The conventions that count with this code at the caisse, any case */
async function counted(caisseId: number, code: string) {
  return Convention.query()
    .where('caisse_id', caisseId)
    .whereIn('state', ['pending', 'validated'])
    .whereRaw('LOWER(code) = ?', [code.toLowerCase()])
}

async function conventionRecords(conventionIds: number[]) {
  if (!conventionIds.length) return []
  return WorkflowInstance.query()
    .where('subject_type', 'convention')
    .whereIn('subject_id', conventionIds)
}

test.group('Hardening #15 unique convention codes at a caisse', () => {
  test(`#15 two partners adding the same code at once: exactly one is accepted, the other gets the French message (${TRIALS} trials)`, async ({
    client,
    assert,
  }) => {
    const { caisse } = await hdf()
    const outcomes: string[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const first = await partnerWithAccounts()
      const second = await partnerWithAccounts()
      const code = `RACE${unique()}`.slice(0, 30)
      /** Every other trial, the second partner types it in another case */
      const secondCode = trial % 2 ? code.toLowerCase() : code
      const responses = await Promise.all([
        add(client, first.admin, await form(code)),
        add(client, second.admin, await form(secondCode)),
      ])
      const statuses = responses.map((response) => response.status()).sort()
      assert.deepEqual(statuses, [302, 422], `trial ${trial}: one accepted, one refused`)
      const refused = responses.find((response) => response.status() === 422)!
      assert.equal(refused.inertiaProps.errors.code, CONVENTION_MESSAGES.codeTaken)
      const accepted = responses.find((response) => response.status() === 302)!
      assert.equal(accepted.header('location'), '/administration?onglet=conventions')

      const rows = await counted(caisse.id, code)
      assert.lengthOf(rows, 1, `trial ${trial}: one counted convention with the code`)
      const stored = await Convention.query().whereIn('partner_id', [
        first.partner.id,
        second.partner.id,
      ])
      assert.lengthOf(stored, 1, 'the refused partner has no convention')
      assert.lengthOf(await conventionRecords(stored.map((row) => row.id)), 1)
      const audit = await db
        .from('audit_events')
        .whereIn('partner_id', [first.partner.id, second.partner.id])
        .where('subject_type', 'convention')
      assert.lengthOf(audit, 1, 'one audit row: the refused request wrote nothing')
      outcomes.push(responses.map((response) => response.status()).join('/'))
    }
    assert.lengthOf(outcomes, TRIALS)
  }).timeout(120_000)

  test('#15 the database itself refuses a second counted convention with the same code (any case), not an invalidated one', async ({
    assert,
  }) => {
    const { caisse, type } = await hdf()
    const { partner } = await partnerWithAccounts()
    const other = await partnerWithAccounts()
    const code = `IDX${unique()}`.slice(0, 30)
    const row = (partnerId: number, value: string, state: Convention['state']) =>
      Convention.create({
        partnerId,
        caisseId: caisse.id,
        conventionTypeId: type.id,
        code: value,
        state,
      })

    const invalidated = await row(partner.id, code, 'invalidated')
    await row(other.partner.id, code, 'invalidated')
    const pending = await row(partner.id, code.toLowerCase(), 'pending')
    const refused = await row(other.partner.id, code.toUpperCase(), 'validated').then(
      () => null,
      (error: unknown) => error
    )
    assert.isNotNull(refused, 'a second counted convention with the code is refused')
    assert.isTrue(isConventionCodeTaken(refused), String(refused))

    /** Once the pending one is invalidated, the code is free again */
    pending.state = 'invalidated'
    await pending.save()
    const again = await row(other.partner.id, code, 'pending')
    assert.equal(again.state, 'pending')
    /** Another caisse may use the same code */
    const elsewhere = await Caisse.query().whereNot('id', caisse.id).firstOrFail()
    await Convention.create({
      partnerId: partner.id,
      caisseId: elsewhere.id,
      code,
      state: 'pending',
    })
    assert.lengthOf(await counted(caisse.id, code), 1)
    assert.equal(invalidated.state, 'invalidated')
  })

  test('#15 an invalidated convention does not block a new request with its code', async ({
    client,
    assert,
  }) => {
    const { caisse, type } = await hdf()
    const { partner, admin } = await partnerWithAccounts()
    const code = `INV${unique()}`.slice(0, 30)
    await Convention.create({
      partnerId: partner.id,
      caisseId: caisse.id,
      conventionTypeId: type.id,
      code,
      state: 'invalidated',
    })
    const response = await add(client, admin, await form(code.toLowerCase()))
    response.assertStatus(302)
    assert.lengthOf(await counted(caisse.id, code), 1)
  })

  test('#15 R6 a convention code taken after the submission blocks the validation, nothing written', async ({
    client,
    assert,
  }) => {
    const caisseAdmin = await caisseHdf()
    const code = `PRE${unique()}`.slice(0, 30)
    const { instance } = await submitCielBleu(client, { conventionCode: code })

    /** A partner adds the code (in another case) before the caisse decides */
    const { caisse } = await hdf()
    const { admin } = await partnerWithAccounts()
    const taken = await add(client, admin, await form(code.toLowerCase()))
    taken.assertStatus(302)

    const before = await counts()
    const [outboxBefore] = await OutboxMessage.query().count('* as total')
    const [transitionsBefore] = await db.from('workflow_transitions').count('* as total')

    const response = await decide(client, caisseAdmin, instance, 'VALIDATE')
    response.assertStatus(422)
    response.assertInertiaComponent('back_office/items/show')
    assert.equal(response.inertiaProps.alert, conventionCodeTakenMessage(code))
    assert.include(response.inertiaProps.alert, `Le code convention « ${code} »`)

    await instance.refresh()
    assert.equal(instance.state, 'submitted', 'the record still waits for a decision')
    assert.isNull(instance.partnerId)
    assert.deepEqual(await counts(), before, 'no partner, address, convention, user or record')
    const [outboxAfter] = await OutboxMessage.query().count('* as total')
    assert.equal(Number(outboxAfter.$extras.total), Number(outboxBefore.$extras.total), 'no mail')
    const [transitionsAfter] = await db.from('workflow_transitions').count('* as total')
    assert.equal(Number(transitionsAfter.total), Number(transitionsBefore.total), 'no transition')
    assert.lengthOf(await counted(caisse.id, code), 1)

    /** The caisse can still invalidate it */
    const invalidated = await decide(client, caisseAdmin, instance, 'INVALIDATE', {
      reason: 'Le code convention est déjà utilisé par une autre convention de la caisse.',
    })
    invalidated.assertStatus(302)
  })
})

/**
 * Counts the transactions open through the database service (the engine
 * opens the decision's with db.transaction) and records, for every
 * hash.make, how many were open: framework functions observed, our code
 * untouched. Restored by the returned function.
 */
function watchHashesAndTransactions() {
  const originalTransaction = db.transaction
  const originalMake = hash.make
  let open = 0
  const hashes: number[] = []
  db.transaction = function (this: typeof db, ...args: any[]) {
    const [callback, options] = args
    if (typeof callback !== 'function') return originalTransaction.apply(this, args as any)
    return (originalTransaction as (...values: any[]) => Promise<unknown>).call(
      this,
      async (trx: any) => {
        open++
        try {
          return await callback(trx)
        } finally {
          open--
        }
      },
      options
    )
  } as typeof db.transaction
  hash.make = function (this: typeof hash, value: string) {
    hashes.push(open)
    return originalMake.call(this, value)
  }
  return {
    hashes,
    restore() {
      db.transaction = originalTransaction
      hash.make = originalMake
    },
  }
}

test.group(
  'Hardening #15 the validation hashes the temporary password outside its transaction',
  () => {
    test('#15 R6 every hash of a validation is computed while no transaction is open (the record stays unlocked while scrypt runs)', async ({
      client,
      assert,
    }) => {
      const caisseAdmin = await caisseHdf()
      const { instance, payload } = await submitCielBleu(client, {
        conventionCode: `HSH${unique()}`.slice(0, 30),
      })
      const watch = watchHashesAndTransactions()
      let response
      try {
        response = await decide(client, caisseAdmin, instance, 'VALIDATE')
      } finally {
        watch.restore()
      }
      response.assertStatus(302)
      await instance.refresh()
      assert.equal(instance.state, 'validated')
      const user = await User.findByOrFail('login_key', String(payload.adminLogin).toLowerCase())
      assert.isTrue(user.mustChangePassword)
      assert.isTrue(hash.isValidHash(user.password), 'a hash is stored')
      /** The temporary password was hashed once, before the transaction (was: twice, inside) */
      assert.lengthOf(watch.hashes, 1)
      assert.deepEqual(
        watch.hashes,
        watch.hashes.map(() => 0),
        `transactions open at each hash: ${watch.hashes.join(', ')}`
      )
    })
  }
)
