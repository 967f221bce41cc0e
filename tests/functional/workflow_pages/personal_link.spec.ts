import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import type { MailPayload } from '#models/outbox_message'
import { sqlDateTime } from '#models/columns'
import type { QueuePageProps } from '#transformers/back_office/queue'
import { PERSONAL_LINK_INVALID } from '#controllers/workflow/personal_links_controller'
import { outboxRows } from '#tests/functional/workflow/support'
import { Visitor } from '#tests/functional/workflow_pages/support'
import {
  PIECES_MAIL_TEMPLATE,
  PIECES_TITLE,
  publishPreinscriptionWithPieces,
  submittedPreinscription,
} from '#tests/functional/back_office/support'

/**
 * S4 the applicant's personal link (docs/decisions/0025-personal-links.md),
 * over HTTP on scenario 4's version of « preinscription »: the caisse asks
 * for pieces, the applicant (a visitor, no account) gets the link by mail,
 * opens it in a new browser session, answers, and the record waits for
 * the caisse again; the link opens that record only, and no other session
 * reaches it without the link.
 */

function hdfAdmin() {
  return User.findByOrFail('login_key', 'caissehdf')
}

async function askForPieces(client: ApiClient, instance: WorkflowInstance) {
  const response = await client
    .post(`/caisse/dossiers/${instance.id}/decision`)
    .json({
      event: 'DEMANDER_PIECES',
      lockVersion: instance.lockVersion,
      message: 'Merci de joindre le RIB de la structure.',
    })
    .loginAs(await hdfAdmin())
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  response.assertStatus(302)
  await instance.refresh()
}

/** The mail the applicant received, and the path of the link it carries */
async function piecesMail(instance: WorkflowInstance) {
  const rows = await outboxRows(instance.id)
  const mails = rows.map((row) => row.payload as MailPayload)
  const mail = mails.find((candidate) => candidate.template === PIECES_MAIL_TEMPLATE)
  if (!mail) throw new Error(`No « ${PIECES_MAIL_TEMPLATE} » mail in ${JSON.stringify(mails)}`)
  const link = /(https?:\/\/\S+\/suivi\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1]
  if (!link) throw new Error(`No personal link in: ${mail.text}`)
  return { mail, path: new URL(link).pathname }
}

