import type { ApiClient } from '@japa/api-client'
import mail from '@adonisjs/mail/services/main'
import OutboxWorker from '#outbox/outbox_worker'
import User from '#models/user'
import db from '@adonisjs/lucid/services/db'
import WorkflowInstance from '#models/workflow_instance'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'

/** Shared set-up of the onboarding tests (R6): not a spec file */

let counter = 0
/** Letters and digits only: usable as a login */
export function unique() {
  counter++
  return `${Date.now().toString(36)}${counter}`
}

/** Delivers the outbox over SMTP to the test mailbox, as the worker does */
export function deliverOutbox() {
  return new OutboxWorker(mail.use()).drain()
}

/** The temporary password an « account_created » mail gives */
export function temporaryPasswordIn(text: string): string {
  const match = /mot de passe temporaire : ([A-Za-z0-9]+)/.exec(text)
  if (!match) throw new Error(`No temporary password in:\n${text}`)
  return match[1]
}

/** The demo caisse administrator of CARSAT Hauts-de-France */
export function caisseHdf() {
  return User.findByOrFail('login_key', 'caissehdf')
}

/**
 * R1–R5 through the pages, as a visitor: the manual's example with a login
 * and an email of its own (or the overrides); the record waits for the caisse.
 */
export async function submitCielBleu(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const suffix = unique()
  const visitor = new Visitor(client)
  const path = await visitor.reachForm()
  const { payload } = await cielBleu({
    adminLogin: `Alex${suffix}`,
    adminEmail: `alex${suffix}@cielbleu.fr`,
    ...overrides,
  })
  const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
  Visitor.instancePath(response)
  const instance = await WorkflowInstance.findOrFail(Number(path.split('/').pop()))
  if (instance.state !== 'submitted') throw new Error(`Not submitted: ${instance.state}`)
  return { instance, payload }
}

/** « Valider » / « Invalider » on the back-office item page, as the page posts it */
export async function decide(
  client: ApiClient,
  admin: User,
  instance: WorkflowInstance,
  event: 'VALIDATE' | 'INVALIDATE',
  values: Record<string, unknown> = {}
) {
  return client
    .post(`/caisse/dossiers/${instance.id}/decision`)
    .json({ event, lockVersion: instance.lockVersion, ...values })
    .loginAs(admin)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
}

/** Counts of what a decision or a refused form could create */
export async function counts() {
  const total = async (table: string) => {
    const [row] = await db.from(table).count('* as total')
    return Number(row.total)
  }
  return {
    instances: await total('workflow_instances'),
    partners: await total('partners'),
    addresses: await total('partner_addresses'),
    conventions: await total('conventions'),
    users: await total('users'),
  }
}
