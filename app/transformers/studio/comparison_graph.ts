import type { BodyChange } from '#services/studio/comparison'
import { statesEditorProps, type OutlineState } from '#transformers/studio/states_editor'
import type { WorkflowDefinitionBody } from '#workflow/types'

/**
 * S8 « Comparer » marked on the graph: the newer version's states and
 * transitions, with those only the older one had drawn too, each marked
 * added, removed or changed. An event whose form, label or « Qui peut
 * l’envoyer » changed marks the transitions that send it. Top-level states
 * only, as the graph draws them.
 */

export type GraphChange = 'added' | 'removed' | 'changed'

export type GraphChanges = {
  /** State id → how it changed */
  states: Record<string, GraphChange>
  /** The transitions of an event from a state (its edges), how they changed */
  transitions: Array<{ state: string; event: string; change: GraphChange }>
}

export type ComparisonGraph = { states: OutlineState[]; changes: GraphChanges }

/** The sections whose key is an event (« INVALIDATE », « INVALIDATE reason » for a field) */
const EVENT_SECTIONS = new Set(['forms', 'fields', 'permissions', 'events'])

export function comparisonGraph(
  before: WorkflowDefinitionBody,
  after: WorkflowDefinitionBody,
  changes: BodyChange[]
): ComparisonGraph {
  const older = statesEditorProps(before).states
  const newer = statesEditorProps(after).states
  const newerIds = new Set(newer.map(({ id }) => id))
  const states: OutlineState[] = [
    ...newer.map((state) => {
      const previous = older.find(({ id }) => id === state.id)
      const gone = (previous?.transitions ?? []).filter(
        (transition) => !state.transitions.some(({ event }) => event === transition.event)
      )
      return { ...state, transitions: [...state.transitions, ...gone] }
    }),
    ...older.filter(({ id }) => !newerIds.has(id)),
  ]

  const stateChanges: GraphChanges['states'] = {}
  /** « submitted DEMANDER_PIECES » → how its edges changed */
  const transitions = new Map<string, GraphChange>()
  const changedEvents = new Set<string>()
  for (const change of changes) {
    const kind: GraphChange = change.kind === 'moved' ? 'changed' : change.kind
    if (change.section === 'states' && !change.key.includes('.')) {
      stateChanges[change.key] = kind
    } else if (change.section === 'transitions') {
      const [state, event] = change.key.split(' ')
      if (state.includes('.') || !event) continue
      const key = `${state} ${event}`
      const earlier = transitions.get(key)
      /** An event's alternatives are marked together: an addition beside kept ones is a change */
      transitions.set(key, earlier && earlier !== kind ? 'changed' : kind)
    } else if (EVENT_SECTIONS.has(change.section)) {
      changedEvents.add(change.key.split(' ')[0])
    }
  }
  for (const state of states) {
    for (const { event } of state.transitions) {
      const key = `${state.id} ${event}`
      if (!transitions.has(key) && changedEvents.has(event)) transitions.set(key, 'changed')
    }
  }
  return {
    states,
    changes: {
      states: stateChanges,
      transitions: [...transitions].map(([key, change]) => {
        const [state, event] = key.split(' ')
        return { state, event, change }
      }),
    },
  }
}
