import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import Caisse from '#models/caisse'
import ConventionType from '#models/convention_type'
import Regime from '#models/regime'
import User from '#models/user'
import ReferenceDataSeeder from '#database/seeders/01_reference_data_seeder'
import { dependentOptions, referenceOptions } from '#services/workflow/reference_data'
import type { ReferenceDataPageProps } from '#transformers/studio/reference_data'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import { unique } from '../back_office/support.js'

/**
 * S1 « Atelier » › « Référentiels » over HTTP: the demo analyst adds,
 * renames, deactivates and reactivates rows; each change is audited and
 * listed under the list; the lists the partners' forms read offer the
 * change on the next request, with no restart.
 */

type PageProps = ReferenceDataPageProps & { errors?: Record<string, string> }

const analyst = () => User.findByOrFail('login_key', 'analyste')

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put',
  url: string,
  body: Record<string, unknown>
) {
  return client[method](url).json(body).loginAs(user).withCsrfToken().withInertia().redirects(0)
}

async function page(client: ApiClient, user: User, liste: string) {
  const response = await client
    .get('/atelier/referentiels')
    .qs({ liste })
    .loginAs(user)
    .withInertia()
  response.assertStatus(200)
  response.assertInertiaComponent('studio/reference_data')
  return response.inertiaProps as PageProps
}

async function countOf(table: string) {
  const [row] = await db.from(table).count('* as total')
  return Number(row.total)
}

const auditCount = () => countOf('audit_events')

/** The status of a request, for the lines that only check it */
async function statusOf(request: PromiseLike<{ status(): number }>) {
  const response = await request
  return response.status()
}

