import { roleLabel } from '#formatting/french'
import { draftOf } from '#services/studio/drafts'
import { assertWorkflowExists } from '#services/studio/publication'
import registry from '#workflow/registry'
import {
  BrokenSimulatedMachineError,
  simulate,
  simulatedActor,
  UnknownSimulatedEventError,
  type SimulationResult,
  type SimulationStepInput,
} from '#workflow/simulator'
import type { ActorRole } from '#workflow/types'

/**
 * S7 « Simuler » the draft of a workflow: the steps replayed on its machine
 * by the engine's simulator (app/workflow/simulator.ts), nothing written.
 */

/** A request the simulation cannot answer (422): the field concerned and why */
export class SimulationInputError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = 'La simulation ne peut pas se faire : corrigez la demande.'
  ) {
    super(message)
  }
}

/** A form's value is a text, a number or a box ticked: never a list or an object */
function flatValue(value: unknown) {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

export async function simulateDraft(
  key: string,
  role: ActorRole,
  steps: SimulationStepInput[]
): Promise<SimulationResult> {
  await assertWorkflowExists(key)
  steps.forEach((step, index) => {
    for (const [name, value] of Object.entries(step.payload ?? {})) {
      if (!flatValue(value)) {
        throw new SimulationInputError({
          [`steps.${index}.payload.${name}`]:
            'Une valeur est un texte, un nombre ou une case cochée, jamais une liste ni un objet.',
        })
      }
    }
  })
  const draft = await draftOf(key)
  if (!draft) {
    throw new SimulationInputError(
      { steps: 'Ce parcours n’a pas de brouillon : faites « Nouvelle version » d’abord.' },
      'Ce parcours n’a pas de brouillon.'
    )
  }
  let result: SimulationResult
  try {
    result = await simulate(draft.body, registry, simulatedActor(role), steps, roleLabel)
  } catch (error) {
    if (error instanceof UnknownSimulatedEventError) {
      const index = steps.findIndex((step) => step.event === error.event)
      throw new SimulationInputError({ [`steps.${index}.event`]: error.message })
    }
    if (error instanceof BrokenSimulatedMachineError) {
      throw new SimulationInputError({ steps: error.message }, error.message)
    }
    throw error
  }
  return result
}
