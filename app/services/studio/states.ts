import type User from '#models/user'
import type { FieldChanges } from '#services/audit/trail'
import { changeDraft } from '#services/studio/drafts'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import vine from '@vinejs/vine'
import { frenchMessages } from '#workflow/french_messages'
import defaultRegistry, { type WorkflowRegistry } from '#workflow/registry'
import type {
  EventJson,
  EventTone,
  ReferenceJson,
  StateNodeJson,
  TransitionJson,
  TransitionsJson,
  WorkflowDefinitionBody,
} from '#workflow/types'
import { paramFieldsOf, type ParamField } from '#services/studio/rule_catalogue'
import { FIELD_RULE_MESSAGES, hasOnlyAllowedCharacters } from '#validators/rules/fields'

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
  noEvent: 'Aucune transition de ce brouillon n’envoie cet événement.',
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
  noAction: 'Cette transition n’a pas d’action à cette place.',
  noGuard: 'Cette transition n’a pas de condition.',
  unknownGuard: 'Choisissez une condition de la liste.',
  unknownAction: 'Choisissez une action de la liste.',
  unknownTemplate: 'Choisissez un modèle de mail de ce brouillon (« Mails »).',
  badJson: (label: string) =>
    `Le champ « ${label} » n’est pas du JSON valide : par exemple "un texte", 12, true, {"nom": "valeur"} ou ["a", "b"].`,
  tooLong: (label: string) => `Le champ « ${label} » est trop long.`,
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

/**
 * « Renommer la transition »: the event's « Libellé », everywhere the
 * definition writes it (events.<E>.label, the buttons of the screens
 * that show it, its form's submit button), so what the applicant and the
 * caisse read is the new label whatever the screen
 * (docs/decisions/0030-editing-from-the-graph.md)
 */
