import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import engine from '#workflow/engine'
import { GENERIC_PAGES } from '#workflow/registry'
import { serializeStateValue } from '#workflow/machine_builder'
import type { PermissionJson, WorkflowDefinitionBody } from '#workflow/types'
import { UserFactory } from '#database/factories/user_factory'
import { accounts } from '#tests/functional/accounts/support'
import { partnerWithAccounts } from '#tests/functional/administration/support'
import { publishShippedDefinitions, readShipped } from '#tests/functional/workflow/support'
import { Visitor } from '#tests/functional/workflow_pages/support'

/**
 * Issue 9, finding 14: who opens a record on the generic pages comes from
 * the definition (viewers), and those pages show French labels only,
 * never an event's or a context key's name.
 */

const SHIPPED = ['preinscription', 'convention', 'user-lifecycle']

test.group('Hardening #14 a colleague’s account record is not for partner users', (group) => {
  group.setup(() => publishShippedDefinitions())

  test('A1 a partner user gets 403 on a colleague’s record; its owner and the partner’s administrator open it', async ({
    client,
    assert,
  }) => {
    const { admin, member } = await partnerWithAccounts()
    const colleague = await UserFactory.merge({ partnerId: member.partnerId }).create()
    const record = await accounts.startActive(colleague)
    const path = `/dossiers/${record.id}`

    const refused = await client.get(path).loginAs(member).withInertia()
    refused.assertStatus(403)
    refused.assertInertiaComponent('workflow/refused')
    assert.equal(refused.inertiaProps.message, "Vous n'êtes pas autorisé à consulter ce dossier.")

    const stranger = await partnerWithAccounts()
    const elsewhere = await client.get(path).loginAs(stranger.admin).withInertia()
    elsewhere.assertStatus(403)

    for (const viewer of [colleague, admin]) {
      const page = await client.get(path).loginAs(viewer).withInertia()
      page.assertStatus(200)
      assert.equal(page.inertiaProps.instance.id, record.id)
    }
  })
})

/** The names a page must never show: events and context keys */
function rawNamesOf(body: WorkflowDefinitionBody) {
  const names = new Set<string>(Object.keys(body.permissions))
  for (const key of Object.keys(body.machine.context ?? {})) names.add(key)
  for (const screen of Object.values(body.screens)) {
    for (const key of screen.display ?? []) names.add(key)
  }
  for (const form of Object.values(body.forms)) {
    for (const field of form.fields) names.add(field.name)
  }
  return names
}

type Shown = { forms: Array<{ event: string; submitLabel: string }>; display: string[] }

function shownOn(props: any): Shown {
  return {
    forms: props.forms.map((form: Shown['forms'][number]) => ({
      event: form.event,
      submitLabel: form.submitLabel,
    })),
    display: props.screen.display.map((row: { label: string }) => row.label),
  }
}

/** A user the rule admits for a record routed to `routing` */
async function actorFor(rule: PermissionJson, caisseAdmin: User) {
  if (rule.role === 'caisse_admin') return caisseAdmin
  const { partner } = await partnerWithAccounts()
  return UserFactory.merge({ partnerId: partner.id, role: rule.role as User['role'] }).create()
}

test.group('Hardening #14 the generic pages show French labels only', (group) => {
  group.setup(() => publishShippedDefinitions())

  test('W2 every button and every displayed data label of the shipped definitions, for whoever may use it', async ({
    client,
    assert,
  }) => {
    const caisseAdmin = await User.findByOrFail('login_key', 'caissehdf')
    const [link] = await db.from('caisse_user').where('user_id', caisseAdmin.id).select('caisse_id')
    const caisseId = Number(link.caisse_id)
    /** "definition state event" of every button the pages showed */
    const covered = new Set<string>()
    const expected = new Set<string>()

    const check = async (key: string, body: WorkflowDefinitionBody, state: string, props: any) => {
      const raw = rawNamesOf(body)
      const shown = shownOn(props)
      for (const form of shown.forms) {
        covered.add(`${key} ${state} ${form.event}`)
        assert.notInclude([...raw], form.submitLabel, `${key} ${state} ${form.event}`)
      }
      for (const label of shown.display) {
        assert.notInclude([...raw], label, `${key} ${state} display`)
      }
    }

    for (const key of SHIPPED) {
      const body = await readShipped(key)
      const definition = await engine.publishedDefinition(key)
      const { queries } = definition
      for (const state of Object.keys(body.screens)) {
        const value = queries.valueOf(state)
        for (const event of queries.acceptedEvents(value)) {
          if (!queries.sendableThrough(event, GENERIC_PAGES)) continue
          for (const rule of body.permissions[event] ?? []) {
            /** The visitor's journey is walked below; nobody signs in as the system */
            if (rule.role === 'visitor' || rule.role === 'system') continue
            expected.add(`${key} ${state} ${event}`)
            const user = await actorFor(rule, caisseAdmin)
            const record = await WorkflowInstance.create({
              definitionId: definition.id,
              subjectType: body.subjectType ?? null,
              subjectId: rule.scope === 'self' ? user.id : null,
              caisseId,
              partnerId: user.partnerId ?? null,
              state: serializeStateValue(value),
              snapshot: { value, context: body.machine.context ?? {}, status: 'active' } as any,
              status: 'active',
              lockVersion: 0,
            })
            const page = await client.get(`/dossiers/${record.id}`).loginAs(user).withInertia()
            page.assertStatus(200)
            await check(key, body, state, page.inertiaProps)
          }
        }
      }
    }

    /** The visitor's journey: its first screen, then each record page on the way */
    const preinscription = await readShipped('preinscription')
    const visitor = new Visitor(client)
    const first = await visitor.visit('/parcours/preinscription')
    first.assertStatus(200)
    await check('preinscription', preinscription, 'conditions', first.inertiaProps)
    const path = Visitor.instancePath(
      await visitor.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', {
        accepted: true,
      })
    )
    const code = await visitor.visit(path)
    await check('preinscription', preinscription, 'convention_code', code.inertiaProps)
    Visitor.instancePath(await visitor.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`))
    const form = await visitor.visit(path)
    await check('preinscription', preinscription, 'form', form.inertiaProps)
    for (const event of ['ACCEPT_CONDITIONS', 'CONFIRM_CONVENTION_CODE', 'SUBMIT']) {
      assert.isTrue(
        [...covered].some((entry) => entry.endsWith(event)),
        `${event} shown to the visitor`
      )
    }

    assert.includeMembers([...covered], [...expected])
    assert.isAbove(expected.size, 3)
  })
})
