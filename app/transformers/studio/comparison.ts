import { diffLines } from 'diff'
import type WorkflowDefinition from '#models/workflow_definition'
import { roleLabel } from '#formatting/french'
import type {
  BodyChange,
  ChangeKind,
  ComparedEvent,
  ComparedField,
  ComparedForm,
  ComparedRules,
  ComparedState,
  ComparedTransition,
  ComparisonSection,
} from '#services/studio/comparison'
import { FIELD_CATALOGUE } from '#services/studio/form_fields'
import { problemLocation } from '#transformers/studio/problem_location'
import { comparisonGraph, type ComparisonGraph } from '#transformers/studio/comparison_graph'
import { VERSION_STATUS_LABELS } from '#transformers/studio/workflows'
import { TONE_LABELS } from '#transformers/studio/states_editor'
import type {
  EventTone,
  PermissionJson,
  ReferenceJson,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S8 « Comparer » (inertia/pages/studio/comparison.tsx) in the studio's
 * words: each difference of app/services/studio/comparison.ts said where
 * it is (« De pending, l’événement VALIDATE vers validated »), what it was
 * and what it is now; then the two bodies as JSON, line by line, side by
 * side, the lines that differ marked (diffLines).
 */

export type ComparisonDetail = { property: string; before: string; after: string }

export type ComparisonItem = {
  id: string
  kind: ChangeKind
  /** « ajouté », « retirée », « modifié », « déplacé »… */
  kindLabel: string
  /** Where it is, in French */
  title: string
  /** What it was (a removal, a move), or null */
  before: string | null
  /** What it is now (an addition, a move), or null */
  after: string | null
  /** A change: each property that differs, before and now */
  details: ComparisonDetail[]
}

export type ComparisonGroup = { id: string; title: string; items: ComparisonItem[] }

/** A line of one side of « JSON côte à côte »; a blank line (number null) faces a line of the other */
export type ComparisonLine = {
  number: number | null
  text: string
  mark: 'added' | 'removed' | null
}

/** A run of rows that differ: the row it starts at (in both sides) and its lines in words */
export type ComparisonHunk = { row: number; label: string }

export type ComparisonPageProps = {
  workflow: { key: string; title: string }
  /** Every version, the newest first, as the selects offer them */
  versions: Array<{ version: number; label: string }>
  /** What the selects show */
  selected: { from: number | null; to: number | null }
  /** Null when there is nothing to show (one version only, or a refusal) */
  comparison: {
    from: string
    to: string
    count: number
    groups: ComparisonGroup[]
    /** The newer version's graph, with what changed marked (and what was removed drawn) */
    graph: ComparisonGraph
    json: {
      before: ComparisonLine[]
      after: ComparisonLine[]
      changedLines: number
      hunks: ComparisonHunk[]
    }
  } | null
}

const GROUPS: Array<{ id: string; title: string; sections: ComparisonSection[] }> = [
  { id: 'etats', title: 'États', sections: ['states'] },
  { id: 'transitions', title: 'Transitions', sections: ['transitions'] },
  { id: 'champs', title: 'Champs', sections: ['forms', 'fields'] },
  { id: 'permissions', title: 'Permissions (« Qui peut l’envoyer »)', sections: ['permissions'] },
  { id: 'mails', title: 'Mails', sections: ['notifications'] },
  { id: 'libelles', title: 'Libellés d’événements', sections: ['events'] },
  { id: 'autres', title: 'Autres modifications', sections: ['general'] },
]

const KIND_ORDER: ChangeKind[] = ['added', 'removed', 'changed', 'moved']

const KIND_LABELS: Record<ChangeKind, [masculine: string, feminine: string]> = {
  added: ['ajouté', 'ajoutée'],
  removed: ['retiré', 'retirée'],
  changed: ['modifié', 'modifiée'],
  moved: ['déplacé', 'déplacée'],
}

/** The properties of states, transitions, fields, forms, mails and events, capitalised */
const PROPERTY_LABELS: Record<string, string> = {
  type: 'Type',
  initial: 'État initial',
  description: 'Description',
  entry: 'Actions à l’entrée',
  exit: 'Actions à la sortie',
  tags: 'Étiquettes',
  page: 'Page',
  title: 'Titre',
  text: 'Texte',
  buttons: 'Boutons',
  display: 'Données affichées',
  target: 'Vers',
  guard: 'Condition',
  actions: 'Actions',
  label: 'Libellé',
  required: 'Obligatoire',
  maxLength: 'Longueur maximale',
  help: 'Aide',
  group: 'Groupe',
  source: 'Source de données',
  options: 'Options',
  dependsOn: 'Champ dont il dépend',
  filterKey: 'Filtre',
  submitLabel: 'Libellé du bouton',
  subject: 'Objet',
  via: 'Portes',
  tone: 'Apparence du bouton',
}

/** The definition's own parts that problemLocation says in lower case */
const GENERAL_LABELS: Record<string, string> = {
  'machine.id': 'Identifiant de la machine',
  'machine.initial': 'État initial de la machine',
  'machine.context': 'Contexte initial de la machine',
}

const STATE_TYPES: Record<string, string> = {
  atomic: 'simple',
  compound: 'composé',
  parallel: 'parallèle',
  final: 'final',
}

/** The scopes of « Qui peut l’envoyer », after the role */
const SCOPE_WORDS: Record<string, string> = {
  any: 'tous les dossiers',
  instance_caisse: 'les dossiers de sa caisse',
  instance_partner: 'les dossiers de son partenaire',
  self: 'ses propres dossiers',
}

export function versionLabel(definition: WorkflowDefinition) {
  return `Version ${definition.version} (${VERSION_STATUS_LABELS[definition.status]})`
}

export function comparisonPageProps(
  definitions: WorkflowDefinition[],
  from: WorkflowDefinition | null,
  to: WorkflowDefinition | null,
  changes: BodyChange[] | null
): ComparisonPageProps {
  const [newest] = definitions
  return {
    workflow: { key: newest.key, title: newest.body.title },
    versions: definitions.map((definition) => ({
      version: definition.version,
      label: versionLabel(definition),
    })),
    selected: { from: from?.version ?? null, to: to?.version ?? null },
    comparison:
      from && to && changes
        ? {
            from: versionLabel(from),
            to: versionLabel(to),
            count: changes.length,
            groups: comparisonGroups(changes, from.body, to.body),
            graph: comparisonGraph(from.body, to.body, changes),
            json: sideBySide(prettyJson(from.body), prettyJson(to.body)),
          }
        : null,
  }
}

/** The differences grouped as the page shows them, empty groups left out */
export function comparisonGroups(
  changes: BodyChange[],
  before: WorkflowDefinitionBody,
  after: WorkflowDefinitionBody
): ComparisonGroup[] {
  const bodies = { before, after }
  return GROUPS.map(({ id, title, sections }) => ({
    id,
    title,
    items: changes
      .filter((change) => sections.includes(change.section))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
      .map((change) => itemOf(change, bodies)),
  })).filter(({ items }) => items.length > 0)
}

type Bodies = { before: WorkflowDefinitionBody; after: WorkflowDefinitionBody }

/** Said whole, before and now, even when changed: a list of rules, a property of the definition */
const SAID_WHOLE: ComparisonSection[] = ['permissions', 'general']

function itemOf(change: BodyChange, bodies: Bodies): ComparisonItem {
  const said = SAYERS[change.section](change, bodies)
  const feminine = change.section === 'transitions'
  const detailed = change.kind === 'changed' && !SAID_WHOLE.includes(change.section)
  return {
    id: `${change.section}-${change.key}-${change.kind}`.replace(/[^\w-]+/g, '-'),
    kind: change.kind,
    kindLabel: KIND_LABELS[change.kind][feminine ? 1 : 0],
    title: said.title,
    before: change.kind === 'added' || detailed ? null : said.before,
    after: change.kind === 'removed' || detailed ? null : said.after,
    details: detailed
      ? change.properties.map((property) => ({
          property: PROPERTY_LABELS[property] ?? property,
          before: valueWords(property, (change.before as Record<string, unknown>)[property]),
          after: valueWords(property, (change.after as Record<string, unknown>)[property]),
        }))
      : [],
  }
}

type Said = { title: string; before: string; after: string }

/** Each section's words: where the change is, and the whole of what it was and is */
const SAYERS: Record<ComparisonSection, (change: BodyChange, bodies: Bodies) => Said> = {
  states: (change) => {
    const state = (change.after ?? change.before) as ComparedState
    return {
      title: `État ${state.path.join(' › ')}`,
      before: stateWords(change.before as ComparedState),
      after: stateWords(change.after as ComparedState),
    }
  },
  transitions: (change, bodies) => {
    const transition = (change.after ?? change.before) as ComparedTransition
    const moved = change.kind === 'changed' && change.properties.includes('target')
    return {
      title: transitionTitle(transition, !moved),
      before: transitionWords(change.before as ComparedTransition, bodies.before),
      after: transitionWords(change.after as ComparedTransition, bodies.after),
    }
  },
  fields: (change) => {
    const field = (change.after ?? change.before) as ComparedField
    const place = (count: number, at?: number) => `n° ${at} sur ${count}`
    const { position } = change
    return {
      title: `Formulaire de l’événement ${field.event} › champ « ${field.label} » (${field.name})`,
      before: position
        ? place(position.countBefore, position.before)
        : fieldWords(change.before as ComparedField),
      after: position
        ? place(position.countAfter, position.after)
        : fieldWords(change.after as ComparedField),
    }
  },
  forms: (change) => {
    const form = (change.after ?? change.before) as ComparedForm
    return {
      title: `Formulaire de l’événement ${form.event}`,
      before: formWords(change.before as ComparedForm),
      after: formWords(change.after as ComparedForm),
    }
  },
  permissions: (change, bodies) => ({
    title:
      problemLocation(`permissions.${change.key}`, {}) +
      labelOf(change.key, change.after ? bodies.after : bodies.before, ' (« ', ' »)'),
    before: rulesWords(change.before as ComparedRules | undefined),
    after: rulesWords(change.after as ComparedRules | undefined),
  }),
  notifications: (change) => ({
    title: problemLocation(`notifications.${change.key}`, {}),
    before: mailWords(change.before),
    after: mailWords(change.after),
  }),
  events: (change) => ({
    title: problemLocation(`events.${change.key}`, {}),
    before: eventWords(change.before as ComparedEvent | undefined),
    after: eventWords(change.after as ComparedEvent | undefined),
  }),
  general: (change, bodies) => ({
    title: GENERAL_LABELS[change.key] ?? problemLocation(change.key, bodies.after),
    before: valueWords(change.key, change.before),
    after: valueWords(change.key, change.after),
  }),
}

/** « De pending, l’événement VALIDATE vers validated » (without « vers » when the target changed) */
function transitionTitle(transition: ComparedTransition, withTarget: boolean) {
  const from = transition.state.join(' › ')
  const event = transition.event ? `l’événement ${transition.event}` : 'la transition automatique'
  const alternative = transition.alternative ? ` (cas n° ${transition.alternative + 1})` : ''
  const target = transition.target ? ` vers ${transition.target}` : ' sans changer d’état'
  return `De ${from}, ${event}${alternative}${withTarget ? target : ''}`
}

/** An added or removed transition in full: its event's label and who may send it, from its own body */
function transitionWords(transition: ComparedTransition | undefined, body: WorkflowDefinitionBody) {
  if (!transition) return '—'
  const words = [`vers ${transition.target ?? 'le même état'}`]
  if (transition.event) {
    const label = labelOf(transition.event, body, '« ', ' »')
    if (label) words.push(`libellé ${label}`)
    words.push(`qui peut l’envoyer : ${rulesWords(body.permissions?.[transition.event])}`)
  }
  if (transition.guard) words.push(`condition : ${referenceWords(transition.guard)}`)
  words.push(
    transition.actions?.length
      ? `actions : ${transition.actions.map(referenceWords).join(', ')}`
      : 'aucune action'
  )
  return words.join(' ; ')
}

/** The French label of an event (events.<E>.label, else its form's button, else a screen's button) */
function labelOf(event: string, body: WorkflowDefinitionBody, open = '', close = '') {
  const button = Object.values(body.screens ?? {})
    .flatMap((screen) => screen.buttons ?? [])
    .find((one) => one.event === event)
  const label =
    body.events?.[event]?.label ?? body.forms?.[event]?.submitLabel ?? button?.label ?? ''
  return label ? `${open}${label}${close}` : ''
}

function stateWords(state: ComparedState | undefined) {
  if (!state) return '—'
  const words: string[] = []
  if (state.title) words.push(`« ${state.title} »`)
  if (state.page) words.push(`page ${state.page}`)
  if (state.text) words.push(`texte « ${state.text} »`)
  if (state.type && state.type !== 'atomic')
    words.push(`état ${STATE_TYPES[state.type] ?? state.type}`)
  return words.join(' ; ') || 'sans page'
}

/** « Personne à contacter (Texte court, facultatif) » */
function fieldWords(field: ComparedField | undefined) {
  if (!field) return '—'
  const traits = [typeWords(field.type), field.required ? 'obligatoire' : 'facultatif']
  if (field.group) traits.push(`groupe « ${field.group} »`)
  if (field.maxLength) traits.push(`${field.maxLength} caractères au plus`)
  if (field.source) traits.push(`référentiel ${field.source}`)
  return `${field.label} (${traits.join(', ')})`
}

function typeWords(type: unknown) {
  return typeof type === 'string' && Object.hasOwn(FIELD_CATALOGUE, type)
    ? FIELD_CATALOGUE[type as keyof typeof FIELD_CATALOGUE]
    : String(type)
}

function formWords(form: ComparedForm | undefined) {
  if (!form) return '—'
  const words = [form.title ? `« ${form.title} »` : 'sans titre']
  if (form.submitLabel) words.push(`bouton « ${form.submitLabel} »`)
  return words.join(' ; ')
}

function mailWords(mail: unknown) {
  if (!mail) return '—'
  return `objet « ${(mail as { subject?: string }).subject ?? ''} »`
}

function eventWords(event: ComparedEvent | undefined) {
  if (!event) return '—'
  return event.label ? `« ${event.label} »` : 'sans libellé'
}

/** « administrateur caisse (les dossiers de sa caisse), analyste (tous les dossiers) » */
function rulesWords(rules: ComparedRules | PermissionJson[] | undefined) {
  const list: PermissionJson[] = Array.isArray(rules) ? rules : Object.values(rules ?? {})
  if (!list.length) return 'personne'
  return list
    .map(({ role, scope }) => `${roleLabel(role)} (${SCOPE_WORDS[scope] ?? scope})`)
    .join(', ')
}

/** An action or a guard: « recordDecision (outcome : validated) » */
function referenceWords(reference: ReferenceJson) {
  if (typeof reference === 'string') return reference
  const params = Object.entries(reference.params ?? {}).map(
    ([name, value]) => `${name} : ${typeof value === 'string' ? value : JSON.stringify(value)}`
  )
  return params.length ? `${reference.type} (${params.join(', ')})` : reference.type
}

/** A property's value, before or now */
function valueWords(property: string, value: unknown): string {
  if (value === undefined || value === null) return '—'
  if (property === 'actions' || property === 'entry' || property === 'exit') {
    const list = value as ReferenceJson[]
    return list.length ? list.map(referenceWords).join(', ') : 'aucune'
  }
  if (property === 'guard') return referenceWords(value as ReferenceJson)
  if (property === 'tone') return TONE_LABELS[value as EventTone] ?? String(value)
  if (property === 'type' && typeof value === 'string' && STATE_TYPES[value]) {
    return STATE_TYPES[value]
  }
  if (property === 'type') return typeWords(value)
  if (property === 'startPermissions' || property === 'viewers') {
    return rulesWords(value as ComparedRules)
  }
  if (property === 'buttons') {
    return Object.entries(value as Record<string, string>)
      .map(([event, label]) => `« ${label} » (${event})`)
      .join(', ')
  }
  if (property === 'options' && Array.isArray(value)) {
    return value.map((option: { label?: string }) => `« ${option.label ?? ''} »`).join(', ')
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non'
  if (typeof value === 'string') return `« ${value} »`
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value) && value.every((one) => typeof one === 'string')) {
    return value.join(', ') || 'aucune'
  }
  return JSON.stringify(value)
}

