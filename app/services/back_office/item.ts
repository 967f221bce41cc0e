import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import engine from '#workflow/engine'
import { choicesOf, referenceLabel } from '#services/workflow/reference_data'
import { screenField, type ScreenField } from '#transformers/workflow/screen'
import type { FieldJson, WorkflowActor } from '#workflow/types'
import type { DecisionDefinition } from '#services/back_office/definitions'
import {
  HIDDEN_FIELD,
  itemPageProps,
  visibleFields,
  type SubmittedSection,
} from '#transformers/back_office/item'

/**
 * C2: what an item of the caisse back office shows, read from the record:
 * its transitions, who made them, its partner and caisse, its data (every
 * value a form of its version gave, list values by their label) and the
 * decisions the actor may take now. The page's props are shaped by
 * app/transformers/back_office/item.ts.
 */

async function displayValue(field: FieldJson | undefined, value: unknown): Promise<string> {
  if (field?.type === 'checkbox') return value === true || value === 'on' ? 'Oui' : 'Non'
  if (value === undefined || value === null || value === '') return 'Non renseigné'
  if (field && (field.type === 'select' || field.type === 'dependent_select')) {
    return referenceLabel(field, value)
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** A value that no form field labels (started with the record, set by an action) */
const RECORD_SECTION = 'Données du dossier'

/**
 * What the record holds, section by section: the keys the decision screen
 * displays first, then every other key of its data that a form field of its
 * version labels, in form order (a field added in a new version shows with
 * its label, without touching `display`). A value sits in its field's group
 * (« Informations partenaire »), else its form's title, else the step where
 * the form is filled.
 */
async function submittedSections(
  definition: DecisionDefinition,
  instance: WorkflowInstance
): Promise<SubmittedSection[]> {
  const { queries } = definition
  const context = instance.snapshot.context ?? {}
  const byName = new Map(definition.dataFields.map((stored) => [stored.field.name, stored]))
  const keys = [
    ...new Set([
      ...definition.displayKeys,
      ...definition.dataFields
        .filter((stored) => stored.field.name in context)
        .map((stored) => stored.field.name),
    ]),
  ].filter((key) => !HIDDEN_FIELD.test(key))

  const sections = new Map<string, SubmittedSection>()
  for (const key of keys) {
    const stored = byName.get(key)
    const step = stored && queries.stateHandling(stored.event)
    const title = stored
      ? (stored.field.group ??
        stored.form.title ??
        (step ? queries.stateLabel(step) : RECORD_SECTION))
      : RECORD_SECTION
    let section = sections.get(title)
    if (!section) {
      section = { title, fields: [] }
      sections.set(title, section)
    }
    section.fields.push({
      label: stored?.field.label ?? queries.dataLabel(key) ?? key,
      value: await displayValue(stored?.field, context[key]),
    })
  }
  return [...sections.values()]
}

export async function presentItem(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  actor: WorkflowActor
) {
  const transitions = await WorkflowTransition.query()
    .where('instance_id', instance.id)
    .orderBy('seq', 'asc')
  const partner = instance.partnerId
    ? await db.from('partners').where('id', instance.partnerId).select('name', 'siret').first()
    : null
  const caisse = instance.caisseId
    ? await db.from('caisses').where('id', instance.caisseId).select('name').first()
    : null
  const availableEvents = await engine.availableEvents(instance, actor)
  return itemPageProps({
    definition,
    instance,
    transitions,
    actorNames: await actorNames(transitions),
    partner,
    caisseName: caisse?.name,
    submitted: await submittedSections(definition, instance),
    availableEvents,
    decisionFields: await decisionFields(definition, availableEvents),
    historyDetails: await historyDetails(definition, transitions),
  })
}

/**
 * The fields of each decision the actor may take now, whatever their type
 * in the catalogue (a list with its reference data's choices): a form an
 * analyst gave a new event is rendered with no code
 */
async function decisionFields(definition: DecisionDefinition, availableEvents: string[]) {
  const shaped: Record<string, ScreenField[]> = {}
  for (const event of definition.decisionEvents.filter((e) => availableEvents.includes(e))) {
    const fields = visibleFields(definition.body.forms[event]?.fields ?? [])
    shaped[event] = await Promise.all(
      fields.map(async (field) => screenField(field, await choicesOf(field)))
    )
  }
  return shaped
}

/** What was entered with each caisse decision (its reason, a list's choice by its label) */
async function historyDetails(definition: DecisionDefinition, transitions: WorkflowTransition[]) {
  const details = new Map<number, Array<{ label: string; value: string }>>()
  for (const row of transitions) {
    if (!definition.decisionEvents.includes(row.event)) continue
    const fields = visibleFields(definition.body.forms[row.event]?.fields ?? []).filter(
      (field) => ![undefined, null, ''].includes(row.payload?.[field.name] as never)
    )
    details.set(
      row.seq,
      await Promise.all(
        fields.map(async (field) => ({
          label: field.label,
          value: await displayValue(field, row.payload[field.name]),
        }))
      )
    )
  }
  return details
}

/** Full names of the users who acted on the record */
async function actorNames(transitions: WorkflowTransition[]) {
  const ids = [
    ...new Set(transitions.map((row) => row.actorId).filter((id): id is number => id !== null)),
  ]
  const users = ids.length ? await User.query().whereIn('id', ids) : []
  return new Map(users.map((user) => [user.id, user.fullName]))
}
