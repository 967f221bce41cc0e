import {
  isStoredField,
  type ReferenceJson,
  type StateNodeJson,
  type TransitionsJson,
} from '#workflow/types'
import type { FieldJson, WorkflowDefinitionBody } from '#workflow/types'
import type { TemplateVariable, WorkflowRegistry } from '#workflow/registry'

/**
 * S6 which variables each mail template of a definition may use, from the
 * definition and the registry alone: the record's data (every stored field
 * of every form, the machine's initial context, the keys the context
 * actions write) and what the actions that send the template add to it
 * (ActionDefinition.templateVariables). The static validator reports a
 * placeholder that is none of them; the studio lists them and previews the
 * template with their samples.
 */

/** Where a variable comes from, in the studio's words */
export type VariableOrigin = 'form' | 'record' | 'action'

export interface AvailableVariable extends TemplateVariable {
  name: string
  origin: VariableOrigin
}

/** « {{ caisseName }} », « {{decision.reason}} »: as the engine's renderTemplate reads them */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))]
}

/** An action of the machine, with the event of the transition that runs it (null: entry, exit, always) */
interface ActionUse {
  name: string
  params: Record<string, unknown>
  event: string | null
}

function actionUses(body: WorkflowDefinitionBody): ActionUse[] {
  const uses: ActionUse[] = []
  const visitActions = (
    actions: ReferenceJson | ReferenceJson[] | undefined,
    event: string | null
  ) => {
    for (const action of [actions ?? []].flat()) {
      if (typeof action === 'string') uses.push({ name: action, params: {}, event })
      else if (action && typeof action === 'object') {
        uses.push({ name: action.type, params: action.params ?? {}, event })
      }
    }
  }
  const visitTransitions = (transitions: TransitionsJson | undefined, event: string | null) => {
    for (const transition of [transitions ?? []].flat()) {
      if (transition && typeof transition === 'object') visitActions(transition.actions, event)
    }
  }
  const visitState = (state: StateNodeJson) => {
    visitActions(state.entry, null)
    visitActions(state.exit, null)
    for (const [event, transitions] of Object.entries(state.on ?? {})) {
      visitTransitions(transitions, event)
    }
    for (const transitions of Object.values(state.after ?? {})) visitTransitions(transitions, null)
    visitTransitions(state.always, null)
    for (const child of Object.values(state.states ?? {})) visitState(child)
  }
  visitState(body.machine)
  return uses
}

/** A sample of a form field's value, by its type */
function fieldSample(field: FieldJson): string {
  switch (field.type) {
    case 'email':
      return 'camille.martin@exemple.fr'
    case 'phone':
      return '03 21 00 00 00'
    case 'siret':
      return '73282932000074'
    case 'postal_code':
      return '62000'
    case 'checkbox':
      return 'on'
    default:
      return `[${field.label}]`
  }
}

export class TemplateVariables {
  private readonly uses: ActionUse[]
  /** Every key of the record's data with what it is, and the dotted parts context actions declare */
  private readonly record = new Map<string, AvailableVariable>()
  /** Keys of the record's data that hold an object (« decision »): their parts are read */
  private readonly roots = new Set<string>()

  constructor(
    private readonly body: WorkflowDefinitionBody,
    private readonly registry: WorkflowRegistry
  ) {
    this.uses = actionUses(body)
    for (const form of Object.values(body.forms ?? {})) {
      for (const field of form.fields ?? []) {
        if (!isStoredField(field)) continue
        this.add({
          name: field.name,
          label: field.label,
          sample: fieldSample(field),
          origin: 'record',
        })
      }
    }
    const label = (key: string) => body.contextLabels?.[key] ?? key
    for (const key of Object.keys(body.machine.context ?? {})) {
      this.add({ name: key, label: label(key), sample: `[${label(key)}]`, origin: 'record' })
    }
    for (const use of this.uses) {
      const action = registry.actions.get(use.name)
      if (!action || action.kind !== 'context') continue
      const declared = Object.entries(action.templateVariables ?? {})
      for (const key of action.contextKeys?.(use.params) ?? []) {
        const parts = declared.filter(([name]) => name.startsWith(`${key}.`))
        if (parts.length) {
          this.roots.add(key)
          this.record.delete(key)
          for (const [name, variable] of parts) this.add({ name, ...variable, origin: 'record' })
        } else if (!this.roots.has(key)) {
          this.add({ name: key, label: label(key), sample: `[${label(key)}]`, origin: 'record' })
        }
      }
    }
  }

  private add(variable: AvailableVariable) {
    if (!this.record.has(variable.name)) this.record.set(variable.name, variable)
  }

  /** The events whose transitions send the template, and the actions that send it */
  senders(template: string) {
    return this.uses.filter((use) => {
      const action = this.registry.actions.get(use.name)
      return (action?.templateParams ?? []).some((param) => use.params[param] === template)
    })
  }

  /**
   * What the template may use: the fields of the forms of the events that
   * send it first, then the rest of the record's data, then what every
   * action that sends it adds (a variable one of them lacks would be empty
   * in its mails, so it is not offered)
   */
  of(template: string): AvailableVariable[] {
    const senders = this.senders(template)
    const events = new Set(senders.map((use) => use.event).filter((event) => event !== null))
    const fromForms = new Set(
      [...events].flatMap((event) =>
        (this.body.forms[event]?.fields ?? []).filter(isStoredField).map((field) => field.name)
      )
    )
    const added = senders
      .map((use) => this.registry.actions.get(use.name)?.templateVariables ?? {})
      .reduce<Record<string, TemplateVariable> | null>(
        (common, declared) =>
          common === null
            ? { ...declared }
            : Object.fromEntries(Object.entries(common).filter(([name]) => name in declared)),
        null
      )
    const record = [...this.record.values()]
    return [
      ...record
        .filter((variable) => fromForms.has(variable.name))
        .map((v) => ({ ...v, origin: 'form' as const })),
      ...record.filter(
        (variable) => !fromForms.has(variable.name) && !(variable.name in (added ?? {}))
      ),
      ...Object.entries(added ?? {}).map(([name, variable]) => ({
        name,
        ...variable,
        origin: 'action' as const,
      })),
    ]
  }

  /** The placeholders of a text that are no variable of the template */
  unknownIn(template: string, text: string): string[] {
    const known = new Set(this.of(template).map(({ name }) => name))
    return placeholdersOf(text).filter(
      (path) => !known.has(path) && !this.roots.has(path.split('.')[0])
    )
  }

  /** The data of the studio's « Aperçu »: each variable's sample, dotted ones nested */
  sampleData(template: string): Record<string, unknown> {
    const data: Record<string, unknown> = {}
    for (const { name, sample } of this.of(template)) {
      const path = name.split('.')
      let current = data
      for (const key of path.slice(0, -1)) {
        if (!current[key] || typeof current[key] !== 'object') current[key] = {}
        current = current[key] as Record<string, unknown>
      }
      current[path.at(-1)!] = sample
    }
    return data
  }
}
