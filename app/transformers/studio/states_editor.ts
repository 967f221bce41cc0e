import type { WorkflowDefinitionBody } from '#workflow/types'

/** What the outline's forms send, as typed */
export type StateForm = { title: string; id: string; final: boolean }
export type TransitionForm = { event: string; label: string; target: string }

export type OutlineTransition = {
  event: string
  /** The event's French label (events.<E>.label, its form's button…), else its name */
  label: string
  target: string
  targetTitle: string
}

export type OutlineState = {
  id: string
  title: string
  final: boolean
  initial: boolean
  transitions: OutlineTransition[]
}

export type StatesEditorProps = {
  states: OutlineState[]
  /** The events of the draft, to reuse one with its label */
  events: Array<{ name: string; label: string }>
  /** After a refusal: which form, of which state, what was typed */
  typed:
    | { form: 'state'; values: StateForm }
    | { form: 'rename'; state: string; values: { id: string } }
    | { form: 'transition'; state: string; values: TransitionForm }
    | { form: 'remove'; state: string }
    | null
}

/** S4 the outline part of the draft page (inertia/components/studio/states_editor.tsx) */
export function statesEditorProps(
  body: WorkflowDefinitionBody,
  typed: StatesEditorProps['typed'] = null
): StatesEditorProps {
  const titleOf = (id: string) => body.screens[id]?.title ?? id
  const labelOf = (event: string) =>
    body.events?.[event]?.label ??
    body.forms[event]?.submitLabel ??
    Object.values(body.screens)
      .flatMap((screen) => screen.buttons ?? [])
      .find((button) => button.event === event)?.label ??
    event
  const events = new Set<string>()
  const states = Object.entries(body.machine.states).map(([id, state]) => ({
    id,
    title: titleOf(id),
    final: state.type === 'final',
    initial: body.machine.initial === id,
    transitions: Object.entries(state.on ?? {}).flatMap(([event, transitions]) => {
      events.add(event)
      return [transitions].flat().map((transition) => {
        const target = (typeof transition === 'string' ? transition : transition.target) ?? id
        return { event, label: labelOf(event), target, targetTitle: titleOf(target) }
      })
    }),
  }))
  return {
    states,
    events: [...events].map((name) => ({ name, label: labelOf(name) })),
    typed,
  }
}
