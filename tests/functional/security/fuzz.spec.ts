import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Regime from '#models/regime'
import Caisse from '#models/caisse'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'
import { caisseHdf, submitCielBleu, unique } from '#tests/functional/onboarding/support'
import { partnerWithAccounts } from '#tests/functional/administration/support'
import {
  TEST_CODE,
  resetContactRateLimits,
  useCaptchaTestCode,
} from '#tests/functional/contact/support'
import { clearLimiters } from '#tests/functional/accounts/support'

/**
 * Issue #9's fuzz table: every route that takes a body (each POST, PUT,
 * PATCH and DELETE the router knows) gets, field by field, a list, an
 * object, a number for a text, a NUL, a lone surrogate, 10 000 characters
 * and a deep nesting, then whole bodies that are no form at all. Not one
 * answer may be a 500, and a refused request (4xx) writes no row. A new
 * route without a row in ROWS fails the first test.
 */

type Method = 'post' | 'put' | 'patch' | 'delete'

/** What a row needs to send one request: where, as whom, and a body that would pass */
interface Target {
  url: string
  body: Record<string, unknown>
  send(method: Method, url: string, body: unknown): Promise<ApiResponse>
}

interface Row {
  /** The fields of the body, each fuzzed in turn (the others kept valid) */
  fields: string[]
  /** Set up a target; called again after an accepted request (it may have used it up) */
  prepare(client: ApiClient): Promise<Target>
}

const json = (client: ApiClient, method: Method, url: string, body: unknown) =>
  client[method](url)
    .json(body as object)
    .withCsrfToken()
    .header('accept', 'application/json')
    .redirects(0)

/** As a visitor, with no session of their own */
function asVisitor(url: string, body: Record<string, unknown>, client: ApiClient): Target {
  return { url, body, send: (method, path, payload) => json(client, method, path, payload) }
}

/** As a signed-in user */
function as(user: User, url: string, body: Record<string, unknown>, client: ApiClient): Target {
  return {
    url,
    body,
    send: (method, path, payload) => json(client, method, path, payload).loginAs(user),
  }
}

/** As the visitor whose session started the record (the workflow pages) */
function asRecordVisitor(visitor: Visitor, url: string, body: Record<string, unknown>): Target {
  return {
    url,
    body,
    send: (_method, path, payload) => visitor.post(path, payload as Record<string, unknown>),
  }
}

async function userWithRole(role: string) {
  const login = `Fuzz${unique()}`
  return User.create({
    login,
    lastName: 'FUZZ',
    firstName: 'Test',
    email: `${login.toLowerCase()}@example.fr`,
    password: 'Fuzz2026x',
    role: role as User['role'],
  })
}

const PREINSCRIPTION_FIELDS = [
  'regime',
  'caisse',
  'conventionCode',
  'partnerType',
  'partnerName',
  'siret',
  'partnerEmail',
  'partnerPhone',
  'adminLastName',
  'adminFirstName',
  'adminLogin',
  'adminPhone',
  'adminEmail',
  'recipient',
  'postalCode',
  'city',
  'street',
  'complement',
  'poBox',
  'captcha',
  'captchaId',
]

