import { roleLabel } from '#formatting/french'
import { draftOf } from '#services/studio/drafts'
import { assertWorkflowExists } from '#services/studio/publication'
import registry from '#workflow/registry'
import { choicesOf } from '#services/workflow/reference_data'
import { screenField, type ScreenField } from '#transformers/workflow/screen'
import {
  BrokenSimulatedMachineError,
  simulate,
  simulatedActor,
  UnknownSimulatedEventError,
  type SimulatedEvent,
  type SimulationResult,
  type SimulationStepInput,
} from '#workflow/simulator'
import type { ActorRole, WorkflowDefinitionBody } from '#workflow/types'

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

/**
 * The replay, each event offered next with its form's fields as the real
 * form shows them: a list with its choices (its options, else its reference
 * data, read now), so the panel offers the same choices and no free text
 */
export type SimulationAnswer = Omit<SimulationResult, 'next'> & {
  next: Array<Omit<SimulatedEvent, 'fields'> & { fields: ScreenField[] }>
}

/** A form's value is a text, a number or a box ticked: never a list or an object */
function flatValue(value: unknown) {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

export async function simulateDraft(
  key: string,
  role: ActorRole,
  steps: SimulationStepInput[]
): Promise<SimulationAnswer> {
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
  return { ...result, next: await withChoices(draft.body, result.next) }
}

async function withChoices(body: WorkflowDefinitionBody, events: SimulatedEvent[]) {
  return Promise.all(
    events.map(async (event) => ({
      ...event,
      fields: await Promise.all(
        (body.forms[event.event]?.fields ?? []).map(async (field) =>
          screenField(field, await choicesOf(field))
        )
      ),
    }))
  )
}
