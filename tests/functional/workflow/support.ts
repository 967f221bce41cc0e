import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Caisse from '#models/caisse'
import Regime from '#models/regime'
import PartnerType from '#models/partner_type'
import WorkflowTransition from '#models/workflow_transition'
import OutboxMessage, { type MailPayload } from '#models/outbox_message'
import { listDefinitionFiles, publishDefinition } from '#workflow/definition_store'
import type { WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'
import { PartnerFactory } from '#database/factories/partner_factory'
import { UserFactory } from '#database/factories/user_factory'
import { ConventionFactory } from '#database/factories/convention_factory'
import { temporaryPasswordIn } from '#tests/functional/accounts/support'

/** Shared set-up of the workflow functional tests (not a spec file) */

export async function publishShippedDefinitions() {
  for (const file of await listDefinitionFiles(app.makePath('workflows'))) {
    await publishDefinition(JSON.parse(await readFile(file, 'utf8')), { author: 'tests' })
  }
}

export async function readFixture(name: string): Promise<WorkflowDefinitionBody> {
  return JSON.parse(
    await readFile(app.makePath('tests/fixtures/workflows', `${name}.json`), 'utf8')
  )
}

export async function readShipped(key: string): Promise<WorkflowDefinitionBody> {
  return JSON.parse(await readFile(app.makePath('workflows', `${key}.json`), 'utf8'))
}

export const actors = {
  visitor: (): WorkflowActor => ({ id: null, role: 'visitor', partnerId: null, caisseIds: [] }),
  system: (): WorkflowActor => ({ id: null, role: 'system', partnerId: null, caisseIds: [] }),
  platformAdmin: (id: number | null = null): WorkflowActor => ({
    id,
    role: 'platform_admin',
    partnerId: null,
    caisseIds: [],
  }),
  caisseAdmin: (id: number, caisseIds: number[]): WorkflowActor => ({
    id,
    role: 'caisse_admin',
    partnerId: null,
    caisseIds,
  }),
  partnerAdmin: (id: number, partnerId: number): WorkflowActor => ({
    id,
    role: 'partner_admin',
    partnerId,
    caisseIds: [],
  }),
  partnerUser: (id: number, partnerId: number): WorkflowActor => ({
    id,
    role: 'partner_user',
    partnerId,
    caisseIds: [],
  }),
}

let logins = 0

/**
 * A pre-registration form as the browser posts it (strings everywhere). The
 * login is "Alex7" and the convention code 757… followed by a suffix of
 * their own: « Valider » creates the account and the validated convention
 * (R6), and a login is unique on the portal, a code at its caisse.
 */
export async function preinscriptionPayload(overrides: Record<string, unknown> = {}) {
  logins++
  const regime = await Regime.findByOrFail('code', 'CNAV')
  const caisse = await Caisse.query().where('regime_id', regime.id).orderBy('id').firstOrFail()
  const partnerType = await PartnerType.query().orderBy('id').firstOrFail()
  return {
    caisseId: caisse.id,
    payload: {
      regime: String(regime.id),
      caisse: String(caisse.id),
      conventionCode: `757${300 + logins}`,
      partnerType: String(partnerType.id),
      partnerName: 'Association Ciel Bleu',
      siret: '73282932000074',
      partnerPhone: '03 21 00 00 00',
      adminLastName: 'GRIZZI',
      adminFirstName: 'Alexandre',
      adminLogin: `Alex7${Date.now().toString(36)}${logins}`,
      adminPhone: '06 12 34 56 78',
      adminEmail: 'alex7@example.fr',
      postalCode: '62000',
      city: 'Arras',
      /** The form's captcha (never stored), passed with CAPTCHA_TEST_CODE (.env.test) */
      captcha: process.env.CAPTCHA_TEST_CODE ?? 'TEST42',
      captchaId: 'test',
      ...overrides,
    },
  }
}

export async function auditRows(instanceId: number) {
  return WorkflowTransition.query().where('instance_id', instanceId).orderBy('seq')
}

export async function outboxRows(instanceId: number) {
  const rows = await OutboxMessage.query().orderBy('id')
  return rows.filter((row) => (row.payload as MailPayload).workflowInstanceId === instanceId)
}

/** The temporary password in the last mail of a record, read as its recipient reads it */
export async function lastTemporaryPassword(instanceId: number) {
  const mails = await outboxRows(instanceId)
  const last = mails.at(-1)?.payload as MailPayload | undefined
  return temporaryPasswordIn(last?.text ?? '')
}

/**
 * A partner with its administrator: the routing of convention and
 * user-lifecycle records, and the partner administrator who acts on them.
 */
export async function partnerWithAdministrator() {
  const partner = await PartnerFactory.create()
  const administrator = await UserFactory.apply('partnerAdmin')
    .merge({ partnerId: partner.id })
    .create()
  return { partner, administrator, actor: actors.partnerAdmin(administrator.id, partner.id) }
}

/** A partner user with the factory's password: the subject of a user-lifecycle record */
export function partnerMember(partnerId: number) {
  return UserFactory.merge({ partnerId }).create()
}

/** M8's row before its record starts: a convention of the partner, pending at the caisse */
export function pendingConventionRow(partnerId: number, caisseId: number) {
  return ConventionFactory.apply('pending').merge({ partnerId, caisseId }).create()
}
