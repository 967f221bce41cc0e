import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { simulateDraft, SimulationInputError } from '#services/studio/simulation'
import { simulationMessages, simulationValidator } from '#validators/studio_simulation'

/**
 * S7 « Simuler »: POST the actor and the steps taken, answer the replay of
 * the draft (states, actions, mails, refusals) as JSON. Nothing is written.
 * Bad input answers 422 with a French message per field. Behind the studio
 * middleware.
 */
export default class SimulationsController {
  async store({ params, request, response }: HttpContext) {
    try {
      const input = await simulationValidator.validate(request.all(), {
        messagesProvider: simulationMessages,
      })
      return response.json(await simulateDraft(String(params.key), input.actor.role, input.steps))
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        const fieldErrors: Record<string, string> = {}
        for (const message of error.messages as Array<{ field: string; message: string }>) {
          fieldErrors[message.field] ??= message.message
        }
        return response.unprocessableEntity({
          message: 'La simulation ne peut pas se faire : corrigez la demande.',
          errors: fieldErrors,
        })
      }
      if (error instanceof SimulationInputError) {
        return response.unprocessableEntity({ message: error.message, errors: error.fieldErrors })
      }
      throw error
    }
  }
}
