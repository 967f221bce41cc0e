import vine from '@vinejs/vine'
import type { VineObject } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RoutingKeys, WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'
import { WorkflowEventRejectedError } from '#workflow/errors'

/**
 * The registry of named actions, guards and pages: the ONLY place code
 * extends the engine. A definition names them with JSON params; each entry
 * declares the VineJS schema of its params, so a definition is checked before
 * it is published (static_validator.ts) and never fails at run time on a typo.
 *
 * Two kinds of actions:
 * - "context" actions are pure: XState runs them while computing the next
 *   snapshot (they update the machine context and nothing else);
 * - "effect" actions run after the transition is computed, inside the one DB
 *   transaction that also updates the instance and writes the audit and
 *   outbox rows. Domain actions (create the partner…) are effects.
 */

type ParamsSchema = VineObject<any, any, any, any>

/** What XState hands a guard or a context action: the event as the engine shapes it */
export interface MachineEvent {
  type: string
  /** Validated payload with secret fields (password) removed */
  payload: Record<string, unknown>
  actor: WorkflowActor
  routing: RoutingKeys
}

export interface PureInput<Params> {
  context: Record<string, unknown>
  event: MachineEvent
  params: Params
}

export interface EffectContext<Params> {
  trx: TransactionClientContract
  params: Params
  instance: { id: number; definitionId: number; routing: RoutingKeys }
  /** The event with its full validated payload, secrets included (never persisted) */
  event: { type: string; payload: Record<string, unknown> }
  /** The machine context after the transition */
  context: Record<string, unknown>
  actor: WorkflowActor
  definition: WorkflowDefinitionBody
  /** Renders a notification of the definition and queues it in the outbox (same transaction) */
  enqueueMail(template: string, to: string, data?: Record<string, unknown>): void
  /** Changes the instance's routing keys (saved with the transition) */
  setRouting(keys: Partial<RoutingKeys>): void
}

interface ActionBase<Schema extends ParamsSchema> {
  description: string
  params: Schema
  /** Names of params that name a notification of the definition: checked statically */
  templateParams?: string[]
  /**
   * Names of params that name fields of the triggering event's form (a name
   * or a list of names): the validator checks they exist and are not secret
   */
  formFieldParams?: string[]
  /**
   * Names of params holding a value path, or a record of value paths; a
   * "payload.x" path must name a field of the form
   */
  valuePathParams?: string[]
  /**
   * The keys of the record's data the action writes, given its params: the
   * validator knows which keys a mapping (params.fills) may read
   */
  contextKeys?: (params: any) => string[]
  /**
   * The domain objects an effect action fills, with their attributes: the
   * definition says from which keys of the record's data in params.fills
   * (fillsParam()), the validator checks it, the action reads it with
   * readFills(). docs/decisions/0021-form-values-and-mappings.md
   */
  fills?: FillCatalogue
  /**
   * S6 the variables a mail template may use that the action gives: for an
   * action that sends mails, what it adds to the record's data in each mail
   * (« caisseName »); for a context action, the parts of the keys it writes
   * that a template reads (« decision.reason »). Each has its French label
   * and a sample for the studio's preview (app/workflow/template_variables.ts).
   */
  templateVariables?: Record<string, TemplateVariable>
}

/** A variable of a mail template: « {{caisseName}} » */
export interface TemplateVariable {
  /** French: « Nom de la caisse » */
  label: string
  /** What the studio's « Aperçu » shows for it */
  sample: string
}

/** One attribute of a domain object an action fills (a column of its table) */
export interface FillAttribute {
  /** French, as messages name it: « Nom », « Code postal » */
  label: string
  /** The object cannot be created without it: it must be fed by a key that is always set */
  required?: boolean
}

/** A domain object an action fills: « le partenaire », « son adresse »… */
export interface FillTarget {
  /** French, with its article: « le partenaire » */
  label: string
  attributes: Record<string, FillAttribute>
}

