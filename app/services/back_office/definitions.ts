import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import { serializeStateValue } from '#workflow/machine_builder'
import type { StateNodeJson, WorkflowDefinitionBody } from '#workflow/types'

/**
 * Which workflow versions put work in a caisse's queue, read from the
 * definitions themselves: a "decision event" is an event a caisse
 * administrator may send on a record routed to their caisse, and a
 * "pending state" is a state that accepts one of them. Only rules scoped to the
 * record's caisse count (scope instance_caisse): an administrator acting on
 * their own account (scope self) is not caisse work. A new workflow whose
 * state waits for the caisse shows up in « Dossiers à traiter » with no code.
 */

/** Labels of the kinds the screens name; any other workflow shows its title */
const KIND_LABELS: Record<string, string> = {
  preinscription: 'Préinscription',
  convention: 'Convention',
}

export interface DecisionDefinition {
  id: number
  key: string
  /** « Préinscription », « Convention »… */
  kindLabel: string
  body: WorkflowDefinitionBody
  /** Events a caisse administrator may send */
  decisionEvents: string[]
  /** Dotted ids of the states waiting for the caisse */
  pendingStateIds: string[]
  /** The same states as stored in workflow_instances.state */
  pendingStateValues: string[]
}

export const CAISSE_ROLE = 'caisse_admin'
export const CAISSE_SCOPE = 'instance_caisse'

/** Definition versions never change: each is analysed once per process */
const analysed = new Map<number, DecisionDefinition | null>()

export function kindLabelOf(key: string, body: WorkflowDefinitionBody) {
  return KIND_LABELS[key] ?? body.title
}

export function analyseDefinition(
  id: number,
  key: string,
  body: WorkflowDefinitionBody
): DecisionDefinition | null {
  const decisionEvents = Object.entries(body.permissions ?? {})
    .filter(([, rules]) =>
      rules.some((rule) => rule.role === CAISSE_ROLE && rule.scope === CAISSE_SCOPE)
    )
    .map(([event]) => event)
  if (!decisionEvents.length) return null

  const pendingStateIds: string[] = []
  const pendingStateValues: string[] = []
  const walk = (node: StateNodeJson, path: string[], inherited: string[]) => {
    const events = [...inherited, ...Object.keys(node.on ?? {})]
    const children = Object.entries(node.states ?? {})
    /** Parallel regions have no single stored value to match: not listed (docs/decisions/0006) */
    if (node.type === 'parallel') return
    if (!children.length) {
      if (node.type !== 'final' && events.some((event) => decisionEvents.includes(event))) {
        pendingStateIds.push(path.join('.'))
        pendingStateValues.push(serializeStateValue(stateValueOf(path)))
      }
      return
    }
    for (const [name, child] of children) walk(child, [...path, name], events)
  }
  for (const [name, state] of Object.entries(body.machine.states)) {
    walk(state, [name], Object.keys(body.machine.on ?? {}))
  }
  if (!pendingStateIds.length) return null
  return {
    id,
    key,
    kindLabel: kindLabelOf(key, body),
    body,
    decisionEvents,
    pendingStateIds,
    pendingStateValues,
  }
}

/** ['a', 'b', 'c'] → { a: { b: 'c' } }, the shape XState gives a nested state */
function stateValueOf(path: string[]): unknown {
  if (path.length === 1) return path[0]
  return { [path[0]]: stateValueOf(path.slice(1)) }
}

/** Every stored version (published or retired) whose records may wait for a caisse */
export async function decisionDefinitions(): Promise<DecisionDefinition[]> {
  const rows: Array<{ id: number }> = await db.from('workflow_definitions').select('id')
  const missing = rows.map((row) => row.id).filter((id) => !analysed.has(id))
  if (missing.length) {
    for (const definition of await WorkflowDefinition.query().whereIn('id', missing)) {
      analysed.set(definition.id, analyseDefinition(definition.id, definition.key, definition.body))
    }
  }
  return rows
    .map((row) => analysed.get(row.id) ?? null)
    .filter((definition): definition is DecisionDefinition => definition !== null)
}

export async function decisionDefinition(id: number): Promise<DecisionDefinition | null> {
  if (!analysed.has(id)) {
    const definition = await WorkflowDefinition.find(id)
    if (!definition) return null
    analysed.set(id, analyseDefinition(definition.id, definition.key, definition.body))
  }
  return analysed.get(id) ?? null
}

/** The kinds offered by the filter: one per key, in a stable order */
export function kindsOf(definitions: DecisionDefinition[]) {
  const kinds = new Map<string, string>()
  for (const definition of definitions) kinds.set(definition.key, definition.kindLabel)
  return [...kinds].map(([value, label]) => ({ value, label }))
}
