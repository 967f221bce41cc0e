import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import PortalContent from '#models/portal_content'

/** Sample publications of the home page, until editors write their own */
export default class PortalContentSeeder extends BaseSeeder {
  async run() {
    if (await PortalContent.query().first()) return

    await PortalContent.createMany([
      {
        kind: 'actualite',
        title: 'Ouverture du portail aux services d’aide à domicile',
        summary:
          'Les services d’aide et d’accompagnement à domicile conventionnés peuvent désormais se préinscrire en ligne.',
        publishedOn: DateTime.fromISO('2026-10-01'),
      },
      {
        kind: 'actualite',
        title: 'Évaluation des besoins : nouveau référentiel',
        summary: 'Le référentiel commun d’évaluation des besoins à domicile est mis à jour.',
        publishedOn: DateTime.fromISO('2026-09-15'),
      },
      {
        kind: 'texte_reference',
        title: 'Circulaire relative à l’action sociale en faveur des retraités',
        summary: 'Les orientations de la politique d’action sociale des caisses de retraite.',
        publishedOn: DateTime.fromISO('2026-01-10'),
      },
      {
        kind: 'bareme',
        title: 'Barème de participation des retraités 2026',
        summary: 'Le barème national de participation aux plans d’actions personnalisés.',
        publishedOn: DateTime.fromISO('2026-01-01'),
      },
    ])
  }
}
