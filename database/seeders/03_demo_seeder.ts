import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Caisse from '#models/caisse'
import Partner from '#models/partner'
import PartnerType from '#models/partner_type'
import ConventionType from '#models/convention_type'
import User from '#models/user'
import AccountLifecycleService from '#services/accounts/lifecycle'

export const DEMO_PASSWORD = 'Demo2026'

/**
 * Demo accounts, never in production: a caisse administrator of the CARSAT
 * Hauts-de-France, an analyst and a validated partner with its administrator.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    if (!(await User.findBy('login_key', 'caissehdf'))) await this.createUsers()

    /** Each account has its user-lifecycle record: these have their password, so "active" */
    const accounts = new AccountLifecycleService()
    for (const login of ['caissehdf', 'analyste', 'partenaire1']) {
      await accounts.startActive(await User.findByOrFail('login_key', login))
    }
  }

  private async createUsers() {
    const carsat = await Caisse.findByOrFail('code', 'CARSAT-HDF')
    const evaluation = await PartnerType.findByOrFail('code', 'EVALUATION')
    const conventionType = await ConventionType.findByOrFail('code', 'EVALUATION')

    const caisseAdmin = await User.create({
      login: 'caissehdf',
      lastName: 'DUPONT',
      firstName: 'Claire',
      email: 'caissehdf@carsat-hdf.demo',
      phone: '03 20 00 00 00',
      password: DEMO_PASSWORD,
      role: 'caisse_admin',
    })
    await caisseAdmin.related('caisses').attach([carsat.id])

    await User.create({
      login: 'analyste',
      lastName: 'MOREAU',
      firstName: 'Lucie',
      email: 'analyste@ppas.demo',
      password: DEMO_PASSWORD,
      role: 'analyst',
    })

    const partner = await Partner.create({
      name: 'Association Démo',
      siret: '73282932000074',
      email: 'contact@association-demo.fr',
      phone: '03 21 00 00 00',
      partnerTypeId: evaluation.id,
    })
    await partner.related('address').create({
      companyName: 'Association Démo',
      recipient: 'Association Démo',
      street: '1 rue de la République',
      postalCode: '62000',
      city: 'Arras',
    })
    await partner.related('conventions').create({
      caisseId: carsat.id,
      conventionTypeId: conventionType.id,
      code: 'DEMO0001',
      state: 'validated',
    })
    await partner.related('users').create({
      login: 'partenaire1',
      lastName: 'MARTIN',
      firstName: 'Paul',
      email: 'partenaire1@association-demo.fr',
      phone: '03 21 00 00 01',
      password: DEMO_PASSWORD,
      role: 'partner_admin',
    })
  }
}