/** Target name → what it is and its attributes */
export type FillCatalogue = Record<string, FillTarget>

/** A definition's params.fills: target → attribute → key of the record's data */
export type FillsJson = Record<string, Record<string, string>>

/** What readFills() gives: every attribute of every target, null when not fed or empty */
export type FilledObjects<Catalogue extends FillCatalogue> = {
  [Target in keyof Catalogue]: { [Attribute in keyof Catalogue[Target]['attributes']]: unknown }
}

/** The VineJS schema of params.fills; its meaning is checked by the static validator */
export const fillsParam = () =>
  vine.record(vine.record(vine.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)))

/** A value of the record's data as an attribute takes it: an empty text is no value */
function filledValue(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
  return value
}

/**
 * The domain objects of an effect action, read from the record's data
 * through the definition's mapping; an attribute not fed, or fed by an
 * empty value, is null. A required attribute without a value refuses the
 * event (422, French message, before anything is written): the static
 * validator prevents it for the definitions it accepts.
 */
export function readFills<Catalogue extends FillCatalogue>(
  catalogue: Catalogue,
  fills: FillsJson | undefined,
  context: Record<string, unknown>
): FilledObjects<Catalogue> {
  const objects: Record<string, Record<string, unknown>> = {}
  const missing: string[] = []
  for (const [target, spec] of Object.entries(catalogue)) {
    objects[target] = {}
    for (const [attribute, declared] of Object.entries(spec.attributes)) {
      const key = fills?.[target]?.[attribute]
      const value = key === undefined ? null : filledValue(context[key])
      objects[target][attribute] = value
      if (declared.required && value === null) missing.push(`« ${declared.label} » (${spec.label})`)
    }
  }
  if (missing.length) {
    throw new WorkflowEventRejectedError(
      `Ce dossier ne contient pas ${missing.join(', ')} : l'action ne peut pas être faite. Invalidez-le en indiquant ce motif.`
    )
  }
  return objects as FilledObjects<Catalogue>
}

export interface ContextAction<
  Schema extends ParamsSchema = ParamsSchema,
> extends ActionBase<Schema> {
  kind: 'context'
  /** Pure: the keys to merge into the machine context */
  assign(input: PureInput<Infer<Schema>>): Record<string, unknown>
}

export interface EffectAction<
  Schema extends ParamsSchema = ParamsSchema,
> extends ActionBase<Schema> {
  kind: 'effect'
  run(context: EffectContext<Infer<Schema>>): Promise<void>
}

export type ActionDefinition = ContextAction<any> | EffectAction<any>

export interface GuardDefinition<Schema extends ParamsSchema = ParamsSchema> {
  description: string
  params: Schema
  /** Pure and synchronous: XState evaluates it while computing the transition */
  check(input: PureInput<Infer<Schema>>): boolean
}

export function defineContextAction<Schema extends ParamsSchema>(
  definition: Omit<ContextAction<Schema>, 'kind'>
): ContextAction<Schema> {
  return { kind: 'context', ...definition }
}

export function defineEffectAction<Schema extends ParamsSchema>(
  definition: Omit<EffectAction<Schema>, 'kind'>
): EffectAction<Schema> {
  return { kind: 'effect', ...definition }
}

export function defineGuard<Schema extends ParamsSchema>(
  definition: GuardDefinition<Schema>
): GuardDefinition<Schema> {
  return definition
}

/**
 * Reads "context.adminEmail", "payload.email" or "routing.caisseId"; anything
 * else is taken literally (a fixed address in a definition).
 */
export function resolveValue(
  reference: string,
  scope: {
    context: Record<string, unknown>
    payload: Record<string, unknown>
    routing?: RoutingKeys
  }
): unknown {
  const [root, ...rest] = reference.split('.')
  let current: unknown
  if (root === 'context') current = scope.context
  else if (root === 'payload') current = scope.payload
  else if (root === 'routing') current = scope.routing
  else return reference
  for (const key of rest) {
    current = current && typeof current === 'object' ? (current as any)[key] : undefined
  }
  return current
}

