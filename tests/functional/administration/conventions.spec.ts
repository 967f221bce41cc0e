import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import router from '@adonisjs/core/services/router'
import type { ApiClient } from '@japa/api-client'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import OutboxWorker from '#outbox/outbox_worker'
import { mailbox } from '#tests/helpers/mailbox'
import { UserFactory } from '#database/factories/user_factory'
import { CONVENTION_ADDED } from '#controllers/administration/conventions_controller'
import { CONVENTION_MESSAGES } from '#services/administration/conventions'
import type { RegistrationPageProps } from '#transformers/administration/registration'
import { auditRowsOf, partnerWithAccounts } from './support.js'
import { caisseAdmin, unique } from '../back_office/support.js'

/**
 * M6 M8 « Conventions » and the caisse's side (C1 C2): a partner
 * administrator adds a convention (« en attente de validation »), the
 * caisse it names finds it in « Dossiers à traiter » and validates or
 * invalidates it; the state follows on the tab, and an invalidation is
 * mailed (over SMTP) to every administrator of the partner.
 */

type PageProps = Pick<
  RegistrationPageProps,
  'tab' | 'conventions' | 'forms' | 'conventionChoices' | 'conventionEvents' | 'history'
> & { errors: Record<string, string> }
type QueueProps = { rows: Array<{ id: number; conventionCode: string | null }> }

/**
 * The demo administrator of the CARSAT Hauts-de-France: other tests of the
 * run count the administrators of that caisse a pre-registration mails.
 */
function hdfAdmin() {
  return User.findByOrFail('login_key', 'caissehdf')
}

async function choices(caisseCode = 'CARSAT-HDF') {
  const caisse = await Caisse.findByOrFail('code', caisseCode)
  const type = await ConventionType.findByOrFail('code', 'EVALUATION')
  return { caisse, type }
}

async function conventionForm(overrides: Record<string, string> = {}, caisseCode?: string) {
  const { caisse, type } = await choices(caisseCode)
  return {
    regimeId: String(caisse.regimeId),
    caisseId: String(caisse.id),
    conventionTypeId: String(type.id),
    code: `CL${unique()}`.slice(0, 30),
    ...overrides,
  }
}

