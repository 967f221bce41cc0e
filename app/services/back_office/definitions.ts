import db from '@adonisjs/lucid/services/db'
import engine, { type CompiledDefinition } from '#workflow/engine'
import type { MachineQueries } from '#workflow/machine_queries'
import type { WorkflowDefinitionBody } from '#workflow/types'

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
  queries: MachineQueries
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

/** The caisse's part in a compiled definition, or null if a caisse never decides in it */
export function analyseDefinition(definition: CompiledDefinition): DecisionDefinition | null {
  const { events, states } = definition.queries.statesAwaiting({
    role: CAISSE_ROLE,
    scope: CAISSE_SCOPE,
  })
  if (!states.length) return null
  return {
    id: definition.id,
    key: definition.key,
    kindLabel: kindLabelOf(definition.key, definition.body),
    body: definition.body,
    queries: definition.queries,
    decisionEvents: events,
    pendingStateIds: states.map((state) => state.id),
    pendingStateValues: states.map((state) => state.stored),
  }
}

/** Every stored version (published or retired) whose records may wait for a caisse; never a draft */
export async function decisionDefinitions(): Promise<DecisionDefinition[]> {
  const rows: Array<{ id: number }> = await db
    .from('workflow_definitions')
    .whereNot('status', 'draft')
    .select('id')
  for (const { id } of rows) await decisionDefinition(id)
  return rows
    .map((row) => analysed.get(row.id) ?? null)
    .filter((definition): definition is DecisionDefinition => definition !== null)
}

export async function decisionDefinition(id: number): Promise<DecisionDefinition | null> {
  if (!analysed.has(id)) analysed.set(id, analyseDefinition(await engine.definitionById(id)))
  return analysed.get(id) ?? null
}

/** The kinds offered by the filter: one per key, in a stable order */
export function kindsOf(definitions: DecisionDefinition[]) {
  const kinds = new Map<string, string>()
  for (const definition of definitions) kinds.set(definition.key, definition.kindLabel)
  return [...kinds].map(([value, label]) => ({ value, label }))
}
