import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import engine, { START_EVENT } from '#workflow/engine'
import { activeStateIds } from '#workflow/machine_builder'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import type { FieldJson, WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'
import type { DecisionDefinition } from '#services/back_office/definitions'
import { formatParisDateTime, isoParisDateTime } from '#services/back_office/format'

/**
 * C2: an item of the caisse back office shaped for its page: what was
 * submitted (the values of each form, with the labels of the definition),
 * the history (who, what, when) and the decisions the actor may take now.
 * Values are plain text: the page prints them as text, never as HTML.
 */

export interface SubmittedSection {
  title: string
  fields: Array<{ label: string; value: string }>
}

export interface HistoryEntry {
  seq: number
  at: string
  atIso: string
  actor: string
  event: string
  from: string | null
  to: string
  /** Texts typed with a decision (the reason of an invalidation) */
  details: Array<{ label: string; value: string }>
}

export interface DecisionAction {
  event: string
  label: string
  /** Fields the decision carries (the reason of an invalidation) */
  fields: Array<{ name: string; label: string; required: boolean; maxLength: number | null }>
}

const ROLE_LABELS: Record<string, string> = {
  visitor: 'visiteur',
  partner_user: 'utilisateur partenaire',
  partner_admin: 'administrateur partenaire',
  caisse_admin: 'administrateur caisse',
  analyst: 'analyste',
  platform_admin: 'administrateur de la plateforme',
  system: 'application',
}

/** Record keys a definition may display without a form field naming them */
const KEY_LABELS: Record<string, string> = {
  partnerName: 'Nom partenaire',
  siret: 'SIRET',
  conventionCode: 'Code convention',
  caisseName: 'Caisse',
  conventionType: 'Type de convention',
}

/** Never shown, whatever a form calls them */
const HIDDEN_FIELD = /captcha|password|mot_?de_?passe/i
const SECRET_TYPES = ['password', 'captcha']

export function stateIdOf(instance: WorkflowInstance) {
  return activeStateIds(instance.snapshot.value)[0] ?? instance.state
}

export function stateLabel(body: WorkflowDefinitionBody, stored: string | null): string | null {
  if (stored === null) return null
  const id = stateLabelId(stored) ?? stored
  return body.screens[id]?.title ?? id
}

function eventLabel(body: WorkflowDefinitionBody, event: string, fromState: string | null) {
  if (event === START_EVENT) return 'Création du dossier'
  const fromId = fromState ? (stateLabelId(fromState) ?? fromState) : null
  const button = fromId
    ? body.screens[fromId]?.buttons?.find((candidate) => candidate.event === event)
    : undefined
  const form = body.forms[event]
  /** What the person clicked: the screen's button, else the form's submit label */
  return button?.label ?? form?.submitLabel ?? form?.title ?? event
}

/** "submitted" → "submitted"; '{"a":"b"}' (a nested state as stored) → "a.b" */
function stateLabelId(stored: string) {
  if (!stored.startsWith('{')) return stored
  try {
    return activeStateIds(JSON.parse(stored))[0]
  } catch {
    return undefined
  }
}

async function referenceLabel(field: FieldJson, value: unknown): Promise<string> {
  if (field.options) {
    return field.options.find((option) => option.value === String(value))?.label ?? String(value)
  }
  const source = field.source ? REFERENCE_SOURCES[field.source] : undefined
  if (!source) return String(value)
  const row = await db
    .from(source.table)
    .where(source.valueColumn, value as number)
    .select(`${source.labelColumn} as label`)
    .first()
  return row ? String(row.label) : String(value)
}

async function displayValue(field: FieldJson, value: unknown): Promise<string> {
  if (field.type === 'checkbox') return value === true || value === 'on' ? 'Oui' : 'Non'
  if (value === undefined || value === null || value === '') return 'Non renseigné'
  if (field.type === 'select' || field.type === 'dependent_select') {
    return referenceLabel(field, value)
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function visibleFields(fields: FieldJson[]) {
  return fields.filter(
    (field) => !SECRET_TYPES.includes(field.type) && !HIDDEN_FIELD.test(field.name)
  )
}

/** The forms filled before the caisse's decision, field by field, grouped as on the form */
async function submittedSections(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  transitions: WorkflowTransition[]
): Promise<SubmittedSection[]> {
  const { body } = definition
  const sections = new Map<string, SubmittedSection>()
  const section = (title: string) => {
    let found = sections.get(title)
    if (!found) {
      found = { title, fields: [] }
      sections.set(title, found)
    }
    return found
  }
  for (const transition of transitions) {
    if (definition.decisionEvents.includes(transition.event)) continue
    const form = body.forms[transition.event]
    if (!form) continue
    for (const field of visibleFields(form.fields)) {
      const step = transition.fromState ? stateLabel(body, transition.fromState) : null
      section(field.group ?? form.title ?? step ?? 'Formulaire').fields.push({
        label: field.label,
        value: await displayValue(field, transition.payload?.[field.name]),
      })
    }
  }
  if (sections.size) return [...sections.values()]

  /** Started with its data (a convention added by a partner): the keys its screen displays */
  const context = instance.snapshot.context ?? {}
  const screen = definition.pendingStateIds
    .map((id) => body.screens[id])
    .find((candidate) => candidate?.display?.length)
  const keys = screen?.display ?? []
  const fieldsByName = new Map(
    Object.values(body.forms).flatMap((form) => form.fields.map((field) => [field.name, field]))
  )
  const fields = []
  for (const key of keys.filter((name) => !HIDDEN_FIELD.test(name))) {
    const field = fieldsByName.get(key)
    fields.push({
      label: field?.label ?? KEY_LABELS[key] ?? key,
      value: field
        ? await displayValue(field, context[key])
        : context[key] === null || context[key] === undefined
          ? 'Non renseigné'
          : String(context[key]),
    })
  }
  return fields.length ? [{ title: 'Données du dossier', fields }] : []
}

async function history(
  definition: DecisionDefinition,
  transitions: WorkflowTransition[]
): Promise<HistoryEntry[]> {
  const { body } = definition
  const ids = [
    ...new Set(transitions.map((row) => row.actorId).filter((id): id is number => id !== null)),
  ]
  const users = ids.length ? await User.query().whereIn('id', ids) : []
  const names = new Map(users.map((user) => [user.id, user.fullName]))
  return transitions.map((row) => {
    const role = ROLE_LABELS[row.actorRole] ?? row.actorRole
    const name =
      row.actorId === null
        ? role.charAt(0).toUpperCase() + role.slice(1)
        : `${names.get(row.actorId) ?? `Utilisateur n° ${row.actorId}`} (${role})`
    const decisionForm = definition.decisionEvents.includes(row.event)
      ? body.forms[row.event]
      : undefined
    const details = visibleFields(decisionForm?.fields ?? [])
      .filter((field) => typeof row.payload?.[field.name] === 'string')
      .map((field) => ({ label: field.label, value: String(row.payload[field.name]) }))
    return {
      seq: row.seq,
      at: formatParisDateTime(row.createdAt),
      atIso: isoParisDateTime(row.createdAt),
      actor: name,
      event: eventLabel(body, row.event, row.fromState),
      from: stateLabel(body, row.fromState),
      to: stateLabel(body, row.toState) ?? row.toState,
      details,
    }
  })
}

/** The decisions this actor may take now, as buttons with the fields they carry */
async function actions(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  actor: WorkflowActor
): Promise<DecisionAction[]> {
  const { body } = definition
  const available = await engine.availableEvents(instance, actor)
  const screen = body.screens[stateIdOf(instance)]
  return definition.decisionEvents
    .filter((event) => available.includes(event))
    .map((event) => {
      const form = body.forms[event]
      return {
        event,
        label:
          screen?.buttons?.find((button) => button.event === event)?.label ??
          form?.submitLabel ??
          event,
        fields: visibleFields(form?.fields ?? [])
          .filter((field) => field.type === 'textarea' || field.type === 'text')
          .map((field) => ({
            name: field.name,
            label: field.label,
            required: field.required === true,
            maxLength: field.maxLength ?? null,
          })),
      }
    })
}

export async function presentItem(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  actor: WorkflowActor
) {
  const transitions = await WorkflowTransition.query()
    .where('instance_id', instance.id)
    .orderBy('seq', 'asc')
  const context = instance.snapshot.context ?? {}
  const partner = instance.partnerId
    ? await db.from('partners').where('id', instance.partnerId).select('name', 'siret').first()
    : null
  const caisse = instance.caisseId
    ? await db.from('caisses').where('id', instance.caisseId).select('name').first()
    : null
  const decision = context.decision as { outcome?: string; reason?: string | null } | null
  const pending =
    instance.status === 'active' && definition.pendingStateIds.includes(stateIdOf(instance))
  const arrival = [...transitions]
    .reverse()
    .find((row) => definition.pendingStateIds.includes(stateLabelId(row.toState) ?? ''))
  const text = (value: unknown) =>
    value === null || value === undefined || value === '' ? null : String(value)

  return {
    item: {
      id: instance.id,
      kind: definition.kindLabel,
      state: stateLabel(definition.body, instance.state) ?? instance.state,
      pending,
      lockVersion: instance.lockVersion,
      receivedAt: formatParisDateTime(arrival?.createdAt ?? instance.updatedAt),
      partnerName: text(context.partnerName) ?? text(partner?.name),
      siret: text(context.siret) ?? text(partner?.siret),
      conventionCode: text(context.conventionCode),
      caisseName: text(caisse?.name) ?? text(context.caisseName),
      decisionReason: decision && typeof decision.reason === 'string' ? decision.reason : null,
    },
    submitted: await submittedSections(definition, instance, transitions),
    history: await history(definition, transitions),
    actions: pending ? await actions(definition, instance, actor) : [],
  }
}

export type PresentedItem = Awaited<ReturnType<typeof presentItem>>
