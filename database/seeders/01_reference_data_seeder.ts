import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Regime from '#models/regime'
import Caisse from '#models/caisse'
import PartnerType from '#models/partner_type'
import ConventionType from '#models/convention_type'
import { CONVENTION_TYPES, PARTNER_TYPES, REGIMES } from '#database/data/reference_data'

/** Reference data, in every environment; running it twice changes nothing */
export default class ReferenceDataSeeder extends BaseSeeder {
  async run() {
    for (const { code, name, caisses } of REGIMES) {
      const regime = await Regime.updateOrCreate({ code }, { name, active: true })
      await Caisse.updateOrCreateMany(
        'code',
        caisses.map(([caisseCode, caisseName]) => ({
          code: caisseCode,
          name: caisseName,
          regimeId: regime.id,
          active: true,
        }))
      )
    }
    await PartnerType.updateOrCreateMany(
      'code',
      PARTNER_TYPES.map(([code, label]) => ({ code, label }))
    )
    await ConventionType.updateOrCreateMany(
      'code',
      CONVENTION_TYPES.map(([code, label]) => ({ code, label }))
    )
  }
}
