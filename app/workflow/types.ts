/**
 * The shape of a workflow definition as stored in workflows/<key>.json and in
 * workflow_definitions.body. definition_schema.ts checks the shape,
 * static_validator.ts checks the meaning (names, reachability, permissions).
 */

/** A named action or guard with JSON params: { "type": "sendMail", "params": {…} } */
export interface NamedReference {
  type: string
  params?: Record<string, unknown>
}
export type ReferenceJson = string | NamedReference

export interface TransitionJson {
  target?: string
  guard?: ReferenceJson
  actions?: ReferenceJson | ReferenceJson[]
  description?: string
}
export type TransitionsJson = string | TransitionJson | Array<string | TransitionJson>

export interface StateNodeJson {
  type?: 'atomic' | 'compound' | 'parallel' | 'final'
  initial?: string
  description?: string
  entry?: ReferenceJson | ReferenceJson[]
  exit?: ReferenceJson | ReferenceJson[]
  on?: Record<string, TransitionsJson>
  always?: TransitionsJson
  after?: Record<string, TransitionsJson>
  states?: Record<string, StateNodeJson>
  tags?: string[]
}

export interface MachineJson extends StateNodeJson {
  id: string
  initial: string
  states: Record<string, StateNodeJson>
  /** Initial context; the start input is merged over it */
  context?: Record<string, unknown>
}

export const FIELD_TYPES = [
  'text',
  'email',
  'phone',
  'siret',
  'postal_code',
  'login',
  'password',
  'select',
  'dependent_select',
  'checkbox',
  'textarea',
  /** A self-hosted captcha answer { id, answer }: checked, never stored */
  'captcha',
  /** Not typed: shown, and set on the server, from the field `dependsOn` names ("Identité destinataire") */
  'derived',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** Field types whose value is never stored (not in the history, not in the record's data) */
export const SECRET_FIELD_TYPES: readonly string[] = ['password', 'captcha']

/** Does the field's value go into the record's data? Every field but the secret ones */
export function isStoredField(field: Pick<FieldJson, 'type'>) {
  return !SECRET_FIELD_TYPES.includes(field.type)
}

export interface FieldJson {
  name: string
  label: string
  /** One of FIELD_TYPES; kept a string here so the validator can name a bad one */
  type: string
  required?: boolean
  maxLength?: number
  help?: string
  /** Visual group on the page ("Informations partenaire", "Adresse"…) */
  group?: string
  /** select, dependent_select: reference-data source (reference_sources.ts) */
  source?: string
  /** select: fixed choices instead of a source */
  options?: Array<{ value: string; label: string }>
  /** dependent_select: the field whose value filters this one's choices */
  dependsOn?: string
  /** dependent_select: which filter of the source the parent value feeds */
  filterKey?: string
}

export interface FormJson {
  title?: string
  submitLabel?: string
  fields: FieldJson[]
}

export const ACTOR_ROLES = [
  'visitor',
  'partner_user',
  'partner_admin',
  'caisse_admin',
  'analyst',
  'platform_admin',
  /** The application itself, when a domain service moves a record */
  'system',
] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]

export const PERMISSION_SCOPES = ['any', 'instance_caisse', 'instance_partner', 'self'] as const
export type PermissionScope = (typeof PERMISSION_SCOPES)[number]

export interface PermissionJson {
  /** One of ACTOR_ROLES */
  role: string
  /** One of PERMISSION_SCOPES */
  scope: string
}

export interface ScreenJson {
  /** An Inertia page of the page catalogue (registry.ts) */
  page: string
  title: string
  text?: string
  /** Buttons the page offers; each names an event of this state */
  buttons?: Array<{ event: string; label: string }>
  /** Context keys shown read-only (a summary of what was submitted) */
  display?: string[]
}

/**
 * What a decision's button says besides its label: an acceptance (green), a
 * refusal (red) or neither (the default). The label still says it all: the
 * colour only accompanies it (RGAA 3.1)
 */
export const EVENT_TONES = ['accept', 'refuse', 'neutral'] as const
export type EventTone = (typeof EVENT_TONES)[number]

/** What the definition says of one event, besides its transitions and permissions */
export interface EventJson {
  /** French label: buttons, forms and the history show it, never the event's name */
  label?: string
  /** How its button looks (EVENT_TONES); absent: neutral */
  tone?: EventTone
  /**
   * The doors through which the event may be sent (registry.doors): "pages"
   * is the generic pages (/parcours, /dossiers); a named door is one
   * service's screen, which enforces its own rules (locks, limits, audit).
   * Absent: every door.
   */
  via?: string[]
}

export interface NotificationJson {
  subject: string
  /** Plain text with {{placeholders}} filled from the instance context and the payload */
  text: string
}

export interface WorkflowDefinitionBody {
  key: string
  title: string
  versionLabel?: string
  description?: string
  /** What kind of record an instance stands for ("preinscription", "user"…) */
  subjectType?: string
  /** Who may start an instance; routing keys come from the start input */
  startPermissions: PermissionJson[]
  machine: MachineJson
  forms: Record<string, FormJson>
  permissions: Record<string, PermissionJson[]>
  /** Per event: its label and the doors it may come through */
  events?: Record<string, EventJson>
  /**
   * Who may open a record on the generic pages, with the permissions'
   * roles and scopes. Whoever may send it an event now may open it too, and
   * a visitor the records of their own session. Absent: nobody else.
   */
  viewers?: PermissionJson[]
  /** French labels of the context keys screens display that no form field names */
  contextLabels?: Record<string, string>
  screens: Record<string, ScreenJson>
  notifications: Record<string, NotificationJson>
}

/** Who sends an event. Built by the caller from the signed-in user (or visitor/system). */
export interface WorkflowActor {
  id: number | null
  role: ActorRole
  /** The partner the actor belongs to, if any */
  partnerId: number | null
  /** The caisses a caisse administrator works for */
  caisseIds: number[]
}

/** The columns through which an instance is routed and scoped */
export interface RoutingKeys {
  subjectType: string | null
  subjectId: number | null
  caisseId: number | null
  partnerId: number | null
}

export interface Problem {
  /** JSON path inside the definition: machine.states.pending.on.VALIDATE.actions[0].type */
  path: string
  message: string
}