function add(client: ApiClient, admin: User, form: Record<string, string>) {
  return client
    .post('/administration/conventions')
    .json(form)
    .loginAs(admin)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

/** An accepted « Valider »: back to the tab */
async function added(request: ReturnType<typeof add>) {
  const response = await request
  response.assertStatus(302)
}

async function tab(client: ApiClient, admin: User) {
  const response = await client
    .get('/administration')
    .qs({ onglet: 'conventions' })
    .loginAs(admin)
    .withInertia()
  response.assertStatus(200)
  return response.inertiaProps as PageProps
}

async function instanceOf(convention: Convention) {
  return WorkflowInstance.query()
    .where('subject_type', 'convention')
    .where('subject_id', convention.id)
    .firstOrFail()
}

async function queueCodes(client: ApiClient, admin: User, code: string) {
  const response = await client
    .get('/caisse/dossiers')
    .qs({ recherche: code, type: 'convention' })
    .loginAs(admin)
    .withInertia()
  response.assertStatus(200)
  return (response.inertiaProps as QueueProps).rows.map((row) => row.conventionCode)
}

async function decide(
  client: ApiClient,
  admin: User,
  instance: WorkflowInstance,
  event: 'VALIDATE' | 'INVALIDATE',
  reason?: string
) {
  const response = await client
    .post(`/caisse/dossiers/${instance.id}/decision`)
    .form({ event, lockVersion: instance.lockVersion, ...(reason ? { reason } : {}) })
    .loginAs(admin)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  response.assertStatus(302)
}

test.group('M8 C1 C2 conventions of the partner administration', () => {
  test('M8 C1 an added convention is pending, listed for its caisse and not for another caisse', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const form = await conventionForm()
    const { caisse, type } = await choices()

    const response = await add(client, admin, form)
    response.assertStatus(302)
    response.assertHeader('location', '/administration?onglet=conventions')
    response.assertFlashMessage('success', CONVENTION_ADDED)

    const convention = await Convention.query().where('partner_id', partner.id).firstOrFail()
    assert.equal(convention.code, form.code)
    assert.equal(convention.state, 'pending')
    assert.equal(convention.caisseId, caisse.id)
    assert.equal(convention.conventionTypeId, type.id)

    /** Its record: routed to the caisse and this partner, about this convention */
    const instance = await instanceOf(convention)
    assert.equal(instance.state, 'pending')
    assert.equal(instance.caisseId, caisse.id)
    assert.equal(instance.partnerId, partner.id)
    assert.equal(instance.snapshot.context.conventionCode, form.code)
    assert.equal(instance.snapshot.context.caisseName, caisse.name)
    const [start] = await WorkflowTransition.query().where('instance_id', instance.id)
    assert.equal(start.actorId, admin.id)
    assert.equal(start.actorRole, 'partner_admin')

    /** The audit of the creation */
    const audit = await auditRowsOf(partner.id)
    assert.lengthOf(audit, 1)
    assert.include(audit[0], {
      actorId: admin.id,
      subjectType: 'convention',
      subjectId: convention.id,
      action: 'create',
    })
    assert.deepEqual(audit[0].changes.code, { before: null, after: form.code })
    assert.deepEqual(audit[0].changes.caisse, { before: null, after: caisse.name })

    /** The tab: « en attente de validation », its history */
    const props = await tab(client, admin)
    const row = props.conventions.find((candidate) => candidate.code === form.code)!
    assert.equal(row.state, 'en attente de validation')
    assert.equal(row.caisse, caisse.name)
    assert.equal(row.regime, 'CNAV – régime général')
    assert.equal(row.type, type.label)
    const events = props.conventionEvents[String(row.id)]
    assert.lengthOf(events, 1)
    assert.include(events[0].actor, admin.lastName)
    assert.match(events[0].action, /^Ajout de la convention/)
    assert.match(props.history.conventions[0].action, /^Ajout d’une convention/)

    /** C1: in « Dossiers à traiter » of that caisse only */
    const own = await hdfAdmin()
    const other = await caisseAdmin(['CARSAT-LR'])
    assert.deepEqual(await queueCodes(client, own, form.code), [form.code])
    assert.deepEqual(await queueCodes(client, other, form.code), [])
    const refused = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(other).withInertia()
    assert.oneOf(refused.status(), [403, 404])
  })

  test('M8 C2 « Valider » in the back-office: the convention shows « validé » on the tab', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const form = await conventionForm()
    await added(add(client, admin, form))
    const convention = await Convention.query().where('partner_id', partner.id).firstOrFail()
    const instance = await instanceOf(convention)

    const caisse = await hdfAdmin()
    await decide(client, caisse, instance, 'VALIDATE')

    await convention.refresh()
    assert.equal(convention.state, 'validated')
    await instance.refresh()
    assert.equal(instance.state, 'validated')
    assert.deepEqual(await queueCodes(client, caisse, form.code), [])

    const { conventions, conventionEvents } = await tab(client, admin)
    const row = conventions.find((c) => c.code === form.code)!
    assert.equal(row.state, 'validé')
    assert.match(conventionEvents[String(row.id)][0].action, /^Convention validée par la caisse/)
    assert.include(conventionEvents[String(row.id)][0].actor, caisse.lastName)
    assert.include(conventionEvents[String(row.id)][0].actor, 'administrateur caisse')
  })

  test('M8 C2 « Invalider » with a reason: « invalidé », and every partner administrator is mailed the number and the caisse', async ({
    client,
    assert,
  }) => {
    const { partner, admin, member } = await partnerWithAccounts()
    const second = await UserFactory.merge({ partnerId: partner.id }).apply('partnerAdmin').create()
    const { admin: outsider } = await partnerWithAccounts()
    const form = await conventionForm()
    const { caisse } = await choices()
    await added(add(client, admin, form))
    const convention = await Convention.query().where('partner_id', partner.id).firstOrFail()
    const instance = await instanceOf(convention)

    const reason = `Code inconnu de la caisse ${unique()}`
    await decide(client, await hdfAdmin(), instance, 'INVALIDATE', reason)

    await convention.refresh()
    assert.equal(convention.state, 'invalidated')
    const { conventions, conventionEvents } = await tab(client, admin)
    const row = conventions.find((c) => c.code === form.code)!
    assert.equal(row.state, 'invalidé')
    assert.equal(
      conventionEvents[String(row.id)][0].action,
      `Convention invalidée par la caisse : ${reason}`
    )

    await new OutboxWorker(mail.use()).drain()
    for (const recipient of [admin, second]) {
      const received = await mailbox.waitFor(
        (caught) => caught.to.includes(recipient.email) && caught.text.includes(form.code)
      )
      assert.include(received.subject, form.code)
      assert.include(received.subject, caisse.name)
      assert.include(received.text, `La convention n° ${form.code}`)
      assert.include(received.text, `auprès de la caisse ${caisse.name}`)
      assert.include(received.text, reason)
      assert.include(received.text, recipient.firstName)
    }
    /** Not the member who is not administrator, not another partner */
    for (const other of [member, outsider]) {
      assert.isFalse(
        mailbox.messages.some(
          (caught) => caught.to.includes(other.email) && caught.text.includes(form.code)
        ),
        `no mail to ${other.login}`
      )
    }
  })

  test('M6 no route changes an existing convention: only the addition exists', async ({
    client,
    assert,
  }) => {
    const conventionRoutes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/administration/conventions'))
      .flatMap((route) =>
        route.methods.filter((method) => method !== 'HEAD').map((m) => `${m} ${route.pattern}`)
      )
    assert.deepEqual(conventionRoutes, ['POST /administration/conventions'])

    const { partner, admin } = await partnerWithAccounts()
    await added(add(client, admin, await conventionForm()))
    const convention = await Convention.query().where('partner_id', partner.id).firstOrFail()
    for (const method of ['put', 'patch', 'delete'] as const) {
      const response = await client[method](`/administration/conventions/${convention.id}`)
        .json({ code: 'CHANGE' })
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(404)
    }
    await convention.refresh()
    assert.notEqual(convention.code, 'CHANGE')
  })
})