export class WorkflowRegistry {
  readonly actions = new Map<string, ActionDefinition>()
  readonly guards = new Map<string, GuardDefinition<any>>()
  /** Inertia pages a screen may name, with what each shows */
  readonly pages = new Map<string, string>()
  /**
   * Doors an event may come through (a definition's events.<E>.via), with
   * the French name of the screen a refused sender is sent to
   */
  readonly doors = new Map<string, string>()

  registerAction(name: string, definition: ActionDefinition) {
    this.actions.set(name, definition)
    return this
  }

  registerGuard(name: string, definition: GuardDefinition<any>) {
    this.guards.set(name, definition)
    return this
  }

  registerPage(name: string, description: string) {
    this.pages.set(name, description)
    return this
  }

  registerDoor(name: string, label: string) {
    this.doors.set(name, label)
    return this
  }

  /** For tests that register a temporary action */
  unregisterAction(name: string) {
    this.actions.delete(name)
  }
}

export const dataPath = () => vine.string().regex(/^(context|payload|routing)\.[A-Za-z0-9_.]+$/)

/**
 * Copies values into the machine context under another name. A form's
 * values already go into the context under their own names (buildMachine's
 * built-in form values action), so `fields` is only kept for the versions
 * published before that; `copy` names a new key and the value path it takes.
 */
export const assignToContext = defineContextAction({
  description:
    'Copie des valeurs (formulaire, contexte, routage) dans le contexte du dossier sous un autre nom (jamais un mot de passe)',
  params: vine.object({
    fields: vine.array(vine.string()).minLength(1).optional(),
    copy: vine.record(dataPath()).optional(),
  }),
  formFieldParams: ['fields'],
  valuePathParams: ['copy'],
  contextKeys: (params: { fields?: string[]; copy?: Record<string, string> }) => [
    ...(params.fields ?? []),
    ...Object.keys(params.copy ?? {}),
  ],
  assign: ({ context, event, params }) => ({
    ...Object.fromEntries(
      (params.fields ?? [])
        .filter((name) => event.payload[name] !== undefined)
        .map((name) => [name, event.payload[name]])
    ),
    ...Object.fromEntries(
      Object.entries(params.copy ?? {}).map(([key, path]) => [
        key,
        resolveValue(path, { context, payload: event.payload, routing: event.routing }) ?? null,
      ])
    ),
  }),
})

/** Sets fixed values in the context ("conditionsVersion", "isAdmin"…) */
export const setContext = defineContextAction({
  description: 'Fixe des valeurs dans le contexte du dossier',
  params: vine.object({ values: vine.record(vine.any().nullable()) }),
  contextKeys: (params: { values?: Record<string, unknown> }) => Object.keys(params.values ?? {}),
  assign: ({ params }) => ({ ...params.values }),
})

/** Keeps the decision on the record: outcome, reason, who */
export const recordDecision = defineContextAction({
  description: 'Enregistre la décision (résultat, motif, auteur) dans le contexte',
  params: vine.object({
    outcome: vine.string().minLength(1),
    reasonField: vine.string().optional(),
  }),
  formFieldParams: ['reasonField'],
  contextKeys: () => ['decision'],
  templateVariables: {
    'decision.reason': {
      label: 'Motif de la décision',
      sample: 'Le code convention ne correspond à aucune convention.',
    },
    'decision.outcome': { label: 'Décision (validated ou invalidated)', sample: 'invalidated' },
  },
  assign: ({ event, params }) => ({
    decision: {
      outcome: params.outcome,
      reason: params.reasonField ? (event.payload[params.reasonField] ?? null) : null,
      actorId: event.actor.id,
      actorRole: event.actor.role,
    },
  }),
})

