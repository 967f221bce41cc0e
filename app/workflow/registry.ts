import vine from '@vinejs/vine'
import type { VineObject } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RoutingKeys, WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'

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
  /** Names of params holding a value path; a "payload.x" path must name a field of the form */
  valuePathParams?: string[]
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

const dataPath = () => vine.string().regex(/^(context|payload|routing)\.[A-Za-z0-9_.]+$/)

/** Copies fields of the (redacted) payload into the machine context */
export const assignToContext = defineContextAction({
  description:
    'Copie des champs du formulaire dans le contexte du dossier (jamais un mot de passe)',
  params: vine.object({ fields: vine.array(vine.string()).minLength(1) }),
  formFieldParams: ['fields'],
  assign: ({ event, params }) =>
    Object.fromEntries(
      params.fields
        .filter((name) => event.payload[name] !== undefined)
        .map((name) => [name, event.payload[name]])
    ),
})

/** Sets fixed values in the context ("conditionsVersion", "isAdmin"…) */
export const setContext = defineContextAction({
  description: 'Fixe des valeurs dans le contexte du dossier',
  params: vine.object({ values: vine.record(vine.any().nullable()) }),
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
  assign: ({ event, params }) => ({
    decision: {
      outcome: params.outcome,
      reason: params.reasonField ? (event.payload[params.reasonField] ?? null) : null,
      actorId: event.actor.id,
      actorRole: event.actor.role,
    },
  }),
})

/** Queues a mail from the definition's notifications to an address read from the record */
export const sendMail = defineEffectAction({
  description: "Envoie un email (modèle des notifications de la définition) via l'outbox",
  params: vine.object({ template: vine.string().minLength(1), to: dataPath() }),
  templateParams: ['template'],
  valuePathParams: ['to'],
  async run({ params, context, event, enqueueMail, instance }) {
    const to = resolveValue(params.to, {
      context,
      payload: event.payload,
      routing: instance.routing,
    })
    if (typeof to !== 'string' || !to.includes('@')) {
      throw new Error(`sendMail: no address at "${params.to}"`)
    }
    enqueueMail(params.template, to, { ...context, ...event.payload })
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
