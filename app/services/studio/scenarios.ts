import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import StudioScenario from '#models/studio_scenario'
import { isUniqueViolation } from '#database/errors'
import { auditDraft, DRAFT_MESSAGES, draftOf } from '#services/studio/drafts'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { assertWorkflowExists } from '#services/studio/publication'
import {
  simulateDraft,
  SimulationInputError,
  type SimulationAnswer,
} from '#services/studio/simulation'
import type { SimulationStepInput } from '#workflow/simulator'
import type { ActorRole } from '#workflow/types'

/**
 * S7 « Enregistrer le scénario »: a run of « Simuler » kept under a French
 * name for its workflow, listed on the draft page, replayed on the draft as
 * it is now (saying at which step it no longer passes when the draft
 * changed), deleted. The studio's own table only: replaying writes nothing.
 * Saving and deleting are audited on the draft, with its other changes.
 */

export const SCENARIO_MESSAGES = {
  nameTaken: 'Un scénario de ce parcours porte déjà ce nom : choisissez-en un autre.',
  empty: 'Faites au moins une étape avant d’enregistrer le scénario.',
  unknown: 'Ce scénario n’existe pas.',
  refused: (index: number, label: string, message: string) =>
    `L’étape ${index + 1} « ${label} » est refusée : ${message}`,
}

const UNIQUE_NAME_INDEX = 'studio_scenarios_one_name'

/** Where a replay stops: the step (from 0) the draft now refuses, and why */
export type ScenarioFailure = { index: number; label: string; message: string }

export type ScenarioReplay = {
  scenario: StudioScenario
  /** The steps that still pass, as the panel keeps them */
  steps: SimulationStepInput[]
  /** Who acts at the end: the last step's sender */
  role: ActorRole
  result: SimulationAnswer
  failure: ScenarioFailure | null
}

/** The workflow's scenarios by name (its draft's page lists them) */
export async function scenariosOf(key: string) {
  await requiredDraft(key)
  return StudioScenario.query().where('workflowKey', key).orderBy('name')
}

async function scenarioOf(key: string, id: number) {
  const scenario = await StudioScenario.query().where('workflowKey', key).where('id', id).first()
  if (!scenario) throw new StudioNotFoundError(SCENARIO_MESSAGES.unknown)
  return scenario
}

async function requiredDraft(key: string) {
  await assertWorkflowExists(key)
  const draft = await draftOf(key)
  if (!draft) throw new StudioNotFoundError(DRAFT_MESSAGES.noDraft)
  return draft
}

/**
 * Saves the run under `name`: each step with who sent it (`role` for a
 * step that does not say), once it replays on the draft without a refusal.
 * A name already given in this workflow is refused at the name (422).
 */
export async function saveScenario(
  key: string,
  actor: User,
  input: { name: string; role: ActorRole; steps: SimulationStepInput[] }
): Promise<StudioScenario> {
  const draft = await requiredDraft(key)
  if (input.steps.length === 0) throw new StudioRuleError({ steps: SCENARIO_MESSAGES.empty })
  const steps = input.steps.map((step) => ({
    event: step.event,
    actor: step.actor ?? input.role,
    payload: step.payload ?? {},
  }))
  let result: SimulationAnswer
  try {
    result = await simulateDraft(key, input.role, steps)
  } catch (error) {
    if (error instanceof SimulationInputError) throw new StudioRuleError(error.fieldErrors)
    throw error
  }
  const refused = result.steps.findIndex((step) => step.refusal !== null)
  if (refused !== -1) {
    const step = result.steps[refused]
    throw new StudioRuleError({
      steps: SCENARIO_MESSAGES.refused(refused, step.label, step.refusal!.message),
    })
  }
  const taken = () => new StudioRuleError({ name: SCENARIO_MESSAGES.nameTaken })
  try {
    return await db.transaction(async (trx) => {
      const existing = await StudioScenario.query({ client: trx })
        .where('workflowKey', key)
        .where('name', input.name)
        .first()
      if (existing) throw taken()
      const scenario = await StudioScenario.create(
        { workflowKey: key, name: input.name, steps, author: actor.login },
        { client: trx }
      )
      await auditDraft(trx, actor, draft, 'save_scenario', {
        scenario: { before: null, after: `${input.name} (${stepsInWords(steps.length)})` },
      })
      return scenario
    })
  } catch (error) {
    /** Two analysts at once: the unique index decides */
    if (isUniqueViolation(error, UNIQUE_NAME_INDEX)) throw taken()
    throw error
  }
}

/**
 * « Rejouer » on the draft as it is now: the steps that still pass, and the
 * first one the draft refuses (an action removed or no longer possible, a
 * field now required…) with its French reason. Nothing is written.
 */
export async function replayScenario(key: string, id: number): Promise<ScenarioReplay> {
  await requiredDraft(key)
  const scenario = await scenarioOf(key, id)
  const steps = scenario.steps
  const roleAt = (count: number): ActorRole => steps[count - 1]?.actor ?? 'visitor'
  /** The record stays where the step before the failing one left it, as the panel shows a refusal */
  const stoppedAt = async (failure: ScenarioFailure): Promise<ScenarioReplay> => {
    const kept = steps.slice(0, failure.index)
    const role = roleAt(kept.length)
    return { scenario, steps: kept, role, result: await simulateDraft(key, role, kept), failure }
  }
  try {
    const result = await simulateDraft(key, roleAt(steps.length), steps)
    const refused = result.steps.findIndex((step) => step.refusal !== null)
    if (refused === -1) {
      return { scenario, steps, role: roleAt(steps.length), result, failure: null }
    }
    const { label, refusal } = result.steps[refused]
    return stoppedAt({ index: refused, label, message: refusal!.message })
  } catch (error) {
    const index = unknownStepIndex(error)
    if (index === null) throw error
    /** An action the draft no longer has: the steps before it still replay */
    const message = Object.values((error as SimulationInputError).fieldErrors)[0]
    return stoppedAt({ index, label: steps[index].event, message })
  }
}

/** The step whose action the draft does not have (steps.N.event), if that is the refusal */
function unknownStepIndex(error: unknown): number | null {
  if (!(error instanceof SimulationInputError)) return null
  for (const field of Object.keys(error.fieldErrors)) {
    const match = /^steps\.(\d+)\.event$/.exec(field)
    if (match) return Number(match[1])
  }
  return null
}

/** « Supprimer »: the scenario goes, an audit row on the draft says which */
export async function deleteScenario(key: string, id: number, actor: User) {
  const draft = await requiredDraft(key)
  const scenario = await scenarioOf(key, id)
  await db.transaction(async (trx) => {
    await scenario.useTransaction(trx).delete()
    await auditDraft(trx, actor, draft, 'delete_scenario', {
      scenario: { before: scenario.name, after: null },
    })
  })
  return scenario
}

export function stepsInWords(count: number) {
  return count === 1 ? '1 étape' : `${count} étapes`
}