/** One row per route that takes a body, by "METHOD pattern" */
const ROWS: Record<string, Row> = {
  'POST /connexion': {
    fields: ['login', 'password'],
    prepare: async (client) =>
      asVisitor('/connexion', { login: `Personne${unique()}`, password: 'Faux2026x' }, client),
  },
  'POST /deconnexion': {
    fields: [],
    prepare: async (client) => as(await userWithRole('partner_user'), '/deconnexion', {}, client),
  },
  'POST /mot-de-passe-oublie': {
    fields: ['login', 'email', 'captchaId', 'captcha'],
    prepare: async (client) =>
      asVisitor(
        '/mot-de-passe-oublie',
        /** One field wrong (the email), so that no mutation makes the form pass */
        { login: 'Personne', email: 'pas-une-adresse', captchaId: 'test', captcha: TEST_CODE },
        client
      ),
  },
  'POST /mot-de-passe': {
    fields: ['currentPassword', 'newPassword', 'confirmation'],
    prepare: async (client) => {
      const user = await userWithRole('partner_user')
      const target = as(
        user,
        '/mot-de-passe',
        { currentPassword: 'Faux2026x', newPassword: 'Nouveau2026x', confirmation: 'Nouveau2026x' },
        client
      )
      /** A first change starts the account's lifecycle record (for an account made without one) */
      const first = await target.send('post', target.url, target.body)
      first.assertStatus(422)
      return target
    },
  },
  'POST /caisse/dossiers/:id/decision': {
    fields: ['event', 'lockVersion', 'reason'],
    prepare: async (client) => {
      const { instance } = await submitCielBleu(client)
      return as(
        await caisseHdf(),
        `/caisse/dossiers/${instance.id}/decision`,
        { event: 'INVALIDATE', lockVersion: instance.lockVersion, reason: 'x'.repeat(2001) },
        client
      )
    },
  },
  'POST /parcours/:key/evenements/:event': {
    fields: ['accepted'],
    prepare: async (client) =>
      asRecordVisitor(
        new Visitor(client),
        '/parcours/preinscription/evenements/ACCEPT_CONDITIONS',
        { accepted: true }
      ),
  },
  'POST /dossiers/:id/evenements/:event': {
    fields: PREINSCRIPTION_FIELDS,
    prepare: async (client) => {
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const { payload } = await cielBleu({
        adminLogin: `Alex${unique()}`,
        /** One field wrong, so that no mutation makes the form pass */
        city: '',
      })
      return asRecordVisitor(visitor, `${path}/evenements/SUBMIT`, payload)
    },
  },
  'POST /contact': {
    fields: ['name', 'email', 'subject', 'message', 'captchaId', 'captcha'],
    prepare: async (client) =>
      asVisitor(
        '/contact',
        {
          name: 'Fuzz',
          email: 'fuzz@example.fr',
          subject: `Fuzz ${unique()}`,
          message: '',
          captchaId: 'test',
          captcha: TEST_CODE,
        },
        client
      ),
  },
  'PUT /administration/partenaire': {
    fields: ['name', 'siret', 'email', 'phone'],
    prepare: async (client) => {
      const { admin } = await partnerWithAccounts()
      return as(
        admin,
        '/administration/partenaire',
        { name: '', siret: '73282932000074', email: 'a@example.fr', phone: '0321456789' },
        client
      )
    },
  },
  'PUT /administration/adresse': {
    fields: ['companyName', 'recipient', 'street', 'complement', 'poBox', 'postalCode', 'city'],
    prepare: async (client) => {
      const { admin } = await partnerWithAccounts()
      return as(
        admin,
        '/administration/adresse',
        { recipient: 'A', street: 'B', complement: '', poBox: '', postalCode: '62000', city: '' },
        client
      )
    },
  },
  'POST /administration/conventions': {
    fields: ['regimeId', 'caisseId', 'conventionTypeId', 'code'],
    prepare: async (client) => {
      const { admin } = await partnerWithAccounts()
      const regime = await Regime.findByOrFail('code', 'CNAV')
      return as(
        admin,
        '/administration/conventions',
        { regimeId: String(regime.id), caisseId: '', conventionTypeId: '1', code: 'FUZZ1' },
        client
      )
    },
  },
  'POST /administration/utilisateurs': {
    fields: ['lastName', 'firstName', 'phone', 'email', 'login', 'isAdministrator'],
    prepare: async (client) => {
      const { admin } = await partnerWithAccounts()
      return as(
        admin,
        '/administration/utilisateurs',
        { lastName: 'DURAND', firstName: '', email: 'lea@example.fr', login: `Lea${unique()}` },
        client
      )
    },
  },
  'PUT /administration/utilisateurs/:id': {
    fields: ['lastName', 'firstName', 'phone', 'email', 'login', 'isAdministrator'],
    prepare: async (client) => {
      const { admin, member } = await partnerWithAccounts()
      return as(
        admin,
        `/administration/utilisateurs/${member.id}`,
        { lastName: 'DURAND', firstName: '', email: 'lea@example.fr' },
        client
      )
    },
  },
  'DELETE /administration/utilisateurs/:id': {
    fields: [],
    prepare: async (client) => {
      const { admin, member } = await partnerWithAccounts()
      return as(admin, `/administration/utilisateurs/${member.id}`, {}, client)
    },
  },
  'POST /atelier/referentiels/:liste': {
    fields: ['code', 'label', 'regimeId', 'contactEmail'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/referentiels/caisses',
        { code: `F${unique()}`.slice(0, 10), label: '', regimeId: 1, contactEmail: '' },
        client
      ),
  },
  'PUT /atelier/referentiels/:liste/:id': {
    fields: ['label', 'contactEmail'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/referentiels/regimes/1',
        { label: '', contactEmail: '' },
        client
      ),
  },
  'PUT /atelier/referentiels/:liste/:id/statut': {
    fields: ['active'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/referentiels/partner_types/999999/statut',
        { active: 'false' },
        client
      ),
  },
  'POST /atelier/referentiels/caisses/:id/administrateurs': {
    fields: ['userId'],
    prepare: async (client) => {
      /** Not a caisse administrator: refused */
      const notAdministrator = await userWithRole('partner_user')
      return as(
        await userWithRole('analyst'),
        `/atelier/referentiels/caisses/${await caisseId()}/administrateurs`,
        { userId: notAdministrator.id },
        client
      )
    },
  },
  'POST /atelier/referentiels/caisses/:id/administrateurs/nouveau': {
    fields: ['lastName', 'firstName', 'phone', 'email', 'login'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        `/atelier/referentiels/caisses/${await caisseId()}/administrateurs/nouveau`,
        { lastName: 'DURAND', firstName: '', email: 'lea@example.fr', login: `Lea${unique()}` },
        client
      ),
  },
  'DELETE /atelier/referentiels/caisses/:id/administrateurs/:userId': {
    fields: [],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        `/atelier/referentiels/caisses/${await caisseId()}/administrateurs/999999`,
        {},
        client
      ),
  },
  /** S3 S9 a workflow that does not exist: refused before anything is read */
  'POST /atelier/parcours/:key/brouillon': {
    fields: [],
    prepare: async (client) =>
      as(await userWithRole('analyst'), '/atelier/parcours/inconnu/brouillon', {}, client),
  },
  'DELETE /atelier/parcours/:key/brouillon': {
    fields: [],
    prepare: async (client) =>
      as(await userWithRole('analyst'), '/atelier/parcours/inconnu/brouillon', {}, client),
  },
  /** « convention » has no draft: refused, 422 */
  'POST /atelier/parcours/:key/brouillon/publication': {
    fields: [],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/parcours/convention/brouillon/publication',
        {},
        client
      ),
  },
  /** Another workflow's key: refused, 422, whatever else the JSON says */
  'POST /atelier/parcours/:key/import': {
    fields: ['definition'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/parcours/convention/import',
        {
          definition: JSON.stringify({
            key: 'preinscription',
            title: 'Fuzz',
            machine: { states: {} },
          }),
        },
        client
      ),
  },
  /** S10 « Migrer les dossiers » of « convention », which has one version: checked, then 422 */
  'POST /atelier/parcours/:key/migration': {
    fields: ['de', 'a', 'etats', 'valeurs', 'confirmation'],
    prepare: async (client) =>
      as(
        await userWithRole('analyst'),
        '/atelier/parcours/convention/migration',
        { de: 1, a: 2, etats: { pending: 'pending' }, valeurs: {}, confirmation: 0 },
        client
      ),
  },
  /** S5 the form editor, on « convention », which has no draft: checked, then 404 */
  ...formFieldRows(),
  /** S4 the outline, on « convention », which has no draft: checked, then 404 */
  ...outlineRows(),
  /** S6 « Qui peut l’envoyer », a state's page, a mail template: the same */
  ...draftRuleRows(),
}

