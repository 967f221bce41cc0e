import Caisse from '#models/caisse'
import ConventionType from '#models/convention_type'
import Partner from '#models/partner'
import PartnerType from '#models/partner_type'
import AccountLifecycleService from '#services/accounts/lifecycle'

export const CIEL_BLEU_PASSWORD = 'CielBleu62'

/**
 * The manual's example partner as it stands after its registration
 * (chapter 1): « Association Ciel Bleu », structure d’évaluation of the
 * département 62, conventioned with the CARSAT Hauts-de-France (757300),
 * administered by GRIZZI Alexandre (Alex7, who already chose a password).
 * Chapter 2 starts from here, in the database of the spec file that calls
 * it (once).
 */
export async function cielBleu() {
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
