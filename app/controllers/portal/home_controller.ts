import type { HttpContext } from '@adonisjs/core/http'
import PortalContent from '#models/portal_content'
import Regime from '#models/regime'

export default class HomeController {
  /** P1: the public home page */
  async show({ inertia }: HttpContext) {
    const contents = await PortalContent.query().orderBy('published_on', 'desc').limit(30)
    const regimes = await Regime.query()
      .where('active', true)
      .preload('caisses', (query) => query.where('active', true).orderBy('name'))
      .orderBy('id')

    const present = (kind: string) =>
      contents
        .filter((content) => content.kind === kind)
        .map((content) => ({
          id: content.id,
          title: content.title,
          summary: content.summary,
          link: content.link,
          publishedOn: content.publishedOn.toISODate(),
        }))

    return inertia.render('portal/home', {
      news: present('actualite'),
      referenceTexts: present('texte_reference'),
      scales: present('bareme'),
      funds: regimes.map((regime) => ({
        code: regime.code,
        name: regime.name,
        caisseCount: regime.caisses.length,
      })),
    })
  }
}