function draftRuleRows(): Record<string, Row> {
  const draft = '/atelier/parcours/convention/brouillon'
  const row = (url: string, names: string[], body: Record<string, unknown>): Row => ({
    fields: names,
    prepare: async (client) => as(await userWithRole('analyst'), url, body, client),
  })
  const rule = { role: 'caisse_admin', scope: 'any' }
  return {
    'POST /atelier/parcours/:key/brouillon/permissions/:event': row(
      `${draft}/permissions/INVALIDATE`,
      ['role', 'scope'],
      rule
    ),
    'DELETE /atelier/parcours/:key/brouillon/permissions/:event/:role/:scope': row(
      `${draft}/permissions/INVALIDATE/caisse_admin/instance_caisse`,
      [],
      {}
    ),
    'PUT /atelier/parcours/:key/brouillon/ecrans/:state': row(
      `${draft}/ecrans/pending`,
      ['page', 'title', 'text', 'display'],
      { page: 'workflow/decision', title: 'Fuzz', text: 'Texte', display: ['code'] }
    ),
    'PUT /atelier/parcours/:key/brouillon/mails/:template': row(
      `${draft}/mails/convention_invalidated`,
      ['subject', 'text'],
      { subject: 'Fuzz {{code}}', text: 'Bonjour {{recipientFirstName}}' }
    ),
    'POST /atelier/parcours/:key/brouillon/mails': row(
      `${draft}/mails`,
      ['name', 'subject', 'text'],
      { name: 'fuzz_mail', subject: 'Fuzz', text: 'Bonjour' }
    ),
  }
}

