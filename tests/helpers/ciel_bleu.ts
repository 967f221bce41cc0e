import db from '@adonisjs/lucid/services/db'
import Caisse from '#models/caisse'
import ConventionType from '#models/convention_type'
import Partner from '#models/partner'
import PartnerType from '#models/partner_type'
import User from '#models/user'
import AccountLifecycleService from '#services/accounts/lifecycle'

export const CIEL_BLEU_PASSWORD = 'CielBleu62'

/**
 * The manual's example partner as it stands after its registration
 * (chapter 1): « Association Ciel Bleu », structure d’évaluation of the
 * département 62, conventioned with the CARSAT Hauts-de-France (757300),
 * administered by GRIZZI Alexandre (Alex7, who already chose a password).
 * Chapter 2 starts from here. Created once per test run.
 */
export async function cielBleu() {
  const existing = await User.findBy('login_key', 'alex7')
  if (existing) {
    return { partner: await Partner.findOrFail(existing.partnerId), admin: existing }
  }

  const carsat = await Caisse.findByOrFail('code', 'CARSAT-HDF')
  const evaluation = await PartnerType.findByOrFail('code', 'EVALUATION')
  const conventionType = await ConventionType.findByOrFail('code', 'EVALUATION')

  const partner = await Partner.create({
    name: 'Association Ciel Bleu',
    siret: '44306184100047',
    email: 'contact@cielbleu.fr',
    phone: '03 21 00 00 00',
    partnerTypeId: evaluation.id,
  })
  await partner.related('address').create({
    companyName: 'Association Ciel Bleu',
    recipient: 'Association Ciel Bleu',
    street: '12 rue des Capucins',
    postalCode: '62000',
    city: 'Arras',
  })
  await partner.related('conventions').create({
    caisseId: carsat.id,
    conventionTypeId: conventionType.id,
    code: '757300',
    state: 'validated',
  })
  const admin = await partner.related('users').create({
    login: 'Alex7',
    lastName: 'GRIZZI',
    firstName: 'Alexandre',
    email: 'alex7@cielbleu.fr',
    phone: '03 21 00 00 00',
    password: CIEL_BLEU_PASSWORD,
    role: 'partner_admin',
  })
  await new AccountLifecycleService().startActive(admin)
  return { partner, admin }
}

/**
 * Removes the example partner, its users and their records, so that the
 * chapter-1 journey (which registers Alex7 again) finds the login free.
 */
export async function removeCielBleu() {
  const admin = await User.findBy('login_key', 'alex7')
  if (!admin?.partnerId) return
  const partnerId = admin.partnerId
  await db.transaction(async (trx) => {
    const users = await trx.from('users').where('partner_id', partnerId).select('id')
    const userIds = users.map((row) => Number(row.id))
    const instances = await trx
      .from('workflow_instances')
      .where('partner_id', partnerId)
      .orWhere((query) => query.where('subject_type', 'user').whereIn('subject_id', userIds))
      .select('id')
    const instanceIds = instances.map((row) => Number(row.id))
    if (instanceIds.length) {
      await trx.from('workflow_transitions').whereIn('instance_id', instanceIds).delete()
      await trx.from('workflow_instances').whereIn('id', instanceIds).delete()
    }
    await trx.from('audit_events').where('partner_id', partnerId).delete()
    /** Users, address and conventions go with the partner (ON DELETE CASCADE) */
    await trx.from('partners').where('id', partnerId).delete()
  })
}

/**
 * Frees logins the manual's journeys type (Martin37, Solange778…): logins
 * are unique on the whole portal, and earlier tests of the same run may
 * have created accounts with them.
 */
export async function releaseLogins(logins: string[]) {
  const keys = logins.map((login) => User.loginKeyOf(login))
  await db.transaction(async (trx) => {
    const users = await trx.from('users').whereIn('login_key', keys).select('id')
    const ids = users.map((row) => Number(row.id))
    if (!ids.length) return
    const instances = await trx
      .from('workflow_instances')
      .where('subject_type', 'user')
      .whereIn('subject_id', ids)
      .select('id')
    const instanceIds = instances.map((row) => Number(row.id))
    if (instanceIds.length) {
      await trx.from('workflow_transitions').whereIn('instance_id', instanceIds).delete()
      await trx.from('workflow_instances').whereIn('id', instanceIds).delete()
    }
    await trx.from('users').whereIn('id', ids).delete()
  })
}