test.group('S1 « Référentiels »: adding, renaming, deactivating', () => {
  test('S1 the analyst adds a caisse to « CNAV – régime général »: the pre-registration and « Conventions » offer it at once', async ({
    client,
    assert,
  }) => {
    const cnav = await Regime.findByOrFail('code', 'CNAV')
    const code = `carsat-t${unique()}`.slice(0, 30)
    const response = await send(client, await analyst(), 'post', '/atelier/referentiels/caisses', {
      code,
      label: 'CARSAT Test Atelier',
      regimeId: String(cnav.id),
      contactEmail: 'action-sociale@carsat-test.fr',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/atelier/referentiels?liste=caisses')

    const caisse = await Caisse.findByOrFail('code', code.toUpperCase())
    assert.equal(caisse.name, 'CARSAT Test Atelier')
    assert.equal(caisse.regimeId, cnav.id)
    assert.equal(caisse.contactEmail, 'action-sociale@carsat-test.fr')
    assert.isTrue(caisse.active)

    const offered = await dependentOptions('caisses', 'regime')
    assert.deepInclude(offered[String(cnav.id)], {
      value: String(caisse.id),
      label: 'CARSAT Test Atelier',
    })
    const partnerAdmin = await User.findByOrFail('login_key', 'partenaire1')
    const tab = await client
      .get('/administration')
      .qs({ onglet: 'conventions' })
      .loginAs(partnerAdmin)
      .withInertia()
    const choices = (tab.inertiaProps as RegistrationPageProps).conventionChoices
    assert.deepInclude(choices.caissesByRegime[String(cnav.id)], {
      value: String(caisse.id),
      label: 'CARSAT Test Atelier',
    })

    const props = await page(client, await analyst(), 'caisses')
    assert.deepInclude(
      props.rows.map(({ code: rowCode, regime, active }) => ({ code: rowCode, regime, active })),
      { code: code.toUpperCase(), regime: 'CNAV – régime général', active: true }
    )
    assert.equal(props.history[0].action, 'Ajout de la caisse')
    assert.equal(props.history[0].actor, 'Lucie MOREAU (analyste)')
    assert.deepInclude(props.history[0].changes, {
      field: 'Libellé',
      before: '(vide)',
      after: 'CARSAT Test Atelier',
    })
  })

  test('S1 a renamed régime shows its new name everywhere; re-running the seeder does not undo it', async ({
    client,
    assert,
  }) => {
    const regime = await Regime.findByOrFail('code', 'SSI')
    const before = regime.name
    const response = await send(
      client,
      await analyst(),
      'put',
      `/atelier/referentiels/regimes/${regime.id}`,
      { label: 'SSI – Sécurité sociale des indépendants (renommé)' }
    )
    /** Inertia answers a PUT with 303, so that the browser follows with a GET */
    response.assertStatus(303)

    assert.deepInclude(await referenceOptions('regimes'), {
      value: String(regime.id),
      label: 'SSI – Sécurité sociale des indépendants (renommé)',
    })
    await new ReferenceDataSeeder(db.connection()).run()
    await regime.refresh()
    assert.equal(regime.name, 'SSI – Sécurité sociale des indépendants (renommé)')

    const props = await page(client, await analyst(), 'regimes')
    assert.equal(props.history[0].action, 'Modification du régime')
    assert.deepEqual(props.history[0].changes, [
      { field: 'Libellé', before, after: 'SSI – Sécurité sociale des indépendants (renommé)' },
    ])
  })

  test('S1 a deactivated convention type is no longer offered, the conventions that have it keep it; reactivated, it is offered again', async ({
    client,
    assert,
  }) => {
    const type = await ConventionType.findByOrFail('code', 'HABITAT')
    const url = `/atelier/referentiels/convention_types/${type.id}/statut`
    const offered = async () => {
      const options = await referenceOptions('convention_types')
      return options.some(({ value }) => value === String(type.id))
    }

    assert.equal(await statusOf(send(client, await analyst(), 'put', url, { active: '0' })), 303)
    await type.refresh()
    assert.isFalse(type.active)
    assert.isFalse(await offered())
    const tab = await client
      .get('/administration')
      .qs({ onglet: 'conventions' })
      .loginAs(await User.findByOrFail('login_key', 'partenaire1'))
      .withInertia()
    assert.notInclude(
      (tab.inertiaProps as RegistrationPageProps).conventionChoices.types.map(({ value }) => value),
      String(type.id)
    )
    /** Sent anyway, it is refused next to the field */
    const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    const refused = await client
      .post('/administration/conventions')
      .json({
        regimeId: String(caisse.regimeId),
        caisseId: String(caisse.id),
        conventionTypeId: String(type.id),
        code: `HAB${unique()}`.slice(0, 30),
      })
      .loginAs(await User.findByOrFail('login_key', 'partenaire1'))
      .withCsrfToken()
      .withInertia()
    refused.assertStatus(422)
    assert.property(refused.inertiaProps.errors, 'conventionTypeId')

    assert.equal(await statusOf(send(client, await analyst(), 'put', url, { active: '1' })), 303)
    assert.isTrue(await offered())
    const props = await page(client, await analyst(), 'convention_types')
    assert.deepEqual(
      props.history.slice(0, 2).map(({ action, changes }) => [action, changes[0]]),
      [
        [
          'Réactivation du type de convention',
          { field: 'Statut', before: 'désactivé', after: 'actif' },
        ],
        [
          'Désactivation du type de convention',
          { field: 'Statut', before: 'actif', after: 'désactivé' },
        ],
      ]
    )
  })
})

test.group(
  'S1 « Référentiels »: bad input gets a French message, a 422 and nothing written',
  () => {
    const cases: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
      [
        'a code already used (other case)',
        'regimes',
        { code: 'cnav', label: 'Doublon' },
        'code',
        /déjà utilisé/,
      ],
      [
        'an empty label',
        'regimes',
        { code: `R${unique()}`.slice(0, 20), label: '   ' },
        'label',
        /obligatoire/,
      ],
      ['an empty code', 'partner_types', { code: '', label: 'Sans code' }, 'code', /obligatoire/],
      [
        'a code with spaces and accents',
        'partner_types',
        { code: 'éé zz', label: 'X' },
        'code',
        /lettres sans accent/,
      ],
      [
        'a code too long',
        'regimes',
        { code: 'A'.repeat(21), label: 'Trop long' },
        'code',
        /au plus 20/,
      ],
      [
        'a label too long',
        'convention_types',
        { code: `C${unique()}`, label: 'x'.repeat(151) },
        'label',
        /au plus 150/,
      ],
      [
        'a label with a control character',
        'convention_types',
        { code: `C${unique()}`, label: 'Aide\u202Eenil' },
        'label',
        /caractère non permis/,
      ],
      [
        'a label sent as an array',
        'regimes',
        { code: `R${unique()}`.slice(0, 20), label: ['a', 'b'] },
        'label',
        /./,
      ],
      ['a code sent as an object', 'regimes', { code: { a: 1 }, label: 'Objet' }, 'code', /./],
      [
        'a caisse without a régime',
        'caisses',
        { code: `K${unique()}`, label: 'Sans régime' },
        'regimeId',
        /Choisissez un régime/,
      ],
      [
        'a caisse in a régime that does not exist',
        'caisses',
        { code: `K${unique()}`, label: 'Régime inconnu', regimeId: '999999' },
        'regimeId',
        /Choisissez un régime/,
      ],
      [
        'a caisse with a malformed contact email',
        'caisses',
        { code: `K${unique()}`, label: 'Email', regimeId: '1', contactEmail: 'pas-un-email' },
        'contactEmail',
        /adresse email valide/,
      ],
    ]

    for (const [name, liste, body, field, message] of cases) {
      test(`S1 « Ajouter » refuses ${name}`, async ({ client, assert }) => {
        const rowsBefore = await countOf(liste)
        const auditBefore = await auditCount()
        const response = await send(
          client,
          await analyst(),
          'post',
          `/atelier/referentiels/${liste}`,
          body
        )
        response.assertStatus(422)
        response.assertInertiaComponent('studio/reference_data')
        const errors = (response.inertiaProps as PageProps).errors ?? {}
        assert.match(errors[field] ?? '', message)
        assert.equal(await countOf(liste), rowsBefore)
        assert.equal(await auditCount(), auditBefore)
      })
    }

    test('S1 « Enregistrer » refuses an empty label and keeps the row as it was', async ({
      client,
      assert,
    }) => {
      const regime = await Regime.findByOrFail('code', 'MSA')
      const response = await send(
        client,
        await analyst(),
        'put',
        `/atelier/referentiels/regimes/${regime.id}`,
        { label: '' }
      )
      response.assertStatus(422)
      const props = response.inertiaProps as PageProps
      assert.match(props.errors?.label ?? '', /obligatoire/)
      assert.deepEqual(props.typed.editing, {
        id: regime.id,
        values: { label: '', contactEmail: '' },
      })
      await regime.refresh()
      assert.equal(regime.name, 'MSA – Mutualité sociale agricole')
    })

    test('S1 an unknown list or row answers 404, a status that is not 0 or 1 a 422', async ({
      client,
      assert,
    }) => {
      const user = await analyst()
      const statuses = [
        await statusOf(client.get('/atelier/referentiels').qs({ liste: 'users' }).loginAs(user)),
        await statusOf(
          send(client, user, 'post', '/atelier/referentiels/users', { code: 'X', label: 'X' })
        ),
        await statusOf(
          send(client, user, 'put', '/atelier/referentiels/regimes/999999', { label: 'X' })
        ),
        await statusOf(
          send(client, user, 'put', '/atelier/referentiels/regimes/1/statut', { active: 'maybe' })
        ),
      ]
      assert.deepEqual(statuses, [404, 404, 404, 422])
    })
  }
)

test.group('S1 « Atelier » is refused, not hidden, to everyone but analysts', () => {
  test('S1 a visitor is sent to « Connexion »; partner and caisse accounts get « Accès refusé » (403) on every studio route', async ({
    client,
    assert,
  }) => {
    /** Every route of the studio, from the router: a new one is covered at once */
    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.name?.startsWith('studio.'))
      .flatMap((route) =>
        route.methods
          .filter((method) => method !== 'HEAD')
          .map(
            (method) =>
              [
                method.toLowerCase() as 'get' | 'post' | 'put' | 'delete',
                route.pattern.replace(':liste', 'regimes').replace(/:\w+/g, '1'),
              ] as const
          )
      )
    assert.isAtLeast(routes.length, 8)
    const regime = await Regime.findOrFail(1)
    for (const [method, url] of routes) {
      const visitor = await client[method](url).withCsrfToken().redirects(0)
      visitor.assertStatus(302)
      visitor.assertHeader('location', '/connexion')
      for (const login of ['partenaire1', 'caissehdf']) {
        const response = await client[method](url)
          .json({ code: 'INTRUS', label: 'Intrus', active: '0' })
          .loginAs(await User.findByOrFail('login_key', login))
          .withCsrfToken()
          .withInertia()
          .redirects(0)
        response.assertStatus(403)
        response.assertInertiaComponent('errors/status')
      }
    }
    await regime.refresh()
    assert.notEqual(regime.name, 'Intrus')
    assert.isTrue(regime.active)
    assert.isNull(await Regime.findBy('code', 'INTRUS'))
  })

  test('S1 « Les services » offers « Atelier » to the analyst only', async ({ client, assert }) => {
    const services = async (login: string) => {
      const response = await client
        .get('/services')
        .loginAs(await User.findByOrFail('login_key', login))
        .withInertia()
      return (response.inertiaProps.currentUser.services as Array<{ label: string }>).map(
        ({ label }) => label
      )
    }
    assert.include(await services('analyste'), 'Atelier')
    assert.notInclude(await services('partenaire1'), 'Atelier')
    assert.notInclude(await services('caissehdf'), 'Atelier')
  })

  test('S1 a platform administrator reaches « Atelier » too, and changes a list', async ({
    client,
    assert,
  }) => {
    const platformAdmin = await User.create({
      login: `Plateforme${unique()}`.slice(0, 50),
      lastName: 'PLATEFORME',
      firstName: 'Camille',
      email: `plateforme${unique()}@ppas.test`,
      password: 'Secret2026',
      role: 'platform_admin',
    })
    const menu = await client.get('/services').loginAs(platformAdmin).withInertia()
    assert.include(
      (menu.inertiaProps.currentUser.services as Array<{ label: string }>).map(
        ({ label }) => label
      ),
      'Atelier'
    )
    const studio = await client.get('/atelier/referentiels').loginAs(platformAdmin).withInertia()
    studio.assertStatus(200)
    const code = `PT${unique()}`.slice(0, 30)
    const added = await send(client, platformAdmin, 'post', '/atelier/referentiels/partner_types', {
      code,
      label: 'Type ajouté par la plateforme',
    })
    added.assertStatus(302)
    const row = await db.from('partner_types').where('code', code.toUpperCase()).first()
    assert.equal(row?.label, 'Type ajouté par la plateforme')
  })
})
