import vine from '@vinejs/vine'
import { SimpleMessagesProvider } from '@vinejs/vine'
import { MAX_SIMULATION_STEPS } from '#workflow/simulator'
import { ACTOR_ROLES } from '#workflow/types'

/**
 * S7 « Simuler »: who acts and the steps taken so far, as the panel sends
 * them each time (the client keeps the steps, the server keeps nothing).
 * A payload's values are texts, numbers or booleans: never a list or an
 * object (checked by the controller, field by field).
 */
const simulationFields = {
  actor: vine.object({ role: vine.enum(ACTOR_ROLES) }),
  steps: vine
    .array(
      vine.object({
        event: vine.string().trim().minLength(1).maxLength(100),
        /** Who sent this step; absent: whoever acts now */
        actor: vine.enum(ACTOR_ROLES).optional(),
        payload: vine.record(vine.any().nullable().optional()).optional(),
      })
    )
    .maxLength(MAX_SIMULATION_STEPS),
}

export const simulationValidator = vine.create(simulationFields)

const SIMULATION_MESSAGES = {
  'actor.role.enum': 'Choisissez qui agit.',
  'actor.role.required': 'Choisissez qui agit.',
  'steps.array': 'Les étapes doivent être une liste.',
  'steps.required': 'Les étapes doivent être une liste.',
  'steps.array.maxLength': `Une simulation compte au plus ${MAX_SIMULATION_STEPS} étapes.`,
  'steps.*.event.required': 'Chaque étape nomme une action.',
  'steps.*.event.string': 'Chaque étape nomme une action.',
  'steps.*.event.minLength': 'Chaque étape nomme une action.',
  'steps.*.event.maxLength': 'Ce nom d’action est trop long.',
  'steps.*.actor.enum': 'Choisissez qui agit.',
  'steps.*.payload.record': 'Les valeurs d’une étape sont un objet.',
}

export const simulationMessages = new SimpleMessagesProvider(SIMULATION_MESSAGES)

export const MAX_SCENARIO_NAME_LENGTH = 100

/**
 * « Enregistrer le scénario »: the run as the panel replays it, under a
 * name. A step that does not say who sent it was sent by `actor`.
 */
export const scenarioValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(MAX_SCENARIO_NAME_LENGTH),
  ...simulationFields,
})

export const scenarioMessages = new SimpleMessagesProvider({
  ...SIMULATION_MESSAGES,
  'name.required': 'Donnez un nom au scénario.',
  'name.string': 'Donnez un nom au scénario.',
  'name.minLength': 'Donnez un nom au scénario.',
  'name.maxLength': `Le nom d’un scénario compte au plus ${MAX_SCENARIO_NAME_LENGTH} caractères.`,
})
