import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import {
  addressForm,
  auditRowsOf,
  partnerForm,
  partnerWithAccounts,
  storedPartner,
} from '#tests/functional/administration/support'
import { caisseAdmin } from '#tests/functional/back_office/support'
import { addConvention as addConventionOf } from '#services/administration/conventions'
import type WorkflowInstance from '#models/workflow_instance'

/**
 * The authorisation matrix of the whole portal: every route of the router
 * (router.toJSON()) × every kind of visitor or account → the expected
 * answer. Allowed: 2xx, or 3xx to the expected place; refused: 302 to
 * /connexion for a visitor, 403 or 404 (the French status page) for an
 * account. Routes with parameters name records of "this" partner and of
 * "this" caisse (CARSAT Hauts-de-France), so that the administrator of
 * another partner and the administrator of another caisse are real
 * cross-scope probes.
 *
 * - MATRIX: « Administration » › « Modification inscription » (M9), with
 *   what each answer changed (or not) in the stored partners.
 * - PORTAL: every other route.
 *
 * A route without its rows fails the guard test at the end: add its rows
 * (and its expected answers) first.
 */

const ACTORS = [
  'visitor',
  'partnerUser',
  'ownAdmin',
  'otherAdmin',
  'caisseAdmin',
  'otherCaisseAdmin',
  'analyst',
] as const
type Actor = (typeof ACTORS)[number]

const ACTOR_LABELS: Record<Actor, string> = {
  visitor: 'a visitor',
  partnerUser: 'a user of this partner who is not administrator',
  ownAdmin: 'an administrator of this partner',
  otherAdmin: 'an administrator of another partner',
  caisseAdmin: 'an administrator of this caisse',
  otherCaisseAdmin: 'an administrator of another caisse',
  analyst: 'an analyst',
}

type Expected =
  | { status: 200 }
  | { status: 302 | 303; location: string }
  | { status: 403 }
  | { status: 404 }
  /** Let through to the form, which refuses what was sent (not an authorisation refusal) */
  | { status: 422 }

const SIGN_IN: Expected = { status: 302, location: '/connexion' }
const REFUSED: Expected = { status: 403 }
const SHOWN: Expected = { status: 200 }
/** An id of an account that is not of the administrator's partner */
const NOT_FOUND: Expected = { status: 404 }
const backTo = (tab: string): Expected => ({
  status: 302,
  location: `/administration?onglet=${tab}`,
})

type Row = {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  pattern: string
  action: string
  /** The request, carrying the target partner's id wherever a request could name one */
  send: (client: ApiClient, targetId: number, users: MatrixUsers) => ApiRequest
  expected: Record<Actor, Expected>
}

/** Users a request may name: a user (not administrator) of this partner and of the other one */
type MatrixUsers = { member: number; otherMember: number }

/** What a page may be asked, whatever ids ride along */
const READ: Record<Actor, Expected> = {
  visitor: SIGN_IN,
  partnerUser: REFUSED,
  ownAdmin: SHOWN,
  otherAdmin: SHOWN,
  caisseAdmin: REFUSED,
  otherCaisseAdmin: REFUSED,
  analyst: REFUSED,
}

const page = (tab: string, action: string): Row => ({
  method: 'GET',
  pattern: '/administration',
  action,
  send: (client, targetId) =>
    client
      .get('/administration')
      .qs({ onglet: tab, partner_id: targetId, partnerId: targetId, id: targetId })
      .withInertia(),
  expected: READ,
})

const write = (pattern: string, tab: string, action: string, body: object): Row => ({
  method: 'PUT',
  pattern,
  action,
  send: (client, targetId) =>
    client
      .put(pattern)
      .json({ ...body, partner_id: targetId, partnerId: targetId, id: targetId })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo(tab),
    otherAdmin: backTo(tab),
    caisseAdmin: REFUSED,
    otherCaisseAdmin: REFUSED,
    analyst: REFUSED,
  },
})

/** M8: a new convention with a code of its own (a code is unique at its caisse) */
const conventionChoice = { regimeId: 0, caisseId: 0, conventionTypeId: 0 }
let conventionCount = 0
const addConvention: Row = {
  method: 'POST',
  pattern: '/administration/conventions',
  action: '« Conventions » › « Valider » (ajout)',
  send: (client, targetId) =>
    client
      .post('/administration/conventions')
      .json({
        regimeId: String(conventionChoice.regimeId),
        caisseId: String(conventionChoice.caisseId),
        conventionTypeId: String(conventionChoice.conventionTypeId),
        code: `MAT${Date.now()}${++conventionCount}`,
        partner_id: targetId,
        partnerId: targetId,
        id: targetId,
      })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo('conventions'),
    otherAdmin: backTo('conventions'),
    caisseAdmin: REFUSED,
    otherCaisseAdmin: REFUSED,
    analyst: REFUSED,
  },
}