test.group('S4 the applicant’s personal link', (group) => {
  group.setup(async () => {
    await publishPreinscriptionWithPieces()
  })

  test('S4 « Demander des pièces » mails the applicant a link that brings them back to answer; the record is back in « Dossiers à traiter »', async ({
    client,
    assert,
  }) => {
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    await askForPieces(client, instance)
    assert.equal(instance.state, 'pieces_demandees')

    const { mail, path } = await piecesMail(instance)
    assert.equal(mail.to, instance.snapshot.context.adminEmail)
    assert.include(mail.text, 'Merci de joindre le RIB de la structure.')
    assert.match(
      mail.text,
      /valable jusqu’au \d{1,2} \S+ \d{4} à \d{1,2} h \d{2} \(heure de Paris\)/
    )

    /** Only the hash is stored: the token of the mail is in no column */
    const token = path.split('/').pop()!
    const rows = await db.from('personal_links').where('instance_id', instance.id)
    assert.lengthOf(rows, 1)
    assert.notInclude(JSON.stringify(rows), token)

    /** A new browser, without the link: the record is out of reach */
    const stranger = new Visitor(client)
    const outOfReach = await stranger.visit(`/dossiers/${instance.id}`)
    outOfReach.assertStatus(403)

    /** With the link: a 303 to the record, the token out of the address */
    const applicant = new Visitor(client)
    const opened = await applicant.visit(path)
    opened.assertStatus(303)
    opened.assertHeader('location', `/dossiers/${instance.id}`)
    opened.assertHeader('referrer-policy', 'no-referrer')

    const screen = await applicant.visit(`/dossiers/${instance.id}`)
    screen.assertStatus(200)
    screen.assertInertiaComponent('workflow/step')
    const props = screen.inertiaProps
    assert.equal(props.screen.title, PIECES_TITLE)
    assert.deepInclude(props.screen.display, {
      label: 'Pièces demandées',
      value: 'Merci de joindre le RIB de la structure.',
    })
    assert.deepEqual(
      props.forms.map((form: { event: string; submitLabel: string }) => [
        form.event,
        form.submitLabel,
      ]),
      [['TRANSMETTRE_PIECES', 'Transmettre les pièces']]
    )

    /** The answer is checked with the form's rules, then taken */
    const empty = await applicant.post(`/dossiers/${instance.id}/evenements/TRANSMETTRE_PIECES`, {
      pieces: ' ',
    })
    empty.assertStatus(422)
    assert.equal(empty.body().errors[0].field, 'pieces')
    const answered = await applicant.post(
      `/dossiers/${instance.id}/evenements/TRANSMETTRE_PIECES`,
      {
        pieces: 'RIB envoyé par courrier le 2 décembre.',
        expectedLockVersion: instance.lockVersion,
      }
    )
    assert.equal(Visitor.instancePath(answered), `/dossiers/${instance.id}`)
    await instance.refresh()
    assert.equal(instance.state, 'submitted')
    assert.equal(instance.snapshot.context.pieces, 'RIB envoyé par courrier le 2 décembre.')

    /** Another visitor still cannot send it, link or not */
    const refused = await stranger.post(`/dossiers/${instance.id}/evenements/VALIDATE`)
    refused.assertStatus(403)

    /** The caisse sees it again in « Dossiers à traiter » */
    const queue = await client
      .get('/caisse/dossiers')
      .qs({ type: 'preinscription', recherche: String(instance.snapshot.context.partnerName) })
      .loginAs(await hdfAdmin())
      .withInertia()
    queue.assertStatus(200)
    const listed = (queue.inertiaProps as QueuePageProps).rows.map((row) => row.id)
    assert.include(listed, instance.id)
  })

  test('S4 a personal link opens its record only; an unknown, malformed or expired link is the same French 404', async ({
    client,
    assert,
  }) => {
    const first = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    const second = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    await askForPieces(client, first)
    await askForPieces(client, second)
    const { path } = await piecesMail(first)

    const holder = new Visitor(client)
    const followed = await holder.visit(path)
    followed.assertStatus(303)
    const linked = await holder.visit(`/dossiers/${first.id}`)
    linked.assertStatus(200)
    const other = await holder.visit(`/dossiers/${second.id}`)
    other.assertStatus(403)
    const foreign = await holder.post(`/dossiers/${second.id}/evenements/TRANSMETTRE_PIECES`, {
      pieces: 'Pas mon dossier',
    })
    foreign.assertStatus(403)
    await second.refresh()
    assert.equal(second.state, 'pieces_demandees')

    const token = path.split('/').pop()!
    const unknown = `/suivi/${token.slice(0, -4)}AAAA`
    for (const candidate of [unknown, '/suivi/court', `/suivi/${'%27'.repeat(20)}`]) {
      const response = await new Visitor(client).visit(candidate)
      response.assertStatus(404)
      response.assertInertiaComponent('workflow/refused')
      assert.equal(response.inertiaProps.message, PERSONAL_LINK_INVALID)
    }

    /** Expired: the row is kept but no longer opens anything */
    await db
      .from('personal_links')
      .where('instance_id', first.id)
      .update({ expires_at: sqlDateTime(DateTime.utc().minus({ minutes: 1 })) })
    const expired = await new Visitor(client).visit(path)
    expired.assertStatus(404)
    assert.equal(expired.inertiaProps.message, PERSONAL_LINK_INVALID)
  })

  test('S4 a record waiting for its applicant is not purged as abandoned while its personal link is valid', async ({
    client,
    assert,
  }) => {
    const { default: ace } = await import('@adonisjs/core/services/ace')
    const instance = await submittedPreinscription({ caisseCode: 'CARSAT-HDF' })
    await askForPieces(client, instance)
    /** Untouched for a month: only a visitor may act in « Pièces complémentaires demandées » */
    const old = DateTime.utc().minus({ days: 30 })
    await db
      .from('workflow_instances')
      .where('id', instance.id)
      .update({ updated_at: sqlDateTime(old) })

    await ace.exec('workflow:purge-abandoned', [])
    assert.isNotNull(await WorkflowInstance.find(instance.id), 'kept: its link is valid')

    await db
      .from('personal_links')
      .where('instance_id', instance.id)
      .update({ expires_at: sqlDateTime(old.plus({ days: 5 })) })
    await ace.exec('workflow:purge-abandoned', [])
    assert.isNull(await WorkflowInstance.find(instance.id), 'purged once nobody can reach it')
    assert.lengthOf(await db.from('personal_links').where('instance_id', instance.id), 0)
  })

  test('S4 S6 the template may use {{lienPersonnel}} only where sendPersonalLink sends it', async ({
    assert,
  }) => {
    const { preinscriptionWithPieces } = await import('#tests/functional/back_office/support')
    const { validateDefinition } = await import('#workflow/static_validator')
    const body = await preinscriptionWithPieces()
    assert.deepEqual(await validateDefinition(body), [])
    body.notifications.preinscription_received.text += '\n{{lienPersonnel}}'
    const problems = await validateDefinition(body)
    assert.deepEqual(
      problems.map((problem) => problem.path),
      ['notifications.preinscription_received.text']
    )
    assert.include(problems[0].message, 'lienPersonnel')
  })
})
