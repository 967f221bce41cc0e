import type WorkflowInstance from '#models/workflow_instance'
import CaptchaService from '#services/captcha/captcha'
import engine, { renderTemplate, type CompiledDefinition } from '#workflow/engine'
import { isAllowed } from '#workflow/permissions'
import { WorkflowForbiddenError } from '#workflow/errors'
import { GENERIC_PAGES } from '#workflow/registry'
import { choicesOf, referenceLabel } from '#services/workflow/reference_data'
import type { FieldJson, RoutingKeys, ScreenJson, WorkflowActor } from '#workflow/types'
import {
  activeStepOf,
  displayRows,
  orderEvents,
  screenField,
  screenForm,
  screenPage,
  stepsOf,
  type ScreenForm,
  type ScreenPage,
  type ScreenProps,
} from '#transformers/workflow/screen'

/**
 * What the generic workflow pages (inertia/pages/workflow/*) show, from a
 * definition and, once started, its instance: the screen of the current
 * state, the forms of the events this actor may send, the choices of every
 * list. The props are shaped by app/transformers/workflow/screen.ts. Knows
 * nothing of HTTP.
 */

export type ScreenView = { page: ScreenPage; props: ScreenProps }

export class WorkflowScreens {
  constructor(private captchas = new CaptchaService()) {}

  /** GET /parcours/:key: the initial state's screen, before any instance exists (403 if this actor may not start one) */
  async forStart(key: string, actor: WorkflowActor): Promise<ScreenView> {
    const definition = await engine.publishedDefinition(key)
    const body = definition.body
    const state = definition.queries.initialState()
    const routing: RoutingKeys = {
      subjectType: body.subjectType ?? null,
      subjectId: null,
      caisseId: null,
      partnerId: null,
    }
    if (!isAllowed(body.startPermissions, actor, routing)) throw new WorkflowForbiddenError()
    const events = definition.queries
      .acceptedEvents(definition.queries.valueOf(state))
      .filter(
        (event) =>
          isAllowed(body.permissions[event], actor, routing) &&
          definition.queries.sendableThrough(event, GENERIC_PAGES)
      )
    return this.view(definition, null, state, body.machine.context ?? {}, events)
  }

  /** GET /dossiers/:id: the current state's screen */
  async forInstance(instance: WorkflowInstance, actor: WorkflowActor): Promise<ScreenView> {
    const definition = await engine.definitionById(instance.definitionId)
    const state = definition.queries.currentState(instance.snapshot.value) ?? instance.state
    const events = await engine.availableEvents(instance, actor, GENERIC_PAGES)
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
    const screen = definition.queries.screenOf(state) ?? {
      page: 'workflow/status',
      title: body.title,
    }
    const base = instance
      ? `/dossiers/${instance.id}/evenements`
      : `/parcours/${encodeURIComponent(body.key)}/evenements`
    const forms = await Promise.all(
      orderEvents(events, screen).map((event) =>
        this.form(definition, event, screen, `${base}/${event}`)
      )
    )
    const hasCaptcha = forms.some((form) => form.fields.some((field) => field.type === 'captcha'))
    const steps = stepsOf(definition.queries)

    return {
      page: screenPage(screen, forms),
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
          display: await this.display(definition, screen, context),
        },
        steps,
        activeStep: activeStepOf(steps, state),
        forms,
        captcha: hasCaptcha ? await this.captchas.issue() : null,
      },
    }
  }

  private async form(
    definition: CompiledDefinition,
    event: string,
    screen: ScreenJson,
    url: string
  ): Promise<ScreenForm> {
    const form = definition.body.forms[event]
    const fields = await Promise.all(
      (form?.fields ?? []).map(async (field) => screenField(field, await choicesOf(field)))
    )
    return screenForm(event, form, screen, fields, url, definition.queries.eventLabel(event, null))
  }

  /** The record's data the screen lists, with list values shown by their label */
  private async display(
    definition: CompiledDefinition,
    screen: ScreenJson,
    context: Record<string, unknown>
  ) {
    const fields = Object.values(definition.body.forms).flatMap((form) => form.fields)
    const shown = await Promise.all(
      (screen.display ?? []).map(async (key) => {
        const field = fields.find((candidate) => candidate.name === key)
        return {
          key,
          label: definition.queries.dataLabel(key) ?? key,
          group: field?.group,
          value: await displayValue(field, context[key]),
        }
      })
    )
    return displayRows(shown)
  }
}

async function displayValue(field: FieldJson | undefined, value: unknown): Promise<string> {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non'
  if (field?.options || field?.source) return referenceLabel(field, value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

const workflowScreens = new WorkflowScreens()
export default workflowScreens