/** M2 « Créer utilisateur » › « Valider »: a login of its own each time */
let createdUsers = 0
const createUser: Row = {
  method: 'POST',
  pattern: '/administration/utilisateurs',
  action: 'M2 « Utilisateurs » › « Créer utilisateur » › « Valider »',
  send: (client, targetId) =>
    client
      .post('/administration/utilisateurs')
      .json({
        lastName: 'MATRICE',
        firstName: 'Mathilde',
        email: 'matrice@exemple.fr',
        login: `Matrice${Date.now()}${++createdUsers}`,
        isAdministrator: false,
        partner_id: targetId,
        partnerId: targetId,
        id: targetId,
      })
      .withCsrfToken(),
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: backTo('utilisateurs'),
    otherAdmin: backTo('utilisateurs'),
    caisseAdmin: REFUSED,
    otherCaisseAdmin: REFUSED,
    analyst: REFUSED,
  },
}

/**
 * M3 M4 « Valider » on an opened user, M5 its cross in « Action » › « OK »:
 * the route names a user of this partner, or of the other administrator's
 * partner; an administrator reaching another partner's user gets a 404.
 */
const userRow = (method: 'PUT' | 'DELETE', whose: 'this' | 'other'): Row => ({
  method,
  pattern: '/administration/utilisateurs/:id',
  action: `${method === 'PUT' ? 'M3 M4 « Valider » on an opened user' : 'M5 the cross in « Action » › « OK »'} of ${whose === 'this' ? 'this partner' : 'another partner'}`,
  send: (client, targetId, users) => {
    const url = `/administration/utilisateurs/${whose === 'this' ? users.member : users.otherMember}`
    const ids = { partner_id: targetId, partnerId: targetId }
    const request =
      method === 'PUT'
        ? client.put(url).json({
            lastName: 'MATRICE',
            firstName: 'Mathilde',
            phone: '06 11 22 33 44',
            email: 'matrice@exemple.fr',
            isAdministrator: false,
            ...ids,
          })
        : client.delete(url).json(ids)
    return request.withCsrfToken()
  },
  expected: {
    visitor: SIGN_IN,
    partnerUser: REFUSED,
    ownAdmin: whose === 'this' ? backTo('utilisateurs') : NOT_FOUND,
    otherAdmin: whose === 'this' ? NOT_FOUND : backTo('utilisateurs'),
    caisseAdmin: REFUSED,
    otherCaisseAdmin: REFUSED,
    analyst: REFUSED,
  },
})

/** What the administration can change of a partner: its data, address, conventions and users */
async function storedState(partnerId: number) {
  const conventions = await Convention.query().where('partner_id', partnerId).orderBy('id')
  const users = await User.query().where('partner_id', partnerId).orderBy('id')
  return {
    ...(await storedPartner(partnerId)),
    conventions: conventions.map(({ caisseId, code, state }) => ({ caisseId, code, state })),
    users: users.map((user) => ({
      login: user.login,
      lastName: user.lastName,
      firstName: user.firstName,
      phone: user.phone,
      email: user.email,
      role: user.role,
      deleted: user.deletedAt !== null,
    })),
  }
}

const MATRIX: Row[] = [
  page('partenaires', '« Modification inscription », onglet « Partenaires »'),
  page('utilisateurs', 'onglet « Utilisateurs »'),
  page('adresse', 'onglet « Adresse »'),
  page('conventions', 'onglet « Conventions »'),
  write(
    '/administration/partenaire',
    'partenaires',
    '« Partenaires » › « Valider »',
    partnerForm({ name: 'Association Matrice', email: 'matrice@exemple.fr' })
  ),
  write(
    '/administration/adresse',
    'adresse',
    '« Adresse » › « Valider »',
    addressForm({ poBox: 'BP Matrice', city: 'Matriceville' })
  ),
  addConvention,
  createUser,
  userRow('PUT', 'this'),
  userRow('PUT', 'other'),
  userRow('DELETE', 'this'),
  userRow('DELETE', 'other'),
]

/** This partner (the target), another partner, and one account of each kind */
async function world() {
  const target = await partnerWithAccounts()
  const other = await partnerWithAccounts()
  const accounts: Record<Exclude<Actor, 'visitor'>, User> = {
    partnerUser: target.member,
    ownAdmin: target.admin,
    otherAdmin: other.admin,
    caisseAdmin: await caisseAdmin([OWN_CAISSE]),
    otherCaisseAdmin: await caisseAdmin([otherCaisseCode]),
    analyst: await UserFactory.apply('analyst').create(),
  }
  return { target, other, accounts }
}

/** The Inertia page component of a response, JSON (Inertia visit) or HTML (first load) */
function componentOf(text: string): string | undefined {
  const json = /<script data-page="app" type="application\/json">([\s\S]*?)<\/script>/.exec(text)
  return (JSON.parse(json ? json[1] : text) as { component?: string }).component
}

