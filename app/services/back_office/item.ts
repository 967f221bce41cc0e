import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import engine from '#workflow/engine'
import { referenceLabel } from '#services/workflow/reference_data'
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
 * its transitions, who made them, its partner and caisse, the values of
 * each form submitted (list values by their label) and the decisions the
 * actor may take now. The page's props are shaped by
 * app/transformers/back_office/item.ts.
 */

/** Record keys a definition may display without a form field naming them */
const KEY_LABELS: Record<string, string> = {
  partnerName: 'Nom partenaire',
  siret: 'SIRET',
  conventionCode: 'Code convention',
  caisseName: 'Caisse',
  conventionType: 'Type de convention',
}

async function displayValue(field: FieldJson, value: unknown): Promise<string> {
  if (field.type === 'checkbox') return value === true || value === 'on' ? 'Oui' : 'Non'
  if (value === undefined || value === null || value === '') return 'Non renseigné'
  if (field.type === 'select' || field.type === 'dependent_select') {
    return referenceLabel(field, value)
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** The forms filled before the caisse's decision, field by field, grouped as on the form */
async function submittedSections(
  definition: DecisionDefinition,
  instance: WorkflowInstance,
  transitions: WorkflowTransition[]
): Promise<SubmittedSection[]> {
  const { body, queries } = definition
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
      const step = transition.fromState ? queries.storedStateLabel(transition.fromState) : null
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
    .map((id) => queries.screenOf(id))
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
  return itemPageProps({
    definition,
    instance,
    transitions,
    actorNames: await actorNames(transitions),
    partner,
    caisseName: caisse?.name,
    submitted: await submittedSections(definition, instance, transitions),
    availableEvents: await engine.availableEvents(instance, actor),
  })
}

/** Full names of the users who acted on the record */
async function actorNames(transitions: WorkflowTransition[]) {
  const ids = [
    ...new Set(transitions.map((row) => row.actorId).filter((id): id is number => id !== null)),
  ]
  const users = ids.length ? await User.query().whereIn('id', ids) : []
  return new Map(users.map((user) => [user.id, user.fullName]))
}
