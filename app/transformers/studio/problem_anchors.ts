import defaultRegistry, { type WorkflowRegistry } from '#workflow/registry'
import type {
  Problem,
  StateNodeJson,
  TransitionJson,
  WorkflowDefinitionBody,
} from '#workflow/types'
import { pathSegments } from '#transformers/studio/problem_location'

/**
 * S4 which element of the graph a problem of the checks is about, from its
 * JSON path: a state (dotted id for a nested one), a transition (the state
 * it leaves and its event), or the workflow as a whole when neither fits.
 * The part of the definition an event owns (its form, who may send it, its
 * label) belongs to the transitions that send it; a mail template to the
 * transitions (or the state's entry and exit) whose actions send it.
 */
export type ProblemAnchor =
  | { kind: 'state'; state: string }
  | { kind: 'transition'; state: string; event: string }
  | { kind: 'workflow' }

const WORKFLOW: ProblemAnchor = { kind: 'workflow' }

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null

/** One state of the machine and where its transitions and actions sit */
type StateEntry = { id: string; node: StateNodeJson }

function statesOf(body: WorkflowDefinitionBody): StateEntry[] {
  const entries: StateEntry[] = []
  const visit = (node: StateNodeJson, prefix: string) => {
    for (const [name, child] of Object.entries(node.states ?? {})) {
      /** An imported draft may hold anything: its checks say so, the graph skips it */
      if (!isObject(child)) continue
      const id = prefix ? `${prefix}.${name}` : name
      entries.push({ id, node: child })
      visit(child, id)
    }
  }
  visit(body.machine, '')
  return entries
}

const transitionList = (transitions: unknown) =>
  [transitions ?? []].flat().filter(isObject) as TransitionJson[]

/** Does one of the actions name `template` in a parameter that sends a mail? */
function sendsTemplate(
  actions: TransitionJson['actions'],
  template: string,
  registry: WorkflowRegistry
) {
  return [actions ?? []].flat().some((action) => {
    if (!isObject(action)) return false
    const params = isObject(action.params) ? action.params : {}
    const declared = registry.actions.get(action.type)?.templateParams ?? []
    return declared.some((param) => params[param] === template)
  })
}

/** Every place the graph can show; several when an event is sent from several states */
export function problemAnchors(
  path: string,
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry = defaultRegistry
): ProblemAnchor[] {
  const segments = pathSegments(path)
  const [head, name] = segments
  if (head === 'machine') return [machineAnchor(path)]
  if (typeof name !== 'string') return [WORKFLOW]
  const states = statesOf(body)
  const found = (anchors: ProblemAnchor[]) => (anchors.length ? anchors : [WORKFLOW])
  switch (head) {
    case 'screens':
      return found(screenState(segments.slice(1), states))
    case 'forms':
    case 'permissions':
    case 'events':
      return found(
        states
          .filter(({ node }) => isObject(node.on) && Object.hasOwn(node.on, name))
          .map(({ id }) => ({ kind: 'transition', state: id, event: name }))
      )
    case 'notifications':
      return found(
        states.flatMap(({ id, node }): ProblemAnchor[] => {
          const fromState =
            sendsTemplate(node.entry, name, registry) || sendsTemplate(node.exit, name, registry)
          return [
            ...(fromState ? [{ kind: 'state', state: id } as const] : []),
            ...Object.entries(node.on ?? {})
              .filter(([, transitions]) =>
                transitionList(transitions).some((transition) =>
                  sendsTemplate(transition.actions, name, registry)
                )
              )
              .map(([event]) => ({ kind: 'transition', state: id, event }) as const),
          ]
        })
      )
    default:
      return [WORKFLOW]
  }
}

/**
 * screens.<id>…: a nested state's screen is keyed by its dotted id
 * (screens.pieces.attente.page), so the longest run of names that is a
 * state is the one
 */
function screenState(segments: Array<string | number>, states: StateEntry[]): ProblemAnchor[] {
  const end = segments.findIndex((segment) => typeof segment !== 'string')
  const names = end === -1 ? segments : segments.slice(0, end)
  for (let length = names.length; length > 0; length--) {
    const id = names.slice(0, length).join('.')
    if (states.some((entry) => entry.id === id)) return [{ kind: 'state', state: id }]
  }
  return []
}

/** The first place of problemAnchors: where the graph marks the problem */
export function problemAnchor(
  path: string,
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry = defaultRegistry
): ProblemAnchor {
  return problemAnchors(path, body, registry)[0]
}

/**
 * machine.states.a.states.b… is state « a.b »; …on.<E>… its transition E;
 * anything else of the state (entry, always, after, initial) the state;
 * machine.initial and the like the workflow
 */
function machineAnchor(path: string): ProblemAnchor {
  const segments = pathSegments(path).slice(1)
  const ids: string[] = []
  let index = 0
  while (segments[index] === 'states' && typeof segments[index + 1] === 'string') {
    ids.push(segments[index + 1] as string)
    index += 2
  }
  if (!ids.length) return WORKFLOW
  const state = ids.join('.')
  const event = segments[index + 1]
  if (segments[index] === 'on' && typeof event === 'string') {
    return { kind: 'transition', state, event }
  }
  return { kind: 'state', state }
}

/**
 * S4 the problems of the checks by graph element, for the draft page's
 * graph: each state's and each transition's own, in the order of the
 * checks; a problem sent by several transitions is on each.
 */
export type ProblemMarks<P extends Problem = Problem> = {
  states: Array<{ state: string; problems: P[] }>
  transitions: Array<{ state: string; event: string; problems: P[] }>
}

export function problemMarks<P extends Problem>(
  problems: P[],
  body: WorkflowDefinitionBody,
  registry: WorkflowRegistry = defaultRegistry
): ProblemMarks<P> {
  const states = new Map<string, ProblemMarks<P>['states'][number]>()
  const transitions = new Map<string, ProblemMarks<P>['transitions'][number]>()
  for (const problem of problems) {
    for (const anchor of problemAnchors(problem.path, body, registry)) {
      if (anchor.kind === 'state') {
        const mark = states.get(anchor.state) ?? { state: anchor.state, problems: [] }
        states.set(anchor.state, mark)
        mark.problems.push(problem)
      } else if (anchor.kind === 'transition') {
        const key = `${anchor.state} ${anchor.event}`
        const mark = transitions.get(key) ?? {
          state: anchor.state,
          event: anchor.event,
          problems: [],
        }
        transitions.set(key, mark)
        mark.problems.push(problem)
      }
    }
  }
  return { states: [...states.values()], transitions: [...transitions.values()] }
}
