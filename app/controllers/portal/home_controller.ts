import type { HttpContext } from '@adonisjs/core/http'
import PortalContent from '#models/portal_content'
import Regime from '#models/regime'
import { homePageProps } from '#transformers/portal/home'

export default class HomeController {
  /** P1: the public home page */
  async show({ inertia }: HttpContext) {
    const contents = await PortalContent.query().orderBy('published_on', 'desc').limit(30)
    const regimes = await Regime.query()
      .where('active', true)
      .preload('caisses', (query) => query.where('active', true).orderBy('name'))
      .orderBy('id')

    return inertia.render('portal/home', homePageProps(contents, regimes))
  }
}