function describe(expected: Expected) {
  if (expected.status === 302 || expected.status === 303) {
    return `${expected.status} to ${expected.location}`
  }
  return String(expected.status)
}

/** "This" caisse: the caisse of this partner's convention; the other one is any other */
const OWN_CAISSE = 'CARSAT-HDF'
let otherCaisseCode = ''

test.group('Hardening authorisation matrix: M9 the partner administration', (group) => {
  group.setup(async () => {
    const otherCaisse = await Caisse.query().whereNot('code', OWN_CAISSE).firstOrFail()
    otherCaisseCode = otherCaisse.code
    const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    const type = await ConventionType.findByOrFail('code', 'EVALUATION')
    Object.assign(conventionChoice, {
      regimeId: caisse.regimeId,
      caisseId: caisse.id,
      conventionTypeId: type.id,
    })
  })

  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      const expected = row.expected[actor]
      test(`M9 ${row.method} ${row.pattern} (${row.action}) by ${ACTOR_LABELS[actor]} → ${describe(expected)}`, async ({
        client,
        assert,
      }) => {
        const { target, other, accounts } = await world()
        const targetBefore = await storedState(target.partner.id)
        const otherBefore = await storedState(other.partner.id)

        let request = row
          .send(client, target.partner.id, {
            member: target.member.id,
            otherMember: other.member.id,
          })
          .redirects(0)
        if (actor !== 'visitor') request = request.loginAs(accounts[actor])
        const response = await request

        response.assertStatus(expected.status)
        if (expected.status === 302) {
          /** The sign-in page keeps the query string to come back to: the path is what matters */
          const location = String(response.header('location'))
          assert.equal(location.split('?')[0], expected.location.split('?')[0])
          if (actor !== 'visitor') assert.equal(location, expected.location)
        }
        if (expected.status === 403 || expected.status === 404) {
          /** The portal's French « Accès refusé » page */
          assert.equal(componentOf(response.text()), 'errors/status')
        }

        /** Only this partner's own administrator may change this partner */
        const targetAfter = await storedState(target.partner.id)
        /** A change that was let through (a 404 or a refusal changes nothing) */
        const changed = row.method !== 'GET' && expected.status === 302 && actor !== 'visitor'
        if (actor === 'ownAdmin' && changed) {
          assert.notDeepEqual(targetAfter, targetBefore, 'the administrator changed their partner')
          assert.lengthOf(await auditRowsOf(target.partner.id), 1)
        } else {
          assert.deepEqual(targetAfter, targetBefore, 'this partner is unchanged')
          assert.lengthOf(await auditRowsOf(target.partner.id), 0)
        }

        if (actor === 'otherAdmin') {
          if (row.method !== 'GET' && !changed) {
            /** Another partner's user named by the route: nothing changed anywhere */
            assert.deepEqual(await storedState(other.partner.id), otherBefore)
            assert.lengthOf(await auditRowsOf(other.partner.id), 0)
          } else if (row.method !== 'GET') {
            /** The partner_id / id sent were ignored: the change went to their own partner */
            assert.notDeepEqual(await storedState(other.partner.id), otherBefore)
            const [audit] = await auditRowsOf(other.partner.id)
            assert.equal(audit.actorId, other.admin.id)
          } else {
            /** Their own partner is shown, nothing of this one */
            const props = response.inertiaProps as { partner: { name: string } }
            assert.equal(props.partner.name, other.partner.name)
            const body = JSON.stringify(response.body())
            for (const secret of [
              target.partner.name,
              target.partner.siret!,
              target.admin.login,
              target.member.login,
            ]) {
              assert.notInclude(body, secret)
            }
          }
        }
        if (actor === 'ownAdmin' && row.method === 'GET') {
          const props = response.inertiaProps as { partner: { name: string } }
          assert.equal(props.partner.name, target.partner.name)
        }
      })
    }
  }

  test('M9 an administrator who loses the status is refused at their next request (403)', async ({
    client,
  }) => {
    const { admin } = await partnerWithAccounts()
    const before = await client.get('/administration').loginAs(admin).withInertia()
    before.assertStatus(200)

    admin.role = 'partner_user'
    await admin.save()
    const refused = await client.get('/administration').loginAs(admin).withInertia()
    refused.assertStatus(403)
    refused.assertInertiaComponent('errors/status')
    const change = await client
      .put('/administration/partenaire')
      .json(partnerForm())
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    change.assertStatus(403)
    change.assertInertiaComponent('errors/status')
  })
})

