import db from '@adonisjs/lucid/services/db'
import engine, { type CompiledDefinition } from '#workflow/engine'
import type { MachineQueries, StoredField } from '#workflow/machine_queries'
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
  /** Keys of the record's data the decision screen lists (its `display`), shown first */
  displayKeys: string[]
  /**
   * The fields of the forms filled before the decision whose values the
   * record keeps, in form order: the item page shows each one the record
   * holds, so a field added in a new version shows with no `display` change
   */
  dataFields: StoredField[]
}

/** Field types whose value is a text worth searching (a list's value is an id, a box a boolean) */
const SEARCHABLE_TYPES = ['text', 'textarea', 'email', 'phone', 'siret', 'postal_code', 'login']
const SQL_SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The keys of the record's data « Dossiers à traiter » searches, beyond its fixed columns */
export function searchableKeys(definition: DecisionDefinition): string[] {
  const byName = new Map(definition.dataFields.map((stored) => [stored.field.name, stored.field]))
  return [
    ...new Set([...definition.displayKeys, ...definition.dataFields.map((s) => s.field.name)]),
  ].filter((key) => {
    const field = byName.get(key)
    return SQL_SAFE_KEY.test(key) && (!field || SEARCHABLE_TYPES.includes(field.type))
  })
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
  const { queries } = definition
  const display = states
    .map((state) => queries.screenOf(state.id)?.display)
    .find((keys) => keys?.length)
  return {
    id: definition.id,
    key: definition.key,
    kindLabel: kindLabelOf(definition.key, definition.body),
    body: definition.body,
    queries: definition.queries,
    decisionEvents: events,
    pendingStateIds: states.map((state) => state.id),
    pendingStateValues: states.map((state) => state.stored),
    displayKeys: display ?? [],
    dataFields: queries.storedFields().filter((stored) => !events.includes(stored.event)),
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