/**
 * The address a mail action's `to` names in the record. The validator
 * checks the path; a record without an address there rolls the transition
 * back (an inconsistent record, never the user's input).
 */
export function mailAddressAt(
  reference: string,
  { context, event, instance }: Pick<EffectContext<unknown>, 'context' | 'event' | 'instance'>
): string {
  const to = resolveValue(reference, { context, payload: event.payload, routing: instance.routing })
  if (typeof to !== 'string' || !to.includes('@')) {
    throw new Error(`No mail address at "${reference}"`)
  }
  return to
}

/** Queues a mail from the definition's notifications to an address read from the record */
export const sendMail = defineEffectAction({
  description: "Envoie un email (modèle des notifications de la définition) via l'outbox",
  params: vine.object({ template: vine.string().minLength(1), to: dataPath() }),
  templateParams: ['template'],
  valuePathParams: ['to'],
  async run(effect) {
    effect.enqueueMail(effect.params.template, mailAddressAt(effect.params.to, effect), {
      ...effect.context,
      ...effect.event.payload,
    })
  },
})

/** Routes the record to a caisse and/or partner read from the payload or context */
export const setRoutingKeys = defineEffectAction({
  description: 'Fixe les clés de routage du dossier (caisse, partenaire, sujet)',
  params: vine.object({
    caisseId: dataPath().optional(),
    partnerId: dataPath().optional(),
    subjectId: dataPath().optional(),
  }),
  valuePathParams: ['caisseId', 'partnerId', 'subjectId'],
  async run({ params, context, event, setRouting, instance }) {
    const keys: Partial<RoutingKeys> = {}
    for (const name of ['caisseId', 'partnerId', 'subjectId'] as const) {
      const reference = params[name]
      if (!reference) continue
      const value = resolveValue(reference, {
        context,
        payload: event.payload,
        routing: instance.routing,
      })
      keys[name] = value === undefined || value === null ? null : Number(value)
    }
    setRouting(keys)
  },
})

export const payloadEquals = defineGuard({
  description: 'Vrai si un champ du formulaire a la valeur donnée',
  params: vine.object({ field: vine.string(), value: vine.any().nullable() }),
  check: ({ event, params }) => event.payload[params.field] === params.value,
})

export const contextEquals = defineGuard({
  description: 'Vrai si une clé du contexte a la valeur donnée (absente = null)',
  params: vine.object({ key: vine.string(), value: vine.any().nullable() }),
  check: ({ context, params }) => (context[params.key] ?? null) === params.value,
})

/** "Never their own": the actor is not the record's subject (a user acting on themselves) */
export const actorIsNotSubject = defineGuard({
  description: "Vrai si l'acteur n'est pas le sujet du dossier",
  params: vine.object({}),
  check: ({ event }) => event.actor.id === null || event.actor.id !== event.routing.subjectId,
})

/** The door of the generic workflow pages (/parcours/:key, /dossiers/:id) */
export const GENERIC_PAGES = 'pages'

export function createDefaultRegistry() {
  return new WorkflowRegistry()
    .registerAction('assignToContext', assignToContext)
    .registerAction('setContext', setContext)
    .registerAction('recordDecision', recordDecision)
    .registerAction('sendMail', sendMail)
    .registerAction('setRoutingKeys', setRoutingKeys)
    .registerGuard('payloadEquals', payloadEquals)
    .registerGuard('contextEquals', contextEquals)
    .registerGuard('actorIsNotSubject', actorIsNotSubject)
    .registerPage('workflow/step', 'Page générique : texte, boutons et formulaire de l’état')
    .registerPage(
      'workflow/decision',
      'Décision de la caisse : contenu du dossier, historique, valider / invalider'
    )
    .registerPage('workflow/status', 'Message de fin ou d’attente, sans action')
    .registerDoor(GENERIC_PAGES, 'les pages du dossier')
}

/** The application's registry; domain modules register their actions on it at boot */
const registry = createDefaultRegistry()
export default registry
