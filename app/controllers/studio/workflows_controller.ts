import type { HttpContext } from '@adonisjs/core/http'
import { workflowVersions } from '#services/studio/workflows'
import { workflowsPageProps } from '#transformers/studio/workflows'

/** S2 « Atelier » › « Parcours »: the workflows and their versions */
export default class WorkflowsController {
  async index({ inertia }: HttpContext) {
    return inertia.render('studio/workflows', workflowsPageProps(await workflowVersions()))
  }
}
