import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { StudioRuleError } from '#services/studio/errors'
import { SimulationInputError } from '#services/studio/simulation'
import {
  deleteScenario,
  replayScenario,
  saveScenario,
  scenariosOf,
} from '#services/studio/scenarios'
import { scenarioReplayProps, scenarioSummary } from '#transformers/studio/scenarios'
import { scenarioMessages, scenarioValidator } from '#validators/studio_simulation'
import { fieldErrorsOf } from '#validators/form_input'

/**
 * S7 the scenarios of « Simuler » (JSON, for the panel): the list of the
 * workflow's, « Enregistrer le scénario », « Rejouer » on the draft (nothing
 * written), « Supprimer ». A refusal answers 422 with a French message per
 * field; an unknown scenario or a workflow without a draft, 404. Behind
 * the studio middleware.
 */
export default class ScenariosController {
  async index({ params, response }: HttpContext) {
    return response.json({ scenarios: await summaries(String(params.key)) })
  }

  async store({ params, request, response, auth }: HttpContext) {
    const key = String(params.key)
    try {
      const input = await scenarioValidator.validate(request.all(), {
        messagesProvider: scenarioMessages,
      })
      const scenario = await saveScenario(key, auth.getUserOrFail(), {
        name: input.name,
        role: input.actor.role,
        steps: input.steps,
      })
      return response
        .status(201)
        .json({ scenario: scenarioSummary(scenario), scenarios: await summaries(key) })
    } catch (error) {
      const fieldErrors = refusalOf(error)
      if (!fieldErrors) throw error
      return response.unprocessableEntity({
        message: 'Le scénario n’a pas été enregistré : corrigez ce qui est signalé.',
        errors: fieldErrors,
      })
    }
  }

  /** « Rejouer »: the saved steps on the draft as it is now */
  async show({ params, response }: HttpContext) {
    try {
      return response.json(
        scenarioReplayProps(await replayScenario(String(params.key), Number(params.id)))
      )
    } catch (error) {
      if (!(error instanceof SimulationInputError)) throw error
      return response.unprocessableEntity({ message: error.message, errors: error.fieldErrors })
    }
  }

  async destroy({ params, response, auth }: HttpContext) {
    const key = String(params.key)
    const scenario = await deleteScenario(key, Number(params.id), auth.getUserOrFail())
    return response.json({ deleted: scenario.name, scenarios: await summaries(key) })
  }
}

async function summaries(key: string) {
  const scenarios = await scenariosOf(key)
  return scenarios.map(scenarioSummary)
}

/** A refusal's French message per field, or null for any other error */
function refusalOf(error: unknown): Record<string, string> | null {
  if (error instanceof StudioRuleError) return error.fieldErrors
  if (error instanceof vineErrors.E_VALIDATION_ERROR) return fieldErrorsOf(error)
  return null
}