function formFieldRows(): Record<string, Row> {
  const fields = '/atelier/parcours/convention/brouillon/formulaires/INVALIDATE/champs'
  const field = { label: 'Fuzz', name: 'fuzz', type: 'text', required: true, help: 'Aide' }
  const row = (url: string, names: string[], body: Record<string, unknown>): Row => ({
    fields: names,
    prepare: async (client) => as(await userWithRole('analyst'), url, body, client),
  })
  const editable = [
    'label',
    'name',
    'type',
    'required',
    'help',
    'group',
    'maxLength',
    'source',
    'after',
  ]
  return {
    'POST /atelier/parcours/:key/brouillon/formulaires/:event/champs': row(fields, editable, field),
    'PUT /atelier/parcours/:key/brouillon/formulaires/:event/champs/:name': row(
      `${fields}/reason`,
      editable,
      field
    ),
    'DELETE /atelier/parcours/:key/brouillon/formulaires/:event/champs/:name': row(
      `${fields}/reason`,
      [],
      {}
    ),
    'PUT /atelier/parcours/:key/brouillon/formulaires/:event/champs/:name/position': row(
      `${fields}/reason/position`,
      ['direction', 'after'],
      { direction: 'up' }
    ),
  }
}

function outlineRows(): Record<string, Row> {
  const states = '/atelier/parcours/convention/brouillon/etats'
  const row = (url: string, names: string[], body: Record<string, unknown>): Row => ({
    fields: names,
    prepare: async (client) => as(await userWithRole('analyst'), url, body, client),
  })
  return {
    'POST /atelier/parcours/:key/brouillon/etats': row(states, ['title', 'id', 'final'], {
      title: 'Fuzz',
    }),
    'PUT /atelier/parcours/:key/brouillon/etats/:state': row(`${states}/pending`, ['id'], {
      id: 'fuzz',
    }),
    'DELETE /atelier/parcours/:key/brouillon/etats/:state': row(`${states}/pending`, [], {}),
    'POST /atelier/parcours/:key/brouillon/etats/:state/transitions': row(
      `${states}/pending/transitions`,
      ['event', 'label', 'target'],
      { event: 'FUZZ', label: 'Fuzz', target: 'validated' }
    ),
    'PUT /atelier/parcours/:key/brouillon/evenements/:event': row(
      '/atelier/parcours/convention/brouillon/evenements/VALIDATE',
      ['label', 'tone', 'where'],
      { label: 'Fuzz', where: 'graph' }
    ),
    'DELETE /atelier/parcours/:key/brouillon/etats/:state/transitions/:event': row(
      `${states}/pending/transitions/VALIDATE`,
      [],
      {}
    ),
    /** S4 a transition's guard and actions: a name of the catalogue and its params */
    ...Object.fromEntries(
      [
        ['PUT', '/condition'],
        ['DELETE', '/condition'],
        ['POST', '/actions'],
        ['PUT', '/actions/:position'],
        ['DELETE', '/actions/:position'],
      ].map(([method, rule]) => [
        `${method} /atelier/parcours/:key/brouillon/etats/:state/transitions/:event/:alternative${rule}`,
        row(
          `${states}/pending/transitions/INVALIDATE/0${rule.replace(':position', '0')}`,
          method === 'DELETE' ? [] : ['type', 'params'],
          method === 'DELETE'
            ? {}
            : {
                type: 'sendMail',
                params: { template: 'convention_invalidated', to: 'context.partnerEmail' },
              }
        ),
      ])
    ),
    /** S7 « Simuler »: who acts and the steps, replayed without a write */
    'POST /atelier/parcours/:key/brouillon/simulation': row(
      '/atelier/parcours/convention/brouillon/simulation',
      ['actor', 'steps'],
      { actor: { role: 'caisse_admin' }, steps: [{ event: 'VALIDATE', payload: {} }] }
    ),
    /** S7 « Enregistrer le scénario »: a name and the run */
    'POST /atelier/parcours/:key/brouillon/scenarios': row(
      '/atelier/parcours/convention/brouillon/scenarios',
      ['name', 'actor', 'steps'],
      {
        name: 'Fuzz',
        actor: { role: 'caisse_admin' },
        steps: [{ event: 'VALIDATE', actor: 'caisse_admin', payload: {} }],
      }
    ),
    'DELETE /atelier/parcours/:key/brouillon/scenarios/:id': row(
      '/atelier/parcours/convention/brouillon/scenarios/1',
      [],
      {}
    ),
  }
}

