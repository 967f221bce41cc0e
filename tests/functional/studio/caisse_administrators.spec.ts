import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import Caisse from '#models/caisse'
import Regime from '#models/regime'
import User from '#models/user'
import { mailbox } from '#tests/helpers/mailbox'
import type { ReferenceDataPageProps } from '#transformers/studio/reference_data'
import { deliverOutbox, temporaryPasswordIn } from '../onboarding/support.js'
import { caisseAdmin, submittedPreinscription, unique } from '../back_office/support.js'

/**
 * S1 a caisse's administrators over HTTP: the analyst creates one (who
 * receives a temporary password by mail and must change it at the first
 * sign-in), attaches an existing one, detaches one; a pre-registration sent
 * to the caisse reaches its administrator's « Dossiers à traiter ».
 */

type PageProps = ReferenceDataPageProps & { errors?: Record<string, string> }

const analyst = () => User.findByOrFail('login_key', 'analyste')

function send(
  client: ApiClient,
  method: 'post' | 'delete',
  url: string,
  user: User,
  body: Record<string, unknown> = {}
) {
  return client[method](url).json(body).loginAs(user).withCsrfToken().withInertia().redirects(0)
}

/** A caisse of the CNAV added for the test, as the analyst would */
async function newCaisse() {
  const cnav = await Regime.findByOrFail('code', 'CNAV')
  return Caisse.create({
    regimeId: cnav.id,
    code: `CARSAT-A${unique()}`.slice(0, 30),
    name: `CARSAT Atelier ${unique()}`,
    active: true,
  })
}

async function attachedLogins(caisse: Caisse) {
  const rows: Array<{ login: string }> = await db
    .from('caisse_user')
    .join('users', 'users.id', 'caisse_user.user_id')
    .where('caisse_user.caisse_id', caisse.id)
    .orderBy('users.login')
    .select('users.login')
  return rows.map(({ login }) => login)
}

async function userCount() {
  const [row] = await db.from('users').count('* as total')
  return Number(row.total)
}

async function auditOf(caisse: Caisse) {
  const rows: Array<{ action: string }> = await db
    .from('audit_events')
    .where({ subject_type: 'caisse', subject_id: caisse.id })
    .orderBy('id')
    .select('action')
  return rows.map(({ action }) => action)
}

