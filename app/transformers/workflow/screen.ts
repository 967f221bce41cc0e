import type { CaptchaChallenge } from '#services/captcha/captcha'
import type { MachineQueries } from '#workflow/machine_queries'
import type { FieldJson, FormJson, ScreenJson } from '#workflow/types'

/**
 * The props of the generic workflow pages (inertia/pages/workflow/step.tsx
 * and status.tsx), shaped from a definition's screen, forms and steps.
 * app/services/workflow/screens.ts gathers what they need (the record, the
 * events this actor may send, the choices of each list); the pages import
 * these types.
 */

export type Option = { value: string; label: string }

export type ScreenField = {
  name: string
  label: string
  /** One of FIELD_TYPES (app/workflow/types.ts) */
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

export type Step = { state: string; title: string }

export type ScreenProps = {
  workflow: { key: string; title: string; version: number }
  instance: { id: number; state: string; done: boolean; lockVersion: number } | null
  screen: { title: string; paragraphs: string[]; display: Array<{ label: string; value: string }> }
  /** Progress: the steps of the journey and where the record is */
  steps: Step[]
  activeStep: number
  /** Events with fields (or a button label) this actor may send now */
  forms: ScreenForm[]
  /** A fresh challenge when a form has a captcha field (single use, R4) */
  captcha: CaptchaChallenge | null
}

export type ScreenPage = 'workflow/step' | 'workflow/status'

/** The choices of a list, read from reference data by the service */
export type FieldChoices = Pick<ScreenField, 'options' | 'optionsByParent'>

export function screenField(field: FieldJson, choices: FieldChoices = {}): ScreenField {
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
    shaped.options = field.options ?? choices.options ?? []
  } else if (field.type === 'dependent_select') {
    shaped.dependsOn = field.dependsOn
    shaped.optionsByParent = choices.optionsByParent ?? {}
  } else if (field.type === 'derived') {
    shaped.dependsOn = field.dependsOn
  }
  return shaped
}

export function screenForm(
  event: string,
  form: FormJson | undefined,
  screen: ScreenJson,
  fields: ScreenField[],
  url: string,
  /** The event's label when neither its form nor the screen's button names it */
  eventLabel: string
): ScreenForm {
  const button = screen.buttons?.find((candidate) => candidate.event === event)
  return {
    event,
    /** Not twice the same heading: the screen's title already says it */
    title: form?.title && form.title !== screen.title ? form.title : null,
    submitLabel: form?.submitLabel ?? button?.label ?? eventLabel,
    fields,
    url,
  }
}

/** The screen's buttons first, in their order, then the other events */
export function orderEvents(events: string[], screen: ScreenJson) {
  const buttons = (screen.buttons ?? []).map((button) => button.event)
  return [
    ...buttons.filter((event) => events.includes(event)),
    ...events.filter((event) => !buttons.includes(event)),
  ]
}

/** The record's data a screen lists; two "Téléphone" are told apart by their block */
export function displayRows(
  shown: Array<{ key: string; label: string; group: string | undefined; value: string }>
) {
  const labelOf = ({ label, group }: (typeof shown)[number]) => {
    const twins = shown.filter((other) => other.label === label)
    return twins.length > 1 && group ? `${label} (${group})` : label
  }
  return shown.map((entry) => ({ label: labelOf(entry), value: entry.value }))
}

/**
 * The journey shown in the progress indicator: the top-level states in the
 * definition's order, up to the first whose screen is not a step (where the
 * applicant's part ends: "en attente de validation").
 */
export function stepsOf(queries: MachineQueries): Step[] {
  const steps: Step[] = []
  for (const state of queries.topLevelStates()) {
    const screen = queries.screenOf(state)
    if (!screen) continue
    steps.push({ state, title: screen.title })
    if (screen.page !== 'workflow/step') break
  }
  return steps
}

/** Where the state is in the journey; past its end once the applicant's part is done */
export function activeStepOf(steps: Step[], stateId: string) {
  const index = steps.findIndex((step) => step.state === stateId.split('.')[0])
  return index === -1 ? steps.length : index
}

/** A screen on which this actor can do nothing is shown as a status (the visitor after "Enregistrer") */
export function screenPage(screen: ScreenJson, forms: ScreenForm[]): ScreenPage {
  return screen.page === 'workflow/step' || forms.length ? 'workflow/step' : 'workflow/status'
}