async function caisseId() {
  const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
  return caisse.id
}

/** A value nested `depth` times: {a:{a:…}} or [[…]] */
function nested(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'x'
  for (let index = 0; index < depth; index++) value = kind === 'object' ? { a: value } : [value]
  return value
}

/**
 * How deep the nested values go: far past any form (a form is one level).
 * Thousands of levels can overflow the stack in the framework's own copy of
 * the body (lodash.cloneDeep in Request#setInitialBody), before any code of
 * the portal: a guard for that belongs before the body parser (start/kernel.ts).
 */
const DEPTH = 100

/** What replaces one field */
const FIELD_PAYLOADS: Record<string, unknown> = {
  'a list': ['a', 'b'],
  'a list of objects': [{ a: [1] }],
  'an object': { a: 1, toString: 'x', __proto__: { polluted: true } },
  'a number for a text': 12345,
  'a boolean': true,
  'a NUL': 'a\u0000b',
  'a lone surrogate': 'x\uD800y@example.fr',
  '10 000 characters': 'a'.repeat(10_000),
  '10 000 NULs and bidi overrides': '\u0000\u202E'.repeat(5000),
  'a deep object': nested(DEPTH, 'object'),
  'a deep list': nested(DEPTH, 'array'),
}

/** Whole bodies that are no form, and every field at once */
function bodyPayloads(row: Row, valid: Record<string, unknown>): Record<string, unknown> {
  const all = (value: unknown) => Object.fromEntries(row.fields.map((field) => [field, value]))
  return {
    'a list as the body': [valid, valid],
    'a deeply nested body': { ...valid, ...(nested(DEPTH, 'object') as object) },
    'every field a list': { ...valid, ...all(['a']) },
    'every field an object': { ...valid, ...all({ a: { b: 1 } }) },
    'every field 10 000 characters': { ...valid, ...all('é'.repeat(10_000)) },
    'every field a lone surrogate': { ...valid, ...all('\uDFFF') },
  }
}

/** The routes that may write: method and pattern */
function bodyRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) =>
      route.methods
        .map((method) => method.toUpperCase())
        .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        .map((method) => `${method} ${route.pattern}`)
    )
}

/** Rows of every table a request could write (not the sessions and limiter counters) */
async function rowCounts() {
  const tables = [
    'users',
    'caisse_user',
    'partners',
    'partner_addresses',
    'conventions',
    'audit_events',
    'contact_messages',
    'outbox_messages',
    'workflow_instances',
    'workflow_transitions',
    'workflow_definitions',
    'captcha_challenges',
    'regimes',
    'caisses',
    'partner_types',
    'convention_types',
    'portal_contents',
  ]
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await db.from(table).count('* as total')
    counts[table] = Number(row.total)
  }
  return counts
}

