import type { HttpContext } from '@adonisjs/core/http'
import { servicesFor } from '#services/service_catalogue'

export default class ServicesController {
  /** A3: "Les services", what the signed-in user may use */
  async index({ inertia, auth }: HttpContext) {
    return inertia.render('services/index', { services: servicesFor(auth.getUserOrFail()) })
  }
}
