import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Regime from '#models/regime'
import Caisse from '#models/caisse'
import PartnerType from '#models/partner_type'
import ConventionType from '#models/convention_type'
import { CONVENTION_TYPES, PARTNER_TYPES, REGIMES } from '#database/data/reference_data'

/**
 * Reference data, in every environment: inserts the rows whose code is
 * missing and leaves the others as they are. Analysts rename and
 * deactivate rows in « Atelier » › « Référentiels » (S1); running the
 * seeder again never undoes that.
 */
export default class ReferenceDataSeeder extends BaseSeeder {
  async run() {
    for (const { code, name, caisses } of REGIMES) {
      const regime = await Regime.firstOrCreate({ code }, { name, active: true })
      await Caisse.fetchOrCreateMany(
        'code',
        caisses.map(([caisseCode, caisseName]) => ({
          code: caisseCode,
          name: caisseName,
          regimeId: regime.id,
          active: true,
        }))
      )
    }
    await PartnerType.fetchOrCreateMany(
      'code',
      PARTNER_TYPES.map(([code, label]) => ({ code, label, active: true }))
    )
    await ConventionType.fetchOrCreateMany(
      'code',
      CONVENTION_TYPES.map(([code, label]) => ({ code, label, active: true }))
    )
  }
}
