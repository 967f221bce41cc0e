import microdiff from 'microdiff'
import { diffArrays } from 'diff'
import WorkflowDefinition from '#models/workflow_definition'
import { StudioNotFoundError } from '#services/studio/errors'
import { PUBLICATION_MESSAGES } from '#services/studio/publication'
import type {
  EventTone,
  FieldJson,
  PermissionJson,
  ReferenceJson,
  StateNodeJson,
  TransitionJson,
  TransitionsJson,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S8 « Comparer » two versions of a workflow, any two of its key (the
 * draft included). The bodies are first keyed by name (states by their
 * path, transitions by state and event, fields by event and name, the
 * rules of « Qui peut l'envoyer » by role and scope), then compared by
 * microdiff: a reordering is no change, and each difference names the
 * state, transition or field it concerns. The order of a form's fields,
 * which the keying drops, is compared apart (diffArrays): a field that
 * moved is « déplacé ». The words are the transformer's.
 */

export const COMPARISON_MESSAGES = {
  notANumber: 'Choisissez une version dans la liste.',
  unknownVersion: (version: string) =>
    `Ce parcours n’a pas de version ${version} : choisissez-en une dans la liste.`,
  sameVersion: 'Choisissez deux versions différentes.',
}

/** What the two selects send: « de » the version compared from, « a » the one compared to */
export type ComparisonQuery = { de?: unknown; a?: unknown }

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved'

/** The parts of a definition a change is listed under */
export type ComparisonSection =
  | 'states'
  | 'transitions'
  | 'forms'
  | 'fields'
  | 'permissions'
  | 'notifications'
  | 'events'
  | 'general'

/** A state with its page (`screens.<state>`): what « Ajouter un état » edits */
export type ComparedState = {
  path: string[]
  type?: string
  initial?: string
  description?: string
  entry?: ReferenceJson[]
  exit?: ReferenceJson[]
  tags?: string[]
  page?: string
  title?: string
  text?: string
  /** A button's label by its event */
  buttons?: Record<string, string>
  display?: string[]
}

/** One transition: from a state, on an event (empty: `always`), its n-th alternative */
export type ComparedTransition = {
  state: string[]
  event: string
  alternative: number
  target?: string
  guard?: ReferenceJson
  actions?: ReferenceJson[]
  description?: string
}

export type ComparedField = FieldJson & { event: string }

/** « Qui peut l'envoyer »: the rules of an event by role and scope */
export type ComparedRules = Record<string, PermissionJson>

/** A form's own words (its fields are compared one by one) */
export type ComparedForm = { event: string; title?: string; submitLabel?: string }

export type ComparedEvent = { event: string; label?: string; tone?: EventTone; via?: string[] }

/** One thing that differs between the two versions, with what it was and what it is */
export type BodyChange = {
  section: ComparisonSection
  /** Its name in the section: « pending », « pending VALIDATE », « INVALIDATE reason »… */
  key: string
  kind: ChangeKind
  /** The properties that differ (a change), or « position » (a move) */
  properties: string[]
  before: unknown
  after: unknown
  /** A moved field: its place in the form before and after (from 1), and how many fields */
  position?: { before: number; after: number; countBefore: number; countAfter: number }
}

type Keyed = Record<ComparisonSection, Record<string, unknown>>

/** Every version of a workflow, the newest first (404 for a key never stored) */
export async function comparableVersions(key: string) {
  const definitions = await WorkflowDefinition.query().where('key', key).orderBy('version', 'desc')
  if (!definitions.length) throw new StudioNotFoundError(PUBLICATION_MESSAGES.unknownWorkflow)
  return definitions
}

/**
 * The two versions the selects name, or by default the published one and
 * the newest (the draft, if there is one); when the published version is
 * the newest, the one before it and it. `errors`: the French message next
 * to the select that names no version of this key, or names the other's.
 */
export function chosenVersions(definitions: WorkflowDefinition[], query: ComparisonQuery) {
  const newest = definitions[0]
  const published = definitions.find(({ status }) => status === 'published')
  const start = published && published !== newest ? published : definitions[1]
  const errors: Record<string, string> = {}
  const pick = (field: 'de' | 'a', fallback: WorkflowDefinition | undefined) => {
    const given = query[field]
    if (given === undefined || given === '') return fallback ?? null
    if (typeof given !== 'string' || !/^\d{1,9}$/.test(given)) {
      errors[field] = COMPARISON_MESSAGES.notANumber
      return fallback ?? null
    }
    const found = definitions.find(({ version }) => version === Number(given))
    if (!found) errors[field] = COMPARISON_MESSAGES.unknownVersion(given)
    return found ?? fallback ?? null
  }
  const from = pick('de', start)
  const to = pick('a', newest)
  if (!Object.keys(errors).length && from && from === to) errors.a = COMPARISON_MESSAGES.sameVersion
  return { from, to, errors }
}

/** S8 what was added, removed, changed or moved from one body to the other */
export function compareBodies(
  before: WorkflowDefinitionBody,
  after: WorkflowDefinitionBody
): BodyChange[] {
  const [keyedBefore, keyedAfter] = [keyed(before), keyed(after)]
  const byEntity = new Map<string, BodyChange>()
  for (const difference of microdiff(keyedBefore, keyedAfter, { cyclesFix: false })) {
    const [section, key, property] = difference.path as [ComparisonSection, string, unknown]
    const id = `${section}\u0000${key}`
    const change = byEntity.get(id) ?? {
      section,
      key,
      kind: kindOf(difference.type, difference.path.length),
      properties: [],
      before: keyedBefore[section][key],
      after: keyedAfter[section][key],
    }
    if (typeof property === 'string' && !change.properties.includes(property)) {
      change.properties.push(property)
    }
    byEntity.set(id, change)
  }
  const [eventsBefore, eventsAfter] = [machineEvents(before), machineEvents(after)]
  /**
   * An event that only one of the versions has: its label and who may send
   * it are said with its transitions (added or removed), not once more apart
   */
  const folded = ({ section, key }: BodyChange) =>
    (section === 'permissions' || section === 'events') &&
    eventsBefore.has(key) !== eventsAfter.has(key)
  return [...byEntity.values(), ...movedFields(before, after)].filter((change) => !folded(change))
}

function kindOf(type: 'CREATE' | 'REMOVE' | 'CHANGE', depth: number): ChangeKind {
  if (depth > 2) return 'changed'
  if (type === 'CREATE') return 'added'
  return type === 'REMOVE' ? 'removed' : 'changed'
}

/** The events some transition of the machine answers */
export function machineEvents(body: WorkflowDefinitionBody) {
  const events = new Set<string>()
  for (const { node } of statesOf(body.machine?.states ?? {})) {
    for (const event of Object.keys(node.on ?? {})) events.add(event)
  }
  return events
}

/** The body keyed by name, section by section, without the undefined values microdiff would see */
function keyed(body: WorkflowDefinitionBody): Keyed {
  const sections: Keyed = {
    states: {},
    transitions: {},
    forms: {},
    fields: {},
    permissions: {},
    notifications: {},
    events: {},
    general: {},
  }
  for (const { path, node } of statesOf(body.machine?.states ?? {})) {
    const name = path.join('.')
    const screen = body.screens?.[name]
    sections.states[name] = compact({
      path,
      type: node.type,
      initial: node.initial,
      description: node.description,
      entry: listOf(node.entry),
      exit: listOf(node.exit),
      tags: node.tags,
      page: screen?.page,
      title: screen?.title,
      text: screen?.text,
      buttons: screen?.buttons
        ? Object.fromEntries(screen.buttons.map(({ event, label }) => [event, label]))
        : undefined,
      display: screen?.display,
    })
    const transitions: Array<[string, TransitionsJson | undefined]> = [
      ...Object.entries(node.on ?? {}),
      ['', node.always],
    ]
    for (const [event, list] of transitions) {
      listOf(list).forEach((one, alternative) => {
        const transition: TransitionJson = typeof one === 'string' ? { target: one } : one
        const key = [name, event, alternative ? `#${alternative + 1}` : ''].join(' ').trim()
        sections.transitions[key] = compact({
          state: path,
          event,
          alternative,
          target: transition.target,
          guard: transition.guard,
          actions: listOf(transition.actions),
          description: transition.description,
        })
      })
    }
  }
  for (const [event, form] of Object.entries(body.forms ?? {})) {
    sections.forms[event] = compact({ event, title: form.title, submitLabel: form.submitLabel })
    for (const field of form.fields ?? []) {
      sections.fields[`${event} ${field.name}`] = compact({ ...field, event })
    }
  }
  for (const [event, rules] of Object.entries(body.permissions ?? {})) {
    sections.permissions[event] = rulesOf(rules)
  }
  for (const [event, declared] of Object.entries(body.events ?? {})) {
    sections.events[event] = compact({
      event,
      label: declared.label,
      tone: declared.tone,
      via: declared.via,
    })
  }
  for (const [template, mail] of Object.entries(body.notifications ?? {})) {
    sections.notifications[template] = compact({ subject: mail.subject, text: mail.text })
  }
  /** The parts of the body no section above reads (a property a later version adds) */
  const others = Object.entries(body).filter(([name]) => !SECTION_PARTS.has(name))
  sections.general = compact({
    ...Object.fromEntries(others),
    'title': body.title,
    'versionLabel': body.versionLabel,
    'description': body.description,
    'subjectType': body.subjectType,
    'startPermissions': body.startPermissions ? rulesOf(body.startPermissions) : undefined,
    'viewers': body.viewers ? rulesOf(body.viewers) : undefined,
    'contextLabels': body.contextLabels,
    'machine.id': body.machine?.id,
    'machine.initial': body.machine?.initial,
    'machine.context': body.machine?.context,
  })
  return sections
}

/** The top-level parts of a body that keyed() reads itself (`key` is the same on both sides) */
const SECTION_PARTS = new Set([
  'key',
  'machine',
  'forms',
  'permissions',
  'events',
  'screens',
  'notifications',
  'startPermissions',
  'viewers',
])

/** Rules keyed by role and scope: the same rules in another order are the same */
function rulesOf(rules: PermissionJson[]): ComparedRules {
  return Object.fromEntries(rules.map(({ role, scope }) => [`${role} ${scope}`, { role, scope }]))
}

/** Every state of the machine, nested ones after their parent, with its path of names */
function* statesOf(
  states: Record<string, StateNodeJson>,
  parent: string[] = []
): Generator<{ path: string[]; node: StateNodeJson }> {
  for (const [name, node] of Object.entries(states)) {
    const path = [...parent, name]
    yield { path, node }
    if (node.states) yield* statesOf(node.states, path)
  }
}

function listOf<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** The value as JSON keeps it: no undefined property, no empty list of actions */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, one]) => one !== undefined && !(Array.isArray(one) && one.length === 0)
    )
  ) as T
}