/** « Valider » of a convention of this partner with this caisse: its record (M8 C2) */
let conventionCodes = 0
async function conventionRecordOf(target: { partner: { id: number }; admin: User }) {
  const caisse = await Caisse.findByOrFail('code', OWN_CAISSE)
  const type = await ConventionType.findByOrFail('code', 'EVALUATION')
  const { instance } = await addConventionOf(target.partner.id, target.admin, {
    regimeId: String(caisse.regimeId),
    caisseId: String(caisse.id),
    conventionTypeId: String(type.id),
    code: `AUTH${Date.now().toString(36)}${++conventionCodes}`,
  })
  return instance
}

type Scene = Awaited<ReturnType<typeof world>> & {
  /** A record of this partner with this caisse, waiting for the caisse */
  record: WorkflowInstance
}

type PortalRow = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  pattern: string
  action: string
  send: (client: ApiClient, scene: Scene) => ApiRequest
  expected: Record<Actor, Expected>
}

const SIGNED_IN: Exclude<Actor, 'visitor'>[] = ACTORS.filter(
  (actor): actor is Exclude<Actor, 'visitor'> => actor !== 'visitor'
)
const each = (visitor: Expected, signedIn: Expected): Record<Actor, Expected> => ({
  visitor,
  ...(Object.fromEntries(SIGNED_IN.map((actor) => [actor, signedIn])) as Record<
    Exclude<Actor, 'visitor'>,
    Expected
  >),
})
const to = (location: string, status: 302 | 303 = 302): Expected => ({ status, location })
const FORM_REFUSED: Expected = { status: 422 }
/** A caisse's own page: its administrators only, another caisse's record is not found */
const caissePage = (own: Expected, otherCaisse: Expected): Record<Actor, Expected> => ({
  ...each(SIGN_IN, REFUSED),
  caisseAdmin: own,
  otherCaisseAdmin: otherCaisse,
})