export function relabelEvent(
  key: string,
  actor: User,
  event: string,
  { label, tone }: { label: string; tone?: EventTone }
) {
  return changeDraft(key, actor, (body) => {
    if (!eventUsed(body, event)) throw new StudioNotFoundError(STATE_MESSAGES.noEvent)
    const changes: FieldChanges = {}
    const before = body.events?.[event]?.label ?? null
    if (before !== label) {
      body.events = { ...body.events, [event]: { ...body.events?.[event], label } }
      changes[`events.${event}.label`] = { before, after: label }
    }
    /** Neutral is the default: it is written as no tone at all */
    const toneBefore = body.events?.[event]?.tone ?? 'neutral'
    if (tone !== undefined && tone !== toneBefore) {
      const declared: EventJson = { ...body.events?.[event], tone }
      if (tone === 'neutral') delete declared.tone
      body.events = { ...body.events, [event]: declared }
      changes[`events.${event}.tone`] = { before: toneBefore, after: tone }
    }
    for (const [state, screen] of Object.entries(body.screens)) {
      for (const [index, button] of (screen.buttons ?? []).entries()) {
        if (button.event === event && button.label !== label) {
          changes[`screens.${state}.buttons.${index}.label`] = {
            before: button.label,
            after: label,
          }
          button.label = label
        }
      }
    }
    const form = Object.hasOwn(body.forms, event) ? body.forms[event] : undefined
    if (form?.submitLabel !== undefined && form.submitLabel !== label) {
      changes[`forms.${event}.submitLabel`] = { before: form.submitLabel, after: label }
      form.submitLabel = label
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

/** S4 what the outline sends for a guard or an action: its name and its params as typed */
export type RuleInput = { type: string; params: Record<string, unknown> }

/** A param typed longer than this is refused: a mail address or a JSON record is far shorter */
const MAX_PARAM_TEXT = 5000

const CHECKED: unknown[] = [true, 'true', '1', 'on']
const UNCHECKED: unknown[] = [false, 'false', '0', 'off']

/**
 * The params as the form typed them, in the types the entry's schema
 * wants: a number from its digits (a French comma accepted), a checkbox's
 * « on », JSON parsed; an empty field is left out (the schema then says
 * whether it is required). Only the schema's params are read: anything
 * else sent is ignored, so nothing unknown reaches the definition.
 */
function typedParams(fields: ParamField[], raw: Record<string, unknown>) {
  const params: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const field of fields) {
    const sent = Object.hasOwn(raw, field.name) ? raw[field.name] : undefined
    const value = typeof sent === 'string' && field.kind !== 'json' ? sent.trim() : sent
    if (value === undefined || value === null || value === '') {
      /** An unticked box sends nothing: a required yes/no is then « non » */
      if (field.kind === 'checkbox' && field.required) params[field.name] = false
      continue
    }
    if (typeof value === 'string' && value.length > MAX_PARAM_TEXT) {
      errors[`params.${field.name}`] = STATE_MESSAGES.tooLong(field.label)
    } else if (typeof value === 'string' && !hasOnlyAllowedCharacters(value)) {
      errors[`params.${field.name}`] = FIELD_RULE_MESSAGES.characters.replace(
        '{{ field }}',
        field.label
      )
    } else if (field.kind === 'number' && typeof value === 'string') {
      const number = Number(value.replace(',', '.'))
      params[field.name] = Number.isFinite(number) ? number : value
    } else if (field.kind === 'checkbox') {
      params[field.name] = CHECKED.includes(value)
        ? true
        : UNCHECKED.includes(value)
          ? false
          : value
    } else if (field.kind === 'json' && typeof value === 'string') {
      try {
        params[field.name] = JSON.parse(value)
      } catch {
        errors[`params.${field.name}`] = STATE_MESSAGES.badJson(field.label)
      }
    } else {
      params[field.name] = value
    }
  }
  return { params, errors }
}

/**
 * A guard or an action as the definition will hold it, its params checked
 * with the entry's own VineJS schema (French messages, each next to its
 * param: `params.<name>`) and the mail templates it names found in the
 * draft. The other checks (a form field that exists, a path the form
 * gives) are the live checks' (static_validator.ts), shown above.
 */
async function checkedRule(
  body: WorkflowDefinitionBody,
  kind: 'guard' | 'action',
  input: RuleInput,
  registry: WorkflowRegistry = defaultRegistry
): Promise<ReferenceJson> {
  const definition =
    kind === 'guard' ? registry.guards.get(input.type) : registry.actions.get(input.type)
  if (!definition) {
    throw new StudioRuleError({
      type: kind === 'guard' ? STATE_MESSAGES.unknownGuard : STATE_MESSAGES.unknownAction,
    })
  }
  const fields = paramFieldsOf(definition)
  const { params, errors } = typedParams(fields, input.params)
  const labels = Object.fromEntries(fields.map(({ name, label }) => [name, label]))
  const [invalid, valid] = await vine
    .compile(definition.params)
    .tryValidate(params, { messagesProvider: frenchMessages(labels) })
  for (const { field, message } of (invalid as { messages?: VineMessage[] } | null)?.messages ??
    []) {
    errors[`params.${field.split('.')[0]}`] ??= message
  }
  for (const name of 'templateParams' in definition ? (definition.templateParams ?? []) : []) {
    const template = params[name]
    if (typeof template === 'string' && !Object.hasOwn(body.notifications ?? {}, template)) {
      errors[`params.${name}`] ??= STATE_MESSAGES.unknownTemplate
    }
  }
  if (Object.keys(errors).length) throw new StudioRuleError(errors)
  /** What the schema gave back, without the optional params left empty */
  const checked = Object.fromEntries(
    Object.entries(valid as Record<string, unknown>).filter(([, value]) => value !== undefined)
  )
  return Object.keys(checked).length ? { type: input.type, params: checked } : { type: input.type }
}

type VineMessage = { field: string; message: string }

/** Which of the event's transitions: the first, unless the definition lists several */
export type TransitionPlace = { from: string; event: string; alternative: number }

/**
 * One transition of a state's event, in object form (a bare target
 * becomes { target }, as editing its guard or actions needs), with the
 * JSON path the audit names and how to put it back in the draft.
 */
function transitionAt(body: WorkflowDefinitionBody, { from, event, alternative }: TransitionPlace) {
  const state = stateOf(body, from)
  const transitions = state.on?.[event]
  const list = transitionList(transitions)
  if (alternative < 0 || alternative >= list.length) {
    throw new StudioNotFoundError(STATE_MESSAGES.noTransition)
  }
  const found = list[alternative]
  const transition: TransitionJson = typeof found === 'string' ? { target: found } : found
  const several = Array.isArray(transitions)
  return {
    transition,
    path: `machine.states.${from}.on.${event}${several ? `[${alternative}]` : ''}`,
    save() {
      if (several) transitions[alternative] = transition
      else state.on![event] = transition
    },
  }
}

/** The actions of a transition as a list (a definition may write one alone) */
function actionsOf(transition: TransitionJson): ReferenceJson[] {
  return transition.actions === undefined ? [] : [transition.actions].flat()
}

/** Changes the actions of one transition: one audited change naming …actions */
function changeActions(
  key: string,
  actor: User,
  place: TransitionPlace,
  edit: (actions: ReferenceJson[], body: WorkflowDefinitionBody) => Promise<void> | void
) {
  return changeDraft(key, actor, async (body) => {
    const { transition, path, save } = transitionAt(body, place)
    const before = actionsOf(transition)
    const actions = [...before]
    await edit(actions, body)
    if (actions.length) transition.actions = actions
    else delete transition.actions
    save()
    return {
      body,
      changes: {
        [`${path}.actions`]: {
          before: before.length ? json(before) : null,
          after: actions.length ? json(actions) : null,
        },
      },
    }
  })
}

function actionAt(actions: ReferenceJson[], position: number) {
  if (!Number.isInteger(position) || position < 0 || position >= actions.length) {
    throw new StudioNotFoundError(STATE_MESSAGES.noAction)
  }
}

/** « Ajouter une action »: at the end of the transition's actions, its params checked */
export function addTransitionAction(
  key: string,
  actor: User,
  place: TransitionPlace,
  input: RuleInput
) {
  return changeActions(key, actor, place, async (actions, body) => {
    actions.push(await checkedRule(body, 'action', input))
  })
}

/** An action's params changed (or another action put in its place) */
export function changeTransitionAction(
  key: string,
  actor: User,
  place: TransitionPlace,
  position: number,
  input: RuleInput
) {
  return changeActions(key, actor, place, async (actions, body) => {
    actionAt(actions, position)
    actions[position] = await checkedRule(body, 'action', input)
  })
}

/** « Retirer » an action of a transition */
export function removeTransitionAction(
  key: string,
  actor: User,
  place: TransitionPlace,
  position: number
) {
  return changeActions(key, actor, place, (actions) => {
    actionAt(actions, position)
    actions.splice(position, 1)
  })
}

/**
 * « Choisir une condition » (or change it), its params checked; `null`
 * is « Retirer la condition ». One audited change naming …guard.
 */
export function setTransitionGuard(
  key: string,
  actor: User,
  place: TransitionPlace,
  input: RuleInput | null
) {
  return changeDraft(key, actor, async (body) => {
    const { transition, path, save } = transitionAt(body, place)
    const before = transition.guard ?? null
    if (input === null && before === null) throw new StudioNotFoundError(STATE_MESSAGES.noGuard)
    if (input === null) delete transition.guard
    else transition.guard = await checkedRule(body, 'guard', input)
    save()
    return {
      body,
      changes: {
        [`${path}.guard`]: {
          before: before === null ? null : json(before),
          after: transition.guard === undefined ? null : json(transition.guard),
        },
      },
    }
  })
}
