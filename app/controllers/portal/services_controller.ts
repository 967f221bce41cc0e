import type { HttpContext } from '@adonisjs/core/http'
import { servicesPageProps } from '#transformers/portal/services'

export default class ServicesController {
  /** A3: "Les services", what the signed-in user may use */
  async index({ inertia, auth }: HttpContext) {
    return inertia.render('portal/services', servicesPageProps(auth.getUserOrFail()))
  }
}