const PORTAL: PortalRow[] = [
  {
    method: 'GET',
    pattern: '/',
    action: 'P1 the home page',
    send: (client) => client.get('/').withInertia(),
    expected: each(SHOWN, SHOWN),
  },
  {
    method: 'GET',
    pattern: '/connexion',
    action: '« Se connecter »',
    send: (client) => client.get('/connexion').withInertia(),
    expected: each(SHOWN, to('/')),
  },
  {
    method: 'POST',
    pattern: '/connexion',
    action: '« Se connecter » › « OK » with a wrong password',
    send: (client) =>
      client.post('/connexion').form({ login: 'personne', password: 'Faux2026x' }).withCsrfToken(),
    expected: each(FORM_REFUSED, to('/')),
  },
  {
    method: 'POST',
    pattern: '/deconnexion',
    action: '« Se déconnecter »',
    send: (client) => client.post('/deconnexion').withCsrfToken(),
    expected: each(SIGN_IN, to('/')),
  },
  {
    method: 'GET',
    pattern: '/services',
    action: '« Les services »',
    send: (client) => client.get('/services').withInertia(),
    expected: each(SIGN_IN, SHOWN),
  },
  {
    method: 'GET',
    pattern: '/mot-de-passe-oublie',
    action: 'A4 « Mot de passe oublié ? »',
    send: (client) => client.get('/mot-de-passe-oublie').withInertia(),
    expected: each(SHOWN, to('/')),
  },
  {
    method: 'POST',
    pattern: '/mot-de-passe-oublie',
    action: 'A4 « Mot de passe oublié ? » › « OK » for an unknown login',
    send: (client) =>
      client
        .post('/mot-de-passe-oublie')
        .form({ login: 'personne', captcha: 'TEST42' })
        .withCsrfToken(),
    expected: each(FORM_REFUSED, to('/')),
  },
  {
    method: 'GET',
    pattern: '/mot-de-passe',
    action: 'A6 « Changer mon mot de passe »',
    send: (client) => client.get('/mot-de-passe').withInertia(),
    expected: each(SIGN_IN, SHOWN),
  },
  {
    method: 'POST',
    pattern: '/mot-de-passe',
    action: 'A6 « Changer mon mot de passe » › « OK » with a wrong old password',
    send: (client) =>
      client
        .post('/mot-de-passe')
        .form({
          currentPassword: 'Faux2026x',
          newPassword: 'Nouveau2026x',
          confirmation: 'Nouveau2026x',
        })
        .withCsrfToken(),
    expected: each(SIGN_IN, FORM_REFUSED),
  },
  {
    method: 'GET',
    pattern: '/caisse/dossiers',
    action: 'C1 « Dossiers à traiter »',
    send: (client) => client.get('/caisse/dossiers').withInertia(),
    expected: caissePage(SHOWN, SHOWN),
  },
  {
    method: 'GET',
    pattern: '/caisse/dossiers/:id',
    action: 'C2 a record of this caisse',
    send: (client, scene) => client.get(`/caisse/dossiers/${scene.record.id}`).withInertia(),
    expected: caissePage(SHOWN, REFUSED),
  },
  {
    method: 'POST',
    pattern: '/caisse/dossiers/:id/decision',
    action: 'C2 « Valider » a record of this caisse',
    send: (client, scene) =>
      client
        .post(`/caisse/dossiers/${scene.record.id}/decision`)
        .json({ event: 'VALIDATE', lockVersion: scene.record.lockVersion })
        .withCsrfToken()
        .withInertia(),
    expected: caissePage(to('/caisse/dossiers/:record'), REFUSED),
  },
  {
    method: 'GET',
    pattern: '/contact',
    action: 'P2 « Contact »',
    send: (client) => client.get('/contact').withInertia(),
    expected: each(SHOWN, SHOWN),
  },
  {
    method: 'POST',
    pattern: '/contact',
    action: 'P2 « Contact » › « Envoyer » empty (refused by its form)',
    send: (client) => client.post('/contact').form({}).withCsrfToken(),
    expected: each(FORM_REFUSED, FORM_REFUSED),
  },
  {
    method: 'GET',
    pattern: '/captcha',
    action: 'R3 a new captcha',
    send: (client) => client.get('/captcha'),
    expected: each(SHOWN, SHOWN),
  },
  {
    method: 'GET',
    pattern: '/preinscription',
    action: 'R1 « Préinscription »',
    send: (client) => client.get('/preinscription'),
    expected: each(to('/parcours/preinscription'), to('/parcours/preinscription')),
  },
  {
    method: 'GET',
    pattern: '/parcours/:key',
    action: 'W2 the start page of the pre-registration',
    send: (client) => client.get('/parcours/preinscription').withInertia(),
    /** R1: a pre-registration is for visitors; a signed-in account may not start one */
    expected: each(SHOWN, REFUSED),
  },
  {
    method: 'POST',
    pattern: '/parcours/:key/evenements/:event',
    action: 'W2 R1 « J’accepte » starts a pre-registration',
    send: (client) =>
      client
        .post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS')
        .form({ accepted: true })
        .withCsrfToken(),
    expected: each(to('/dossiers/:new', 303), REFUSED),
  },
  {
    method: 'GET',
    pattern: '/dossiers/:id',
    action: 'W2 the page of a convention record of this partner with this caisse',
    send: (client, scene) => client.get(`/dossiers/${scene.record.id}`).withInertia(),
    /**
     * The workflow pages are open to visitors on purpose (a visitor reaches
     * the records started in their own session): a visitor is refused (403),
     * not sent to sign in. The definition's viewers: this partner's
     * administrator and this caisse's.
     */
    expected: {
      ...each(REFUSED, REFUSED),
      ownAdmin: SHOWN,
      caisseAdmin: SHOWN,
    },
  },
  {
    method: 'POST',
    pattern: '/dossiers/:id/evenements/:event',
    action: 'W2 « Valider » a convention record of this partner with this caisse from its page',
    send: (client, scene) =>
      client
        .post(`/dossiers/${scene.record.id}/evenements/VALIDATE`)
        .json({ lockVersion: scene.record.lockVersion })
        .withCsrfToken()
        .withInertia(),
    /** The definition's permissions: VALIDATE is this caisse's administrator's */
    expected: {
      ...each(REFUSED, REFUSED),
      caisseAdmin: to('/dossiers/:record', 303),
    },
  },
  {
    method: 'GET',
    pattern: '/suivi/:token',
    action: 'S4 an applicant’s personal link that is no link',
    send: (client) => client.get(`/suivi/${'A'.repeat(43)}`).withInertia(),
    /**
     * Open to everybody on purpose (the link is the credential): a token
     * that names no record is the same 404 for all, never a sign-in page
     * (tests/functional/workflow_pages/personal_link.spec.ts opens real ones)
     */
    expected: each(NOT_FOUND, NOT_FOUND),
  },
  ...studioRows(),
]

/**
 * « Atelier » (the analysts' studio): an analyst (or a platform
 * administrator) only; the writes name a list that does not exist, so that
 * a let-through request changes nothing.
 */
