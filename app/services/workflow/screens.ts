import db from '@adonisjs/lucid/services/db'
import type WorkflowInstance from '#models/workflow_instance'
import CaptchaService, { type CaptchaChallenge } from '#services/captcha/captcha'
import engine, { renderTemplate, type CompiledDefinition } from '#workflow/engine'
import { isAllowed } from '#workflow/permissions'
import { WorkflowForbiddenError } from '#workflow/errors'
import { activeStateIds } from '#workflow/machine_builder'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import type {
  FieldJson,
  RoutingKeys,
  ScreenJson,
  WorkflowActor,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * Shapes the props of the generic workflow pages (inertia/pages/workflow/*)
 * from a definition and, once started, its instance: the screen of the
 * current state, the forms of the events this actor may send, the choices
 * of every list, the progress through the steps. Knows nothing of HTTP.
 */

export type Option = { value: string; label: string }

export type ScreenField = {
  name: string
  label: string
  type: string
  required: boolean
  maxLength: number | null
  help: string | null
  group: string | null
  /** select: its choices */
  options?: Option[]
  /** dependent_select, derived: the field it follows */
  dependsOn?: string
  /** dependent_select: choices per value of the parent field */
  optionsByParent?: Record<string, Option[]>
}

export type ScreenForm = {
  event: string
  title: string | null
  submitLabel: string
  fields: ScreenField[]
  /** Where the page posts this form */
  url: string
}

export type ScreenProps = {
  workflow: { key: string; title: string; version: number }
  instance: { id: number; state: string; done: boolean; lockVersion: number } | null
  screen: { title: string; paragraphs: string[]; display: Array<{ label: string; value: string }> }
  /** Progress: the steps of the journey and where the record is */
  steps: Array<{ state: string; title: string }>
  activeStep: number
  /** Events with fields (or a button label) this actor may send now */
  forms: ScreenForm[]
  /** A fresh challenge when a form has a captcha field (single use, R4) */
  captcha: CaptchaChallenge | null
}

export type ScreenView = { page: 'workflow/step' | 'workflow/status'; props: ScreenProps }

export class WorkflowScreens {
  constructor(private captchas = new CaptchaService()) {}

  /** GET /parcours/:key: the initial state's screen, before any instance exists (403 if this actor may not start one) */
  async forStart(key: string, actor: WorkflowActor): Promise<ScreenView> {
    const definition = await engine.publishedDefinition(key)
    const body = definition.body
    const state = body.machine.initial
    const routing: RoutingKeys = {
      subjectType: body.subjectType ?? null,
      subjectId: null,
      caisseId: null,
      partnerId: null,
    }
    if (!isAllowed(body.startPermissions, actor, routing)) throw new WorkflowForbiddenError()
    const events = eventsOf(body, state).filter((event) =>
      isAllowed(body.permissions[event], actor, routing)
    )
    return this.view(definition, null, state, body.machine.context ?? {}, events)
  }

  /** GET /dossiers/:id: the current state's screen */
  async forInstance(instance: WorkflowInstance, actor: WorkflowActor): Promise<ScreenView> {
    const definition = await engine.definitionById(instance.definitionId)
    const state = activeStateIds(instance.snapshot.value)[0] ?? instance.state
    const events = await engine.availableEvents(instance, actor)
    return this.view(definition, instance, state, instance.snapshot.context, events)
  }

  private async view(
    definition: CompiledDefinition,
    instance: WorkflowInstance | null,
    state: string,
    context: Record<string, unknown>,
    events: string[]
  ): Promise<ScreenView> {
    const body = definition.body
    const screen = screenOf(body, state)
    const base = instance
      ? `/dossiers/${instance.id}/evenements`
      : `/parcours/${encodeURIComponent(body.key)}/evenements`
    const forms = await Promise.all(
      orderEvents(events, screen).map((event) => this.form(body, event, screen, `${base}/${event}`))
    )
    const hasCaptcha = forms.some((form) => form.fields.some((field) => field.type === 'captcha'))
    const steps = stepsOf(body)
    const stepIndex = steps.findIndex((step) => step.state === state.split('.')[0])

    return {
      /** A screen on which this actor can do nothing is shown as a status (the visitor after "Enregistrer") */
      page: screen.page === 'workflow/step' || forms.length ? 'workflow/step' : 'workflow/status',
      props: {
        workflow: { key: body.key, title: body.title, version: definition.version },
        instance: instance
          ? {
              id: instance.id,
              state,
              done: instance.status === 'done',
              lockVersion: instance.lockVersion,
            }
          : null,
        screen: {
          title: screen.title,
          paragraphs: (screen.text ?? '')
            .split(/\n+/)
            .map((line) => renderTemplate(line, context).trim())
            .filter(Boolean),
          display: await this.display(body, screen, context),
        },
        steps,
        activeStep: stepIndex === -1 ? steps.length : stepIndex,
        forms,
        captcha: hasCaptcha ? await this.captchas.issue() : null,
      },
    }
  }

  private async form(
    body: WorkflowDefinitionBody,
    event: string,
    screen: ScreenJson,
    url: string
  ): Promise<ScreenForm> {
    const form = body.forms[event]
    const button = screen.buttons?.find((candidate) => candidate.event === event)
    return {
      event,
      /** Not twice the same heading: the screen's title already says it */
      title: form?.title && form.title !== screen.title ? form.title : null,
      submitLabel: form?.submitLabel ?? button?.label ?? event,
      fields: await Promise.all((form?.fields ?? []).map((field) => this.field(field))),
      url,
    }
  }

  private async field(field: FieldJson): Promise<ScreenField> {
    const shaped: ScreenField = {
      name: field.name,
      label: field.label,
      type: field.type,
      required: field.required ?? false,
      maxLength: field.maxLength ?? null,
      help: field.help ?? null,
      group: field.group ?? null,
    }
    if (field.type === 'select') {
      shaped.options = field.options ?? (await referenceOptions(field.source!))
    } else if (field.type === 'dependent_select') {
      shaped.dependsOn = field.dependsOn
      shaped.optionsByParent = await dependentOptions(field.source!, field.filterKey!)
    } else if (field.type === 'derived') {
      shaped.dependsOn = field.dependsOn
    }
    return shaped
  }

  /** The record's data the screen lists, with list values shown by their label */
  private async display(
    body: WorkflowDefinitionBody,
    screen: ScreenJson,
    context: Record<string, unknown>
  ) {
    const fields = Object.values(body.forms).flatMap((form) => form.fields)
    const shown = (screen.display ?? []).map((key) => ({
      key,
      field: fields.find((candidate) => candidate.name === key),
    }))
    /** Two "Téléphone" (the partner's, the administrator's) are told apart by their block */
    const labelOf = ({ key, field }: (typeof shown)[number]) => {
      const label = field?.label ?? key
      const twins = shown.filter((other) => (other.field?.label ?? other.key) === label)
      return twins.length > 1 && field?.group ? `${label} (${field.group})` : label
    }
    return Promise.all(
      shown.map(async (entry) => ({
        label: labelOf(entry),
        value: await displayValue(entry.field, context[entry.key]),
      }))
    )
  }
}

function screenOf(body: WorkflowDefinitionBody, state: string): ScreenJson {
  return (
    body.screens[state] ??
    body.screens[state.split('.')[0]] ?? { page: 'workflow/status', title: body.title }
  )
}

/** Events the state (or one of its ancestors) handles, in the definition's order */
function eventsOf(body: WorkflowDefinitionBody, state: string): string[] {
  const events: string[] = Object.keys(body.machine.on ?? {})
  let node: { on?: Record<string, unknown>; states?: Record<string, any> } | undefined =
    body.machine
  for (const name of state.split('.')) {
    node = node?.states?.[name]
    events.push(...Object.keys(node?.on ?? {}))
  }
  return [...new Set(events)]
}

/** The screen's buttons first, in their order, then the other events */
function orderEvents(events: string[], screen: ScreenJson) {
  const buttons = (screen.buttons ?? []).map((button) => button.event)
  return [
    ...buttons.filter((event) => events.includes(event)),
    ...events.filter((event) => !buttons.includes(event)),
  ]
}

/**
 * The journey shown in the progress indicator: the top-level states in the
 * definition's order, up to the first whose screen is not a step (where the
 * applicant's part ends: "en attente de validation").
 */
export function stepsOf(body: WorkflowDefinitionBody) {
  const steps: Array<{ state: string; title: string }> = []
  for (const [state] of Object.entries(body.machine.states)) {
    const screen = body.screens[state]
    if (!screen) continue
    steps.push({ state, title: screen.title })
    if (screen.page !== 'workflow/step') break
  }
  return steps
}

async function referenceOptions(sourceName: string): Promise<Option[]> {
  const source = REFERENCE_SOURCES[sourceName]
  const query = db
    .from(source.table)
    .select(`${source.valueColumn} as value`, `${source.labelColumn} as label`)
    .orderBy(source.labelColumn)
  if (source.activeColumn) query.where(source.activeColumn, true)
  const rows: Array<{ value: unknown; label: unknown }> = await query
  return rows.map((row) => ({ value: String(row.value), label: String(row.label) }))
}

async function dependentOptions(sourceName: string, filterKey: string) {
  const source = REFERENCE_SOURCES[sourceName]
  const column = source.filters[filterKey]
  const query = db
    .from(source.table)
    .select(
      `${source.valueColumn} as value`,
      `${source.labelColumn} as label`,
      `${column} as parent`
    )
    .orderBy(source.labelColumn)
  if (source.activeColumn) query.where(source.activeColumn, true)
  const rows: Array<{ value: unknown; label: unknown; parent: unknown }> = await query
  const byParent: Record<string, Option[]> = {}
  for (const row of rows) {
    ;(byParent[String(row.parent)] ??= []).push({
      value: String(row.value),
      label: String(row.label),
    })
  }
  return byParent
}

async function displayValue(field: FieldJson | undefined, value: unknown): Promise<string> {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non'
  if (field?.options) {
    return field.options.find((option) => option.value === String(value))?.label ?? String(value)
  }
  if (field?.source && REFERENCE_SOURCES[field.source]) {
    const source = REFERENCE_SOURCES[field.source]
    const row = await db
      .from(source.table)
      .where(source.valueColumn, value as number)
      .select(`${source.labelColumn} as label`)
      .first()
    return row ? String(row.label) : String(value)
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

const workflowScreens = new WorkflowScreens()
export default workflowScreens