type Case = [string, (valid: Record<string, unknown>) => unknown]

/** Each field in turn replaced by each payload, then the whole-body payloads */
function casesOf(row: Row, payloads: Record<string, unknown>, withBodies: boolean): Case[] {
  const cases: Case[] = row.fields.flatMap((field) =>
    Object.entries(payloads).map(([kind, value]): Case => [
      `${field}: ${kind}`,
      (valid) => ({ ...valid, [field]: value }),
    ])
  )
  if (!withBodies) return cases
  return [
    ...cases,
    ...Object.keys(bodyPayloads(row, {})).map((kind): Case => [
      kind,
      (valid) => bodyPayloads(row, valid)[kind],
    ]),
  ]
}

/**
 * Sends every case of every route; returns the figures and what went wrong
 * (a 5xx, or a refusal that wrote a row).
 */
async function fuzz(client: ApiClient, payloads: Record<string, unknown>, withBodies: boolean) {
  const routes = bodyRoutes()
  const statuses: Record<number, number> = {}
  const byRoute: Record<string, Record<number, number>> = {}
  const failures: string[] = []
  const accepted: string[] = []
  let sent = 0
  for (const route of routes) {
    /** A route without a row fails the first test */
    const row = ROWS[route]
    if (!row) continue
    const method = route.split(' ')[0].toLowerCase() as Method
    byRoute[route] = {}
    let target = await row.prepare(client)
    for (const [title, payload] of casesOf(row, payloads, withBodies)) {
      await resetContactRateLimits()
      await clearLimiters()
      const before = await rowCounts()
      const response = await target.send(method, target.url, payload(target.body))
      const status = response.status()
      sent++
      statuses[status] = (statuses[status] ?? 0) + 1
      byRoute[route][status] = (byRoute[route][status] ?? 0) + 1
      if (status >= 500) failures.push(`${route} ${title}: ${status}`)
      if (status >= 400) {
        const after = await rowCounts()
        const changed = Object.keys(after).filter((table) => after[table] !== before[table])
        if (changed.length) failures.push(`${route} ${title}: ${status} but ${changed} changed`)
      } else {
        accepted.push(`${route} ${title}: ${status}`)
      }
      /**
       * Accepted, the target may be used up (a record submitted, a user
       * deleted); refused before the session was read (413, 500), the
       * visitor lost it: a new one for the next case
       */
      if (status < 400 || status === 413 || status >= 500) target = await row.prepare(client)
    }
  }
  return { routes, sent, statuses, byRoute, failures, accepted }
}

function report(label: string, figures: Awaited<ReturnType<typeof fuzz>>) {
  console.info(
    [
      `${label}: ${figures.routes.length} routes, ${figures.sent} requests, statuses ${JSON.stringify(figures.statuses)}`,
      ...Object.entries(figures.byRoute).map(
        ([route, statuses]) => `  ${route}: ${JSON.stringify(statuses)}`
      ),
      `  accepted (2xx/3xx, a body the route ignores or a valid value): ${figures.accepted.length}`,
      ...figures.accepted.map((line) => `    ${line}`),
    ].join('\n')
  )
}

test.group('Hardening fuzz table over every form endpoint', (group) => {
  group.setup(() => useCaptchaTestCode())

  test('Hardening fuzz table every route that takes a body has a row', ({ assert }) => {
    const routes = bodyRoutes()
    assert.isAtLeast(routes.length, 14)
    const missing = routes.filter((route) => !(route in ROWS))
    assert.deepEqual(missing, [], 'add a row to ROWS for each new route')
  })

  test('Hardening fuzz table lists, objects, numbers, NUL, lone surrogates, 10k characters, deep nesting: 0 × 500, nothing written when refused', async ({
    client,
    assert,
  }) => {
    const figures = await fuzz(client, FIELD_PAYLOADS, true)
    report('Fuzz table', figures)
    assert.deepEqual(figures.failures, [])
    assert.notProperty(figures.statuses, '500')
    assert.isAbove(figures.sent, 900)
    /** Most answers are the forms' own refusals, next to the fields */
    assert.isAbove(figures.statuses[422] ?? 0, figures.sent / 2)
  }).timeout(900_000)
})
