import { assign, setup, type AnyStateMachine } from 'xstate'
import type { WorkflowDefinitionBody } from '#workflow/types'
import type { MachineEvent, WorkflowRegistry } from '#workflow/registry'

/**
 * Builds the XState machine of a definition with the registry's
 * implementations provided through setup(). Guards and context actions run
 * inside XState's pure transition(); effect actions are empty placeholders:
 * transition() only lists them, and the engine runs them in its transaction.
 */
export function buildMachine(
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry
): AnyStateMachine {
  const actions: Record<string, any> = {}
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

  const { context: initialContext, ...config } = body.machine
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