test.group('M8 bad inputs of « Ajouter une convention »: 422, nothing created', () => {
  const cases: Array<{
    title: string
    field: string
    message: string | RegExp
    form: () => Promise<Record<string, string>>
  }> = [
    {
      title: 'a caisse not in the chosen régime',
      field: 'caisseId',
      message: CONVENTION_MESSAGES.caisseNotInRegime,
      form: async () => {
        const hdf = await Caisse.findByOrFail('code', 'CARSAT-HDF')
        const elsewhere = await Caisse.query().whereNot('regime_id', hdf.regimeId).firstOrFail()
        return conventionForm({ caisseId: String(elsewhere.id) })
      },
    },
    {
      title: 'an empty code',
      field: 'code',
      message: 'Le champ « Code convention » est obligatoire.',
      form: () => conventionForm({ code: '   ' }),
    },
    {
      title: 'a code of 31 characters',
      field: 'code',
      message: 'Le champ « Code convention » doit compter au plus 30 caractères.',
      form: () => conventionForm({ code: 'C'.repeat(31) }),
    },
    {
      title: 'no régime',
      field: 'regimeId',
      message: 'Le champ « Régime » est obligatoire.',
      form: () => conventionForm({ regimeId: '' }),
    },
    {
      title: 'no type de convention',
      field: 'conventionTypeId',
      message: 'Le champ « Type de convention » est obligatoire.',
      form: () => conventionForm({ conventionTypeId: '' }),
    },
    {
      title: 'an unknown type de convention',
      field: 'conventionTypeId',
      message: CONVENTION_MESSAGES.typeUnknown,
      form: () => conventionForm({ conventionTypeId: '999999' }),
    },
  ]

  for (const { title, field, message, form } of cases) {
    test(`M8 ${title} → 422 with the French message, nothing created`, async ({
      client,
      assert,
    }) => {
      const { partner, admin } = await partnerWithAccounts()
      const typed = await form()
      const instancesBefore = await WorkflowInstance.query().where('partner_id', partner.id)

      const response = await add(client, admin, typed)
      response.assertStatus(422)
      const props = response.inertiaProps as PageProps
      assert.equal(props.tab, 'conventions')
      if (typeof message === 'string') assert.equal(props.errors[field], message)
      else assert.match(props.errors[field], message)
      /** What was typed is kept */
      assert.equal(props.forms.convention.code, typed.code.trim())

      assert.lengthOf(await Convention.query().where('partner_id', partner.id), 0)
      assert.lengthOf(
        await WorkflowInstance.query().where('partner_id', partner.id),
        instancesBefore.length
      )
      assert.lengthOf(await auditRowsOf(partner.id), 0)
    })
  }

  test('M8 a code that already exists at that caisse (any partner, any case) → 422, nothing created', async ({
    client,
    assert,
  }) => {
    const first = await partnerWithAccounts()
    const form = await conventionForm()
    await added(add(client, first.admin, form))

    const { partner, admin } = await partnerWithAccounts()
    for (const code of [form.code, form.code.toLowerCase(), ` ${form.code} `]) {
      const response = await add(client, admin, { ...form, code })
      response.assertStatus(422)
      assert.equal((response.inertiaProps as PageProps).errors.code, CONVENTION_MESSAGES.codeTaken)
    }
    /** The demo convention DEMO0001 of CARSAT-HDF too */
    const demo = await add(client, admin, { ...form, code: 'DEMO0001' })
    demo.assertStatus(422)
    assert.lengthOf(await Convention.query().where('partner_id', partner.id), 0)
    assert.lengthOf(await WorkflowInstance.query().where('partner_id', partner.id), 0)
    assert.lengthOf(await auditRowsOf(partner.id), 0)

    /** The same code at another caisse is another convention */
    const elsewhere = await conventionForm({ code: form.code }, 'CARSAT-AU')
    await added(add(client, admin, elsewhere))
  })
})