function prettyJson(body: WorkflowDefinitionBody) {
  return JSON.stringify(body, null, 2)
}

/**
 * The two texts line by line, a removed line facing the line added in its
 * place, a blank line facing a line the other side does not have, so that
 * the lines both have stay level
 */
export function sideBySide(before: string, after: string) {
  const left: ComparisonLine[] = []
  const right: ComparisonLine[] = []
  const numbers = { left: 0, right: 0 }
  const line = (side: 'left' | 'right', text: string, mark: ComparisonLine['mark']) => ({
    number: ++numbers[side],
    text,
    mark,
  })
  const blank = (): ComparisonLine => ({ number: null, text: '', mark: null })
  const parts = diffLines(before, after)
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    if (!part.added && !part.removed) {
      for (const text of linesOf(part.value)) {
        left.push(line('left', text, null))
        right.push(line('right', text, null))
      }
      continue
    }
    const next = parts[index + 1]
    const removed = part.removed ? linesOf(part.value) : []
    const added = part.added ? linesOf(part.value) : next?.added ? linesOf(next.value) : []
    if (part.removed && next?.added) index++
    for (let row = 0; row < Math.max(removed.length, added.length); row++) {
      left.push(row < removed.length ? line('left', removed[row], 'removed') : blank())
      right.push(row < added.length ? line('right', added[row], 'added') : blank())
    }
  }
  const changedLines = [...left, ...right].filter(({ mark }) => mark).length
  return { before: left, after: right, changedLines, hunks: hunksOf(left, right) }
}

/**
 * The runs of rows that differ, for « Aller à une différence »: the row
 * each starts at, and its lines in words (« lignes 45 à 47 retirées,
 * ligne 45 ajoutée »)
 */
function hunksOf(left: ComparisonLine[], right: ComparisonLine[]): ComparisonHunk[] {
  const hunks: ComparisonHunk[] = []
  let start: number | null = null
  for (let row = 0; row <= left.length; row++) {
    const marked = row < left.length && Boolean(left[row].mark || right[row].mark)
    if (marked && start === null) start = row
    if (marked || start === null) continue
    const words = [
      linesWords(left.slice(start, row), 'retirée'),
      linesWords(right.slice(start, row), 'ajoutée'),
    ].filter(Boolean)
    hunks.push({ row: start, label: words.join(', ') })
    start = null
  }
  return hunks
}

function linesWords(lines: ComparisonLine[], what: string) {
  const numbers = lines.flatMap(({ number, mark }) => (mark && number ? [number] : []))
  if (!numbers.length) return ''
  if (numbers.length === 1) return `ligne ${numbers[0]} ${what}`
  return `lignes ${numbers[0]} à ${numbers.at(-1)} ${what}s`
}

function linesOf(text: string) {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}