test.group('S1 a caisse’s administrators', () => {
  test('S1 the analyst creates the administrator of a new caisse: a temporary password by mail, then its pre-registrations in « Dossiers à traiter »', async ({
    client,
    assert,
  }) => {
    const caisse = await newCaisse()
    const login = `Caisse${unique()}`.slice(0, 50)
    const email = `${login.toLowerCase()}@carsat-atelier.fr`
    const response = await send(
      client,
      'post',
      `/atelier/referentiels/caisses/${caisse.id}/administrateurs/nouveau`,
      await analyst(),
      { lastName: 'DURAND', firstName: 'Inès', email, phone: '', login }
    )
    response.assertStatus(302)
    response.assertHeader('location', '/atelier/referentiels?liste=caisses')

    const administrator = await User.findByOrFail('login_key', login.toLowerCase())
    assert.equal(administrator.role, 'caisse_admin')
    assert.isTrue(administrator.mustChangePassword)
    assert.deepEqual(await attachedLogins(caisse), [login])
    assert.deepEqual(await auditOf(caisse), ['create_admin'])

    await deliverOutbox()
    const message = await mailbox.waitFor((mail) => mail.to.includes(email))
    const password = temporaryPasswordIn(message.text)
    const signIn = await client
      .post('/connexion')
      .form({ login, password })
      .withCsrfToken()
      .redirects(0)
    /** Signed in with the temporary password (A2: straight to « Changer mon mot de passe ») */
    signIn.assertStatus(302)
    signIn.assertHeader('location', '/mot-de-passe')

    const record = await submittedPreinscription({ caisseCode: caisse.code })
    await administrator.merge({ mustChangePassword: false }).save()
    const queue = await client.get('/caisse/dossiers').loginAs(administrator).withInertia()
    queue.assertStatus(200)
    assert.include(
      (queue.inertiaProps.rows as Array<{ id: number }>).map(({ id }) => id),
      record.id
    )
  })

  test('S1 the analyst attaches an existing caisse administrator, then detaches them; each change is in the caisse’s history', async ({
    client,
    assert,
  }) => {
    const caisse = await newCaisse()
    const existing = await caisseAdmin(['CARSAT-NO'])
    const url = `/atelier/referentiels/caisses/${caisse.id}/administrateurs`

    const attached = await send(client, 'post', url, await analyst(), {
      userId: String(existing.id),
    })
    attached.assertStatus(302)
    assert.deepEqual(await attachedLogins(caisse), [existing.login])

    const again = await send(client, 'post', url, await analyst(), { userId: String(existing.id) })
    again.assertStatus(422)
    assert.match((again.inertiaProps as PageProps).errors?.userId ?? '', /déjà rattaché/)

    const page = await client
      .get('/atelier/referentiels')
      .qs({ liste: 'caisses' })
      .loginAs(await analyst())
      .withInertia()
    const props = page.inertiaProps as PageProps
    assert.deepEqual(
      props.administrators[String(caisse.id)].map(({ login }) => login),
      [existing.login]
    )
    assert.equal(props.history[0].action, 'Rattachement d’un administrateur à la caisse')

    const detached = await send(client, 'delete', `${url}/${existing.id}`, await analyst())
    detached.assertStatus(303)
    assert.deepEqual(await attachedLogins(caisse), [])
    assert.deepEqual(await auditOf(caisse), ['attach_admin', 'detach_admin'])
    /** The account stays, with its other caisse */
    const kept = await User.findOrFail(existing.id)
    await kept.load('caisses')
    assert.deepEqual(
      kept.caisses.map(({ code }) => code),
      ['CARSAT-NO']
    )
  })

  test('S1 C1 C2 an administrator detached from a caisse neither opens nor decides its records, from their next request', async ({
    client,
  }) => {
    const caisse = await newCaisse()
    const admin = await caisseAdmin(['CARSAT-NO'])
    const url = `/atelier/referentiels/caisses/${caisse.id}/administrateurs`
    const attached = await send(client, 'post', url, await analyst(), { userId: String(admin.id) })
    attached.assertStatus(302)
    const record = await submittedPreinscription({ caisseCode: caisse.code })
    const item = `/caisse/dossiers/${record.id}`

    const before = await client.get(item).loginAs(admin).withInertia()
    before.assertStatus(200)
    const detached = await send(client, 'delete', `${url}/${admin.id}`, await analyst())
    detached.assertStatus(303)

    /** The caisses are read with the user on every request (decision 0042), never kept */
    const after = await client.get(item).loginAs(admin).withInertia()
    after.assertStatus(403)
    const decision = await send(client, 'post', `${item}/decision`, admin, {
      event: 'VALIDATE',
      lockVersion: 0,
    })
    decision.assertStatus(403)
  })

  const refusals: Array<
    [string, 'attach' | 'create', () => Promise<Record<string, unknown>>, string, RegExp]
  > = [
    [
      'a login already used',
      'create',
      async () => ({ lastName: 'A', firstName: 'B', email: 'a@b.fr', login: 'CAISSEHDF' }),
      'login',
      /déjà utilisé/,
    ],
    [
      'an empty name',
      'create',
      async () => ({ lastName: ' ', firstName: 'B', email: 'a@b.fr', login: `L${unique()}` }),
      'lastName',
      /obligatoire/,
    ],
    [
      'a malformed email',
      'create',
      async () => ({ lastName: 'A', firstName: 'B', email: 'pas-un-email', login: `L${unique()}` }),
      'email',
      /adresse email valide/,
    ],
    [
      'a login with an accent',
      'create',
      async () => ({ lastName: 'A', firstName: 'B', email: 'a@b.fr', login: 'Hélène1' }),
      'login',
      /lettres et des chiffres/,
    ],
    [
      'no administrator chosen',
      'attach',
      async () => ({ userId: '' }),
      'userId',
      /Choisissez un administrateur/,
    ],
    [
      'an account that is no caisse administrator',
      'attach',
      async () => {
        const partnerAdmin = await User.findByOrFail('login_key', 'partenaire1')
        return { userId: String(partnerAdmin.id) }
      },
      'userId',
      /Choisissez un administrateur/,
    ],
  ]

  for (const [name, form, body, field, message] of refusals) {
    test(`S1 a caisse’s administrators: refuses ${name} (422, nothing written)`, async ({
      client,
      assert,
    }) => {
      const caisse = await newCaisse()
      const usersBefore = await userCount()
      const url = `/atelier/referentiels/caisses/${caisse.id}/administrateurs${form === 'create' ? '/nouveau' : ''}`
      const response = await send(client, 'post', url, await analyst(), await body())
      response.assertStatus(422)
      assert.match((response.inertiaProps as PageProps).errors?.[field] ?? '', message)
      assert.deepEqual(await attachedLogins(caisse), [])
      assert.deepEqual(await auditOf(caisse), [])
      assert.equal(await userCount(), usersBefore)
    })
  }
})