/**
 * The fields of a form present in both versions whose order changed: of
 * the names in both, those the shortest edit of one order into the other
 * takes out and puts back elsewhere
 */
function movedFields(before: WorkflowDefinitionBody, after: WorkflowDefinitionBody): BodyChange[] {
  const moved: BodyChange[] = []
  for (const [event, form] of Object.entries(after.forms ?? {})) {
    const namesBefore = (before.forms?.[event]?.fields ?? []).map(({ name }) => name)
    const namesAfter = (form.fields ?? []).map(({ name }) => name)
    const common = new Set(namesBefore.filter((name) => namesAfter.includes(name)))
    const orderBefore = namesBefore.filter((name) => common.has(name))
    const orderAfter = namesAfter.filter((name) => common.has(name))
    for (const part of diffArrays(orderBefore, orderAfter)) {
      if (!part.added) continue
      for (const name of part.value) {
        moved.push({
          section: 'fields',
          key: `${event} ${name}`,
          kind: 'moved',
          properties: ['position'],
          before: { ...before.forms[event].fields.find((field) => field.name === name), event },
          after: { ...form.fields.find((field) => field.name === name), event },
          position: {
            before: namesBefore.indexOf(name) + 1,
            after: namesAfter.indexOf(name) + 1,
            countBefore: namesBefore.length,
            countAfter: namesAfter.length,
          },
        })
      }
    }
  }
  return moved
}
