import type StudioScenario from '#models/studio_scenario'
import { formatParisDateTime, isoParisDateTime } from '#formatting/french'
import { stepsInWords, type ScenarioReplay } from '#services/studio/scenarios'

/**
 * S7 the saved scenarios of « Simuler », as the panel lists them
 * (inertia/components/studio/simulator.tsx), and a replay's answer.
 */
export type ScenarioSummary = {
  id: number
  name: string
  /** « 6 étapes » */
  steps: string
  author: string
  savedAt: string
  savedAtIso: string
}

export type ScenarioReplayProps = Omit<ScenarioReplay, 'scenario'> & { scenario: ScenarioSummary }

export function scenarioSummary(scenario: StudioScenario): ScenarioSummary {
  return {
    id: scenario.id,
    name: scenario.name,
    steps: stepsInWords(scenario.steps.length),
    author: scenario.author ?? '—',
    savedAt: formatParisDateTime(scenario.createdAt),
    savedAtIso: isoParisDateTime(scenario.createdAt),
  }
}

export function scenarioReplayProps(replay: ScenarioReplay): ScenarioReplayProps {
  return { ...replay, scenario: scenarioSummary(replay.scenario) }
}
