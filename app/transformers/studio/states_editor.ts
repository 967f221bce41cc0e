import {
  EVENT_TONES,
  isStoredField,
  type EventTone,
  type ReferenceJson,
  type WorkflowDefinitionBody,
} from '#workflow/types'
import {
  ruleCatalogue,
  type CatalogueEntry,
  type RuleCatalogue,
} from '#services/studio/rule_catalogue'

/** What the outline's forms send, as typed */
export type StateForm = { title: string; id: string; final: boolean }
export type TransitionForm = { event: string; label: string; target: string }
/** A guard or an action: its name in the catalogue, its params as the form holds them */
export type RuleForm = { type: string; params: Record<string, string | boolean> }

/** A guard or an action of a transition, in French */
export type RuleView = {
  type: string
  /** The catalogue's description; null for a name the registry does not know (the checks say so) */
  description: string | null
  kindLabel: string | null
  /** Each param with its French label and its value as text */
  params: Array<{ name: string; label: string; value: string }>
  /** The same params as the form edits them */
  values: RuleForm['params']
}

export type OutlineTransition = {
  event: string
  /** The event's French label (events.<E>.label, its form's button…), else its name */
  label: string
  /** How its button looks (events.<E>.tone) */
  tone: EventTone
  target: string
  targetTitle: string
  /** Which of the event's transitions (a definition may list several, each with its guard) */
  alternative: number
  guard: RuleView | null
  actions: RuleView[]
  /** The fields of the event's form a param may name (never a password) */
  formFields: string[]
}

export type OutlineState = {
  id: string
  title: string
  final: boolean
  initial: boolean
  transitions: OutlineTransition[]
}

/** « Apparence du bouton »: what each tone of an event's button looks like, in French */
export const TONE_LABELS: Record<EventTone, string> = {
  neutral: 'Neutre',
  accept: 'Accepter (vert)',
  refuse: 'Refuser (rouge)',
}

/** The two places of the draft page that add and rename states and transitions */
export type FormPlace = 'outline' | 'graph'

/** Where a guard or action form of the outline is: state, event, which transition */
type RulePlace = { state: string; event: string; alternative: number }

export type StatesEditorProps = {
  states: OutlineState[]
  /** The events of the draft, to reuse one with its label */
  events: Array<{ name: string; label: string }>
  /** The choices of « Apparence du bouton » */
  tones: Array<{ value: EventTone; label: string }>
  /** S4 the guards and actions a transition may use, with the form of their params */
  catalogue: RuleCatalogue
  /** The draft's mail templates, which a template param names */
  templates: string[]
  /**
   * After a refusal: which form, of which state, what was typed; `where`
   * says whether it was the outline's or the graph panel's (both have
   * these forms), so the refusal shows in the one it came from
   */
  typed:
    | { form: 'state'; where: FormPlace; values: StateForm }
    | { form: 'rename'; where: FormPlace; state: string; values: { id: string } }
    | { form: 'transition'; where: FormPlace; state: string; values: TransitionForm }
    | { form: 'label'; where: FormPlace; event: string; values: { label: string; tone: string } }
    | { form: 'remove'; state: string }
    | ({ form: 'guard'; values: RuleForm } & RulePlace)
    /** position: null for « Ajouter une action », else the action changed */
    | ({ form: 'action'; position: number | null; values: RuleForm } & RulePlace)
    | null
}

/** A param's value as the outline shows it */
function shown(value: unknown): string {
  if (value === true) return 'oui'
  if (value === false) return 'non'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A param's value as its field edits it: JSON text for a JSON field, a checkbox's boolean */
function editable(entry: CatalogueEntry | undefined, name: string, value: unknown) {
  const kind = entry?.fields.find((field) => field.name === name)?.kind
  if (kind === 'checkbox') return value === true
  if (kind === 'json' || typeof value !== 'string') return JSON.stringify(value)
  return value
}

function ruleView(reference: ReferenceJson, entries: CatalogueEntry[]): RuleView {
  const type = typeof reference === 'string' ? reference : reference.type
  const params = typeof reference === 'string' ? {} : (reference.params ?? {})
  const entry = entries.find(({ name }) => name === type)
  const labelOf = (name: string) =>
    entry?.fields.find((field) => field.name === name)?.label.replace(/ \(JSON\)$/, '') ?? name
  return {
    type,
    description: entry?.description ?? null,
    kindLabel: entry?.kindLabel ?? null,
    params: Object.entries(params).map(([name, value]) => ({
      name,
      label: labelOf(name),
      value: shown(value),
    })),
    values: Object.fromEntries(
      Object.entries(params).map(([name, value]) => [name, editable(entry, name, value)])
    ),
  }
}

/** S4 the outline part of the draft page (inertia/components/studio/states_editor.tsx) */
export function statesEditorProps(
  body: WorkflowDefinitionBody,
  typed: StatesEditorProps['typed'] = null
): StatesEditorProps {
  const catalogue = ruleCatalogue()
  const titleOf = (id: string) => body.screens[id]?.title ?? id
  const labelOf = (event: string) =>
    body.events?.[event]?.label ??
    body.forms[event]?.submitLabel ??
    Object.values(body.screens)
      .flatMap((screen) => screen.buttons ?? [])
      .find((button) => button.event === event)?.label ??
    event
  const formFieldsOf = (event: string) =>
    (body.forms[event]?.fields ?? []).filter(isStoredField).map(({ name }) => name)
  const events = new Set<string>()
  const states = Object.entries(body.machine.states).map(([id, state]) => ({
    id,
    title: titleOf(id),
    final: state.type === 'final',
    initial: body.machine.initial === id,
    transitions: Object.entries(state.on ?? {}).flatMap(([event, transitions]) => {
      events.add(event)
      return [transitions].flat().map((transition, alternative) => {
        const object = typeof transition === 'string' ? { target: transition } : transition
        const target = object.target ?? id
        return {
          event,
          label: labelOf(event),
          tone: body.events?.[event]?.tone ?? 'neutral',
          target,
          targetTitle: titleOf(target),
          alternative,
          guard: object.guard === undefined ? null : ruleView(object.guard, catalogue.guards),
          actions: [object.actions ?? []]
            .flat()
            .map((action) => ruleView(action, catalogue.actions)),
          formFields: formFieldsOf(event),
        }
      })
    }),
  }))
  return {
    states,
    events: [...events].map((name) => ({ name, label: labelOf(name) })),
    tones: EVENT_TONES.map((value) => ({ value, label: TONE_LABELS[value] })),
    catalogue,
    templates: Object.keys(body.notifications ?? {}),
    typed,
  }
}