function studioRows(): PortalRow[] {
  const studio = (analyst: Expected, visitor = SIGN_IN): Record<Actor, Expected> => ({
    ...each(visitor, REFUSED),
    analyst,
  })
  /** Inertia's client asks a 303 after a PUT: the sign-in redirect follows */
  const signInAfterPut = to('/connexion', 303)
  const body = { label: 'Matrice', code: 'MATRICE' }
  return [
    {
      method: 'GET',
      pattern: '/atelier',
      action: '« Atelier »',
      send: (client) => client.get('/atelier'),
      expected: studio(to('/atelier/referentiels')),
    },
    {
      method: 'GET',
      pattern: '/atelier/referentiels',
      action: '« Atelier » › « Référentiels »',
      send: (client) => client.get('/atelier/referentiels').withInertia(),
      expected: studio(SHOWN),
    },
    {
      method: 'POST',
      pattern: '/atelier/referentiels/:liste',
      action: '« Atelier » › a new value of a list that does not exist',
      send: (client) =>
        client.post('/atelier/referentiels/inconnue').json(body).withCsrfToken().withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'PUT',
      pattern: '/atelier/referentiels/:liste/:id',
      action: '« Atelier » › a value of a list that does not exist',
      send: (client) =>
        client.put('/atelier/referentiels/inconnue/1').json(body).withCsrfToken().withInertia(),
      expected: studio(NOT_FOUND, signInAfterPut),
    },
    {
      method: 'PUT',
      pattern: '/atelier/referentiels/:liste/:id/statut',
      action: '« Atelier » › the status of a value of a list that does not exist',
      send: (client) =>
        client
          .put('/atelier/referentiels/inconnue/1/statut')
          .json({ active: false })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND, signInAfterPut),
    },
    /** S1 a caisse's administrators, on a caisse that does not exist: nothing to change */
    {
      method: 'POST',
      pattern: '/atelier/referentiels/caisses/:id/administrateurs',
      action: '« Atelier » › attach an administrator to a caisse that does not exist',
      send: (client, scene) =>
        client
          .post(`/atelier/referentiels/caisses/${MISSING_ID}/administrateurs`)
          .json({ userId: scene.accounts.caisseAdmin.id })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'POST',
      pattern: '/atelier/referentiels/caisses/:id/administrateurs/nouveau',
      action: '« Atelier » › create an administrator of a caisse that does not exist',
      send: (client) =>
        client
          .post(`/atelier/referentiels/caisses/${MISSING_ID}/administrateurs/nouveau`)
          .json({
            login: 'Matrice',
            lastName: 'MATRICE',
            firstName: 'Mathilde',
            email: 'm@exemple.fr',
          })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'DELETE',
      pattern: '/atelier/referentiels/caisses/:id/administrateurs/:userId',
      action: '« Atelier » › detach an administrator from a caisse that does not exist',
      send: (client, scene) =>
        client
          .delete(
            `/atelier/referentiels/caisses/${MISSING_ID}/administrateurs/${scene.accounts.caisseAdmin.id}`
          )
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND, signInAfterPut),
    },
    {
      method: 'GET',
      pattern: '/atelier/parcours',
      action: '« Atelier » › « Parcours »',
      send: (client) => client.get('/atelier/parcours').withInertia(),
      expected: studio(SHOWN),
    },
    /** S8 « Comparer », on « convention », which has one version here: nothing to compare */
    {
      method: 'GET',
      pattern: '/atelier/parcours/:key/comparer',
      action: '« Atelier » › « Comparer » the versions of « convention »',
      send: (client) => client.get('/atelier/parcours/convention/comparer').withInertia(),
      expected: studio(SHOWN),
    },
    /** S10 « Migrer les dossiers »: « convention » has one version here, nothing to preview */
    {
      method: 'GET',
      pattern: '/atelier/parcours/:key/migration',
      action: '« Atelier » › « Migrer les dossiers » of « convention »',
      send: (client) => client.get('/atelier/parcours/convention/migration').withInertia(),
      expected: studio(SHOWN),
    },
    {
      method: 'POST',
      pattern: '/atelier/parcours/:key/migration',
      action: '« Atelier » › « Migrer les dossiers » of a workflow that does not exist',
      send: (client) =>
        client
          .post('/atelier/parcours/inconnu/migration')
          .json({ de: 1, a: 2, confirmation: 0 })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND),
    },
    /** S3 S9 a workflow's draft and versions, on a workflow that does not exist */
    {
      method: 'POST',
      pattern: '/atelier/parcours/:key/brouillon',
      action: '« Atelier » › « Nouvelle version » of a workflow that does not exist',
      send: (client) =>
        client.post('/atelier/parcours/inconnu/brouillon').json({}).withCsrfToken().withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'GET',
      pattern: '/atelier/parcours/:key/brouillon',
      action: '« Atelier » › the draft of a workflow that does not exist',
      send: (client) => client.get('/atelier/parcours/inconnu/brouillon').withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'DELETE',
      pattern: '/atelier/parcours/:key/brouillon',
      action: '« Atelier » › « Abandonner le brouillon » of a workflow that does not exist',
      send: (client) =>
        client.delete('/atelier/parcours/inconnu/brouillon').withCsrfToken().withInertia(),
      expected: studio(NOT_FOUND, signInAfterPut),
    },
    {
      method: 'POST',
      pattern: '/atelier/parcours/:key/brouillon/publication',
      action: '« Atelier » › « Publier » a workflow that does not exist',
      send: (client) =>
        client
          .post('/atelier/parcours/inconnu/brouillon/publication')
          .json({})
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'POST',
      pattern: '/atelier/parcours/:key/import',
      action: '« Atelier » › « Importer » into a workflow that does not exist',
      send: (client) =>
        client
          .post('/atelier/parcours/inconnu/import')
          .json({ definition: '{"key":"inconnu"}' })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'GET',
      pattern: '/atelier/parcours/:key/brouillon/export',
      action: '« Atelier » › « Exporter » the draft of a workflow that does not exist',
      send: (client) => client.get('/atelier/parcours/inconnu/brouillon/export'),
      expected: studio(NOT_FOUND),
    },
    {
      method: 'GET',
      pattern: '/atelier/parcours/:key/versions/:version/export',
      action: '« Atelier » › « Exporter » the first version of « convention »',
      send: (client) => client.get('/atelier/parcours/convention/versions/1/export'),
      expected: studio(SHOWN),
    },
    /** S4 the outline, on « convention », which has no draft: nothing to change */
    ...(
      [
        ['POST', '/etats', '/etats', 'add a state to'],
        ['PUT', '/etats/:state', '/etats/pending', 'rename a state of'],
        ['DELETE', '/etats/:state', '/etats/pending', 'remove a state of'],
        ['POST', '/etats/:state/transitions', '/etats/pending/transitions', 'add a transition to'],
        ['PUT', '/evenements/:event', '/evenements/VALIDATE', 'rename a transition of'],
        [
          'DELETE',
          '/etats/:state/transitions/:event',
          '/etats/pending/transitions/VALIDATE',
          'remove a transition of',
        ],
        ...(
          [
            ['PUT', '/condition', 'choose the guard of a transition of'],
            ['DELETE', '/condition', 'remove the guard of a transition of'],
            ['POST', '/actions', 'add an action to a transition of'],
            ['PUT', '/actions/:position', 'change an action of a transition of'],
            ['DELETE', '/actions/:position', 'remove an action of a transition of'],
          ] as const
        ).map(
          ([method, rule, verb]) =>
            [
              method,
              `/etats/:state/transitions/:event/:alternative${rule}`,
              `/etats/pending/transitions/VALIDATE/0${rule.replace(':position', '0')}`,
              verb,
            ] as const
        ),
      ] as const
    ).map(([method, pattern, path, verb]): PortalRow => ({
      method,
      pattern: `/atelier/parcours/:key/brouillon${pattern}`,
      action: `« Atelier » › ${verb} the draft of a workflow that has none`,
      send: (client) =>
        client[method.toLowerCase() as 'post' | 'put' | 'delete'](
          `/atelier/parcours/convention/brouillon${path}`
        )
          .json({
            title: 'Matrice',
            id: 'matrice',
            event: 'MATRICE',
            label: 'Matrice',
            target: 'validated',
          })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND, method === 'POST' ? SIGN_IN : signInAfterPut),
    })),
    /** S5 the form editor, on « convention », which has no draft: nothing to change */
    ...(
      [
        ['POST', '', 'add a field to'],
        ['PUT', '/reason', 'change a field of'],
        ['DELETE', '/reason', 'remove a field of'],
        ['PUT', '/reason/position', 'move a field of'],
      ] as const
    ).map(([method, rest, verb]): PortalRow => ({
      method,
      pattern: `/atelier/parcours/:key/brouillon/formulaires/:event/champs${rest.replace('/reason', '/:name')}`,
      action: `« Atelier » › ${verb} the draft of a workflow that has none`,
      send: (client) =>
        client[method.toLowerCase() as 'post' | 'put' | 'delete'](
          `/atelier/parcours/convention/brouillon/formulaires/INVALIDATE/champs${rest}`
        )
          .json({ label: 'Matrice', type: 'text', direction: 'up' })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND, method === 'POST' ? SIGN_IN : signInAfterPut),
    })),
    /** S6 « Qui peut l’envoyer », a state's page, a mail template, on « convention » without a draft */
    ...(
      [
        ['POST', '/permissions/:event', '/permissions/INVALIDATE', 'add a rule to'],
        [
          'DELETE',
          '/permissions/:event/:role/:scope',
          '/permissions/INVALIDATE/caisse_admin/instance_caisse',
          'remove a rule from',
        ],
        ['PUT', '/ecrans/:state', '/ecrans/pending', 'change a state’s page in'],
        ['PUT', '/mails/:template', '/mails/convention_invalidated', 'change a mail template of'],
        ['POST', '/mails', '/mails', 'add a mail template to'],
      ] as const
    ).map(([method, pattern, path, verb]): PortalRow => ({
      method,
      pattern: `/atelier/parcours/:key/brouillon${pattern}`,
      action: `« Atelier » › ${verb} the draft of a workflow that has none`,
      send: (client) =>
        client[method.toLowerCase() as 'post' | 'put' | 'delete'](
          `/atelier/parcours/convention/brouillon${path}`
        )
          .json({
            role: 'caisse_admin',
            scope: 'any',
            page: 'workflow/status',
            title: 'Matrice',
            name: 'matrice',
            subject: 'Matrice',
            text: 'Matrice',
          })
          .withCsrfToken()
          .withInertia(),
      expected: studio(NOT_FOUND, method === 'POST' ? SIGN_IN : signInAfterPut),
    })),
    /** S7 « Simuler » on « convention » without a draft: refused in French, nothing written */
    {
      method: 'POST',
      pattern: '/atelier/parcours/:key/brouillon/simulation',
      action: '« Atelier » › « Simuler » the draft of a workflow that has none',
      send: (client) =>
        client
          .post('/atelier/parcours/convention/brouillon/simulation')
          .json({ actor: { role: 'visitor' }, steps: [] })
          .withCsrfToken()
          .withInertia(),
      expected: studio(FORM_REFUSED),
    },
    /** S7 its scenarios, on « convention » without a draft: nothing listed, saved, replayed or deleted */
    ...(
      [
        ['GET', '', 'list the scenarios of'],
        ['POST', '', 'save a scenario of'],
        ['GET', '/:id', 'replay a scenario on'],
        ['DELETE', '/:id', 'delete a scenario of'],
      ] as const
    ).map(([method, rest, verb]): PortalRow => ({
      method,
      pattern: `/atelier/parcours/:key/brouillon/scenarios${rest}`,
      action: `« Atelier » › « Simuler »: ${verb} the draft of a workflow that has none`,
      send: (client) => {
        const request = client[method.toLowerCase() as 'get' | 'post' | 'delete'](
          `/atelier/parcours/convention/brouillon/scenarios${rest.replace(':id', '1')}`
        )
        return (
          method === 'POST'
            ? request.json({ name: 'Matrice', actor: { role: 'visitor' }, steps: [] })
            : request
        )
          .withCsrfToken()
          .withInertia()
      },
      expected: studio(NOT_FOUND, method === 'DELETE' ? signInAfterPut : SIGN_IN),
    })),
  ]
}

