import type { HttpContext } from '@adonisjs/core/http'
import { chosenVersions, compareBodies, comparableVersions } from '#services/studio/comparison'
import { comparisonPageProps } from '#transformers/studio/comparison'

/**
 * S8 « Comparer » two versions of a workflow (?de=<version>&a=<version>,
 * by default the published one and the newest). A select that names no
 * version of this workflow, or both the same: 422, the page with the
 * French message next to the select and no comparison. Behind the studio
 * middleware.
 */
export default class ComparisonsController {
  async show({ params, request, response, inertia }: HttpContext) {
    const definitions = await comparableVersions(String(params.key))
    const { de, a } = request.qs()
    const { from, to, errors } = chosenVersions(definitions, { de, a })
    const refused = Object.keys(errors).length > 0
    if (refused) response.status(422)
    const changes = !refused && from && to ? compareBodies(from.body, to.body) : null
    return inertia.render('studio/comparison', {
      ...comparisonPageProps(definitions, from, to, changes),
      errors,
    })
  }
}
