import type User from '#models/user'
import type { FieldChanges } from '#services/audit/trail'
import { changeDraft } from '#services/studio/drafts'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import type {
  StateNodeJson,
  TransitionJson,
  TransitionsJson,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S4 the outline of a draft's states and transitions: « Ajouter un état »,
 * rename one (the transitions that lead to it, the initial state and its
 * screen follow), remove one (refused while something leads to it),
 * « Ajouter une transition » (« Événement », its « Libellé », « Vers »),
 * remove one. Each is one audited change of the draft (changeDraft); the
 * checks of workflow:validate then say what is still missing (who may
 * send a new event, the page of a new state…).
 */

const STATE_ID = /^[a-z][a-z0-9_]*$/
const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/

/** The page a new state shows until the analyst picks another: a message, no action */
const NEW_STATE_PAGE = 'workflow/status'

export const STATE_MESSAGES = {
  noState: 'Cet état n’existe pas dans ce brouillon.',
  noTransition: 'Cet état n’a pas de transition pour cet événement.',
  idTaken: (id: string) => `Un état s’appelle déjà « ${id} » : choisissez un autre nom.`,
  idUnusable:
    'Donnez un nom technique (lettres minuscules sans accent, chiffres et « _ », commençant par une lettre) : le titre n’en donne pas.',
  stillReached: (from: string[]) =>
    `Des transitions mènent encore à cet état (depuis ${from.map((id) => `« ${id} »`).join(', ')}) : retirez-les ou changez leur « Vers » d’abord.`,
  initial: 'C’est l’état de départ du parcours : il ne peut pas être retiré.',
  eventTaken: 'Cet état a déjà une transition pour cet événement.',
  eventName:
    'Le nom d’un événement s’écrit en majuscules sans accent, chiffres et « _ » (par exemple DEMANDER_PIECES).',
  finalState: 'Un état final ne se quitte pas : il n’a pas de transition.',
  targetUnknown: 'Choisissez l’état vers lequel mène la transition.',
}

/** « Pièces complémentaires demandées » → « pieces_complementaires_demandees » */
export function stateIdFromTitle(title: string): string {
  const id = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
  return STATE_ID.test(id) ? id : ''
}

/** The transitions of an event in a state, as a list (a definition may write one or several) */
function transitionList(transitions: TransitionsJson | undefined): Array<string | TransitionJson> {
  return transitions === undefined ? [] : [transitions].flat()
}

function targetOf(transition: string | TransitionJson) {
  return typeof transition === 'string' ? transition : transition.target
}

/** Every (state, event) whose transition leads to `id` */
function sourcesOf(body: WorkflowDefinitionBody, id: string): string[] {
  const sources = new Set<string>()
  for (const [stateId, state] of Object.entries(body.machine.states)) {
    for (const transitions of Object.values(state.on ?? {})) {
      if (transitionList(transitions).some((transition) => targetOf(transition) === id)) {
        sources.add(stateId)
      }
    }
  }
  return [...sources]
}

function stateOf(body: WorkflowDefinitionBody, id: string): StateNodeJson {
  const state = Object.hasOwn(body.machine.states, id) ? body.machine.states[id] : undefined
  if (!state) throw new StudioNotFoundError(STATE_MESSAGES.noState)
  return state
}

/** Is the event sent from any state still? */
function eventUsed(body: WorkflowDefinitionBody, event: string) {
  return Object.values(body.machine.states).some((state) => state.on?.[event] !== undefined)
}

const json = (value: unknown) => JSON.stringify(value)

/** « Ajouter un état »: its title; its name from the title unless given; final or not */
export function addState(
  key: string,
  actor: User,
  input: { title: string; id?: string; final?: boolean }
) {
  return changeDraft(key, actor, (body) => {
    const id = input.id || stateIdFromTitle(input.title)
    if (!id) throw new StudioRuleError({ id: STATE_MESSAGES.idUnusable })
    if (Object.hasOwn(body.machine.states, id)) {
      throw new StudioRuleError({ id: STATE_MESSAGES.idTaken(id) })
    }
    const state: StateNodeJson = input.final ? { type: 'final' } : {}
    body.machine.states[id] = state
    body.screens[id] = { page: NEW_STATE_PAGE, title: input.title }
    return {
      body,
      changes: {
        [`machine.states.${id}`]: { before: null, after: json(state) },
        [`screens.${id}`]: { before: null, after: json(body.screens[id]) },
      },
    }
  })
}

/** A state renamed: every reference to it follows (targets, the initial state, its screen) */
export function renameState(key: string, actor: User, from: string, to: string) {
  return changeDraft(key, actor, (body) => {
    stateOf(body, from)
    if (!STATE_ID.test(to)) throw new StudioRuleError({ id: STATE_MESSAGES.idUnusable })
    if (to !== from && Object.hasOwn(body.machine.states, to)) {
      throw new StudioRuleError({ id: STATE_MESSAGES.idTaken(to) })
    }
    /** Keep the order of the states: rebuild the record with the new key in place */
    body.machine.states = Object.fromEntries(
      Object.entries(body.machine.states).map(([id, state]) => [id === from ? to : id, state])
    )
    for (const state of Object.values(body.machine.states)) {
      for (const [event, transitions] of Object.entries(state.on ?? {})) {
        const renamed = transitionList(transitions).map((transition) => {
          if (targetOf(transition) !== from) return transition
          return typeof transition === 'string' ? to : { ...transition, target: to }
        })
        state.on![event] = Array.isArray(transitions) ? renamed : renamed[0]
      }
    }
    if (body.machine.initial === from) body.machine.initial = to
    if (Object.hasOwn(body.screens, from)) {
      body.screens = Object.fromEntries(
        Object.entries(body.screens).map(([id, screen]) => [id === from ? to : id, screen])
      )
    }
    return { body, changes: { [`machine.states.${from}`]: { before: from, after: to } } }
  })
}

/** « Retirer l'état »: refused while it is the initial state or a transition leads to it */
export function removeState(key: string, actor: User, id: string) {
  return changeDraft(key, actor, (body) => {
    const state = stateOf(body, id)
    if (body.machine.initial === id) throw new StudioRuleError({ state: STATE_MESSAGES.initial })
    const sources = sourcesOf(body, id).filter((source) => source !== id)
    if (sources.length) throw new StudioRuleError({ state: STATE_MESSAGES.stillReached(sources) })
    const changes: FieldChanges = { [`machine.states.${id}`]: { before: json(state), after: null } }
    delete body.machine.states[id]
    if (Object.hasOwn(body.screens, id)) {
      changes[`screens.${id}`] = { before: json(body.screens[id]), after: null }
      delete body.screens[id]
    }
    for (const event of Object.keys(state.on ?? {})) forgetUnusedEvent(body, event, changes)
    return { body, changes }
  })
}

/** « Ajouter une transition »: from this state, the event (with its label) leads to `target` */
export function addTransition(
  key: string,
  actor: User,
  from: string,
  input: { event: string; label?: string; target: string }
) {
  return changeDraft(key, actor, (body) => {
    const state = stateOf(body, from)
    if (state.type === 'final') throw new StudioRuleError({ event: STATE_MESSAGES.finalState })
    if (!EVENT_NAME.test(input.event))
      throw new StudioRuleError({ event: STATE_MESSAGES.eventName })
    if (state.on?.[input.event] !== undefined) {
      throw new StudioRuleError({ event: STATE_MESSAGES.eventTaken })
    }
    if (!Object.hasOwn(body.machine.states, input.target)) {
      throw new StudioRuleError({ target: STATE_MESSAGES.targetUnknown })
    }
    state.on = { ...state.on, [input.event]: { target: input.target } }
    const changes: FieldChanges = {
      [`machine.states.${from}.on.${input.event}`]: {
        before: null,
        after: json({ target: input.target }),
      },
    }
    if (input.label) {
      const before = body.events?.[input.event]?.label ?? null
      body.events = {
        ...body.events,
        [input.event]: { ...body.events?.[input.event], label: input.label },
      }
      if (before !== input.label) {
        changes[`events.${input.event}.label`] = { before, after: input.label }
      }
    }
    return { body, changes }
  })
}

/** « Retirer » a transition; an event sent from nowhere any more loses its label, rules and form */
export function removeTransition(key: string, actor: User, from: string, event: string) {
  return changeDraft(key, actor, (body) => {
    const state = stateOf(body, from)
    const transitions = state.on?.[event]
    if (transitions === undefined) throw new StudioNotFoundError(STATE_MESSAGES.noTransition)
    delete state.on![event]
    const changes: FieldChanges = {
      [`machine.states.${from}.on.${event}`]: { before: json(transitions), after: null },
    }
    forgetUnusedEvent(body, event, changes)
    return { body, changes }
  })
}

/** The event's label, permissions and form go with its last transition (audited) */
function forgetUnusedEvent(body: WorkflowDefinitionBody, event: string, changes: FieldChanges) {
  if (eventUsed(body, event)) return
  for (const [path, holder] of [
    ['events', body.events],
    ['permissions', body.permissions],
    ['forms', body.forms],
  ] as const) {
    if (holder && Object.hasOwn(holder, event)) {
      changes[`${path}.${event}`] = { before: json(holder[event]), after: null }
      delete (holder as Record<string, unknown>)[event]
    }
  }
}