const MISSING_ID = 999_999

/** What a response is, in the matrix's words */
function actualOf(response: { status(): number; header(name: string): unknown }) {
  const status = response.status()
  if (status >= 300 && status < 400) {
    return `${status} to ${String(response.header('location')).split('?')[0]}`
  }
  return String(status)
}

test.group('Hardening authorisation matrix: every other route of the portal', () => {
  for (const row of PORTAL) {
    for (const actor of ACTORS) {
      const expected = row.expected[actor]
      test(`${row.method} ${row.pattern} (${row.action}) by ${ACTOR_LABELS[actor]} → ${describe(expected)}`, async ({
        client,
        assert,
      }) => {
        const scene = await world()
        const record = await conventionRecordOf(scene.target)
        let request = row.send(client, { ...scene, record }).redirects(0)
        if (actor !== 'visitor') request = request.loginAs(scene.accounts[actor])
        const response = await request

        const wanted =
          expected.status === 302 || expected.status === 303
            ? `${expected.status} to ${expected.location.replace(':record', String(record.id))}`
            : String(expected.status)
        const actual = actualOf(response)
        if ('location' in expected && expected.location.includes(':new')) {
          assert.match(actual, new RegExp(`^${expected.status} to /dossiers/\\d+$`))
        } else {
          assert.equal(actual, wanted, `${row.method} ${row.pattern} by ${actor}`)
        }
        if (expected.status === 403 || expected.status === 404) {
          /** The portal's status page, or the workflow pages' own refusal */
          assert.oneOf(componentOf(response.text()), ['errors/status', 'workflow/refused'])
        }
        /** Only this caisse's administrator decides this caisse's record */
        await record.refresh()
        const decided = record.state !== 'pending'
        assert.equal(
          decided,
          actor === 'caisseAdmin' &&
            row.method === 'POST' &&
            /^\/(caisse\/)?dossiers\/:id/.test(row.pattern),
          `the record was ${decided ? '' : 'not '}decided`
        )
      })
    }
  }
})

test.group('Hardening authorisation matrix: completeness', () => {
  test('every route of the router has its rows in the matrix, for every actor (a new route without rows fails)', ({
    assert,
  }) => {
    const registered = Object.values(router.toJSON())
      .flat()
      .flatMap((route) =>
        route.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method} ${route.pattern}`)
      )
    assert.isAbove(registered.length, 20, 'the routes are registered')

    const rows = [...MATRIX, ...PORTAL]
    const covered = new Set(rows.map((row) => `${row.method} ${row.pattern}`))
    const missing = registered.filter((route) => !covered.has(route))
    assert.deepEqual(missing, [], `routes without a row in the matrix: ${missing.join(', ')}`)

    const stale = [...covered].filter((route) => !registered.includes(route))
    assert.deepEqual(stale, [], `rows for routes that no longer exist: ${stale.join(', ')}`)

    for (const row of rows) {
      assert.sameMembers(Object.keys(row.expected), [...ACTORS], `${row.method} ${row.pattern}`)
    }
  })
})
