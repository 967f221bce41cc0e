import { assign, setup, type AnyStateMachine } from 'xstate'
import {
  isStoredField,
  type FormJson,
  type ReferenceJson,
  type StateNodeJson,
  type TransitionJson,
  type TransitionsJson,
  type WorkflowDefinitionBody,
} from '#workflow/types'
import type { MachineEvent, WorkflowRegistry } from '#workflow/registry'

/**
 * Builds the XState machine of a definition with the registry's
 * implementations provided through setup(). Guards and context actions run
 * inside XState's pure transition(); effect actions are empty placeholders:
 * transition() only lists them, and the engine runs them in its transaction.
 */

/**
 * The built-in action that puts an accepted form's values into the
 * record's data (docs/decisions/0021-form-values-and-mappings.md). It is
 * not in the registry and never in a definition: buildMachine puts it first
 * in every transition of an event that has a form, so the transition's own
 * actions (assignToContext, recordDecision, the effects) see the values.
 */
export const FORM_VALUES_ACTION = 'workflow.formValues'

/**
 * What a form stores in the record's data: every field but the secret ones
 * (passwords, captcha answers), under its name; a field left empty is null,
 * so the record always says what the latest submission gave.
 */
export function formValues(
  form: FormJson | undefined,
  payload: Record<string, unknown>
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const field of form?.fields ?? []) {
    if (isStoredField(field)) values[field.name] = payload[field.name] ?? null
  }
  return values
}

/** Does the event's form store anything? */
function storesValues(form: FormJson | undefined) {
  return (form?.fields ?? []).some(isStoredField)
}

function withFormValues(transitions: TransitionsJson): TransitionsJson {
  const one = (entry: string | TransitionJson): TransitionJson => {
    const transition = typeof entry === 'string' ? { target: entry } : entry
    const own: ReferenceJson[] =
      transition.actions === undefined
        ? []
        : Array.isArray(transition.actions)
          ? transition.actions
          : [transition.actions]
    return { ...transition, actions: [FORM_VALUES_ACTION, ...own] }
  }
  return Array.isArray(transitions) ? transitions.map(one) : one(transitions)
}

/** The state nodes with the form values' action first in each transition of an event with a form */
function withFormAssignments(
  node: StateNodeJson,
  forms: WorkflowDefinitionBody['forms']
): StateNodeJson {
  const copy: StateNodeJson = { ...node }
  if (node.on) {
    copy.on = Object.fromEntries(
      Object.entries(node.on).map(([event, transitions]) => [
        event,
        storesValues(forms[event]) ? withFormValues(transitions) : transitions,
      ])
    )
  }
  if (node.states) {
    copy.states = Object.fromEntries(
      Object.entries(node.states).map(([name, child]) => [name, withFormAssignments(child, forms)])
    )
  }
  return copy
}

export function buildMachine(
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry
): AnyStateMachine {
  const actions: Record<string, any> = {
    [FORM_VALUES_ACTION]: assign(({ event }: { event: any }) =>
      formValues(body.forms[event.type], (event as MachineEvent).payload ?? {})
    ),
  }
  for (const [name, action] of registry.actions) {
    actions[name] =
      action.kind === 'context'
        ? assign(({ context, event }: { context: any; event: any }, params: any) => ({
            ...action.assign({ context, event: event as MachineEvent, params: params ?? {} }),
          }))
        : () => {}
  }
  const guards: Record<string, any> = {}
  for (const [name, guard] of registry.guards) {
    guards[name] = ({ context, event }: { context: any; event: any }, params: any) =>
      guard.check({ context, event: event as MachineEvent, params: params ?? {} })
  }

  const { context: initialContext, ...config } = withFormAssignments(
    body.machine,
    body.forms
  ) as typeof body.machine
  return setup({ actions, guards } as any).createMachine({
    ...(config as any),
    /** The definition's initial context, overlaid with the start input */
    context: ({ input }: { input: unknown }) => ({
      ...structuredClone(initialContext ?? {}),
      ...((input as Record<string, unknown> | undefined) ?? {}),
    }),
  }) as AnyStateMachine
}

/** State value as stored in workflow_instances.state */
export function serializeStateValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
