import type { HttpContext } from '@adonisjs/core/http'
import { servicesFor } from '#services/portal/service_catalogue'

export default class ServicesController {
  /** A3: "Les services", what the signed-in user may use */
  async index({ inertia, auth }: HttpContext) {
    return inertia.render('portal/services', { services: servicesFor(auth.getUserOrFail()) })
  }
}
