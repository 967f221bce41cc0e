import type { HttpContext } from '@adonisjs/core/http'
import type WorkflowDefinition from '#models/workflow_definition'
import { exportText, exportedVersion } from '#services/studio/publication'

/**
 * S9 « Exporter »: a version as the JSON of workflows/, downloaded as
 * `<key>.json` (the name workflow:sync expects in workflows/). Any version:
 * the draft, the published one, a retired one.
 */
export default class ExportsController {
  async draft({ params, response }: HttpContext) {
    return download(response, await exportedVersion(String(params.key), 'draft'))
  }

  async version({ params, response }: HttpContext) {
    const version = Number(params.version)
    return download(response, await exportedVersion(String(params.key), version))
  }
}

function download(response: HttpContext['response'], definition: WorkflowDefinition) {
  const name = definition.key.replace(/[^\w-]/g, '_')
  response.header('content-type', 'application/json; charset=utf-8')
  response.header('content-disposition', `attachment; filename="${name}.json"`)
  return response.send(exportText(definition))
}
