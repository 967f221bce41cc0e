import {
  ACTOR_ROLES,
  FIELD_TYPES,
  isStoredField,
  PERMISSION_SCOPES,
  type FieldJson,
  type FormJson,
  type NamedReference,
  type PermissionJson,
  type Problem,
  type ReferenceJson,
  type StateNodeJson,
  type TransitionJson,
  type TransitionsJson,
  type WorkflowDefinitionBody,
} from '#workflow/types'
import { toJsonPath, validateDefinitionShape } from '#workflow/definition_schema'
import { frenchMessages } from '#workflow/french_messages'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import defaultRegistry, {
  GENERIC_PAGES,
  type ActionDefinition,
  type FillCatalogue,
  type WorkflowRegistry,
} from '#workflow/registry'
import { MachineQueries } from '#workflow/machine_queries'
import { TemplateVariables } from '#workflow/template_variables'
import vine from '@vinejs/vine'

/**
 * Checks what the schema cannot: every name a definition uses exists in its
 * catalogue, every state can be reached and left, every event has a
 * permission. Returns every problem with the JSON path to fix, so the CLI and
 * the editor can point at it; an empty list means the definition may be
 * published.
 */

interface StateInfo {
  /** Dotted id used by screens and stored state values: "parent.child" */
  id: string
  /** JSON path of the node: machine.states.parent.states.child */
  path: string
  node: StateNodeJson
  parent: StateInfo | null
  children: StateInfo[]
}

interface TransitionInfo {
  source: StateInfo
  transition: TransitionJson
  /** Path of the transition object (or of the string that is its target) */
  path: string
  /** Path of its target value */
  targetPath: string
  event: string | null
}

export async function validateDefinition(
  body: unknown,
  registry: WorkflowRegistry = defaultRegistry
): Promise<Problem[]> {
  const shapeProblems = await validateDefinitionShape(body)
  if (shapeProblems.length) return shapeProblems
  return new SemanticChecker(body as WorkflowDefinitionBody, registry).run()
}

class SemanticChecker {
  private problems: Problem[] = []
  private states = new Map<string, StateInfo>()
  private transitions: TransitionInfo[] = []
  /** Event name → path of its first use in the machine */
  private events = new Map<string, string>()
  private root: StateInfo
  /** Keys of the record's data the machine's context actions write */
  private keysWrittenByActions = new Set<string>()
  /** Mappings (params.fills) of effect actions, checked once every action is known */
  private mappings: Array<{
    catalogue: FillCatalogue
    fills: unknown
    path: string
    name: string
  }> = []

  constructor(
    private definition: WorkflowDefinitionBody,
    private registry: WorkflowRegistry
  ) {
    this.root = {
      id: '',
      path: 'machine',
      node: definition.machine,
      parent: null,
      children: [],
    }
    this.collectStates(this.root)
  }

  async run() {
    this.checkMachine()
    await this.checkReferences()
    this.checkMappings()
    this.checkReachability()
    this.checkPermissions()
    this.checkForms()
    this.checkEvents()
    this.checkScreens()
    this.checkTemplates()
    return this.problems
  }

  private report(path: string, message: string) {
    this.problems.push({ path, message })
  }

  private collectStates(parent: StateInfo) {
    for (const [name, node] of Object.entries(parent.node.states ?? {})) {
      const info: StateInfo = {
        id: parent.id ? `${parent.id}.${name}` : name,
        path: `${parent.path}.states.${name}`,
        node,
        parent,
        children: [],
      }
      parent.children.push(info)
      this.states.set(info.id, info)
      this.collectStates(info)
    }
  }

  private checkMachine() {
    for (const info of [this.root, ...this.states.values()]) {
      const { node } = info
      const childNames = Object.keys(node.states ?? {})
      if (childNames.length && node.type !== 'parallel') {
        if (!node.initial) {
          this.report(`${info.path}.initial`, 'Un état composé doit indiquer son état initial.')
        } else if (!childNames.includes(node.initial)) {
          this.report(
            `${info.path}.initial`,
            `L'état initial « ${node.initial} » n'existe pas parmi : ${childNames.join(', ')}.`
          )
        }
      }
      if (node.type === 'final' && (node.on || node.always || node.after || childNames.length)) {
        this.report(info.path, 'Un état final ne peut avoir ni transitions ni sous-états.')
      }
      for (const [event, transitions] of Object.entries(node.on ?? {})) {
        const path = `${info.path}.on.${event}`
        if (event === '*' || event.startsWith('xstate.') || !/^[A-Z][A-Z0-9_]*$/.test(event)) {
          this.report(
            path,
            `Nom d'événement invalide « ${event} » : majuscules, chiffres et « _ » (ex. VALIDATE).`
          )
        }
        if (!this.events.has(event)) this.events.set(event, path)
        this.collectTransitions(info, transitions, path, event)
      }
      if (node.always !== undefined) {
        this.collectTransitions(info, node.always, `${info.path}.always`, null)
      }
      for (const [delay, transitions] of Object.entries(node.after ?? {})) {
        this.report(
          `${info.path}.after.${delay}`,
          "Les transitions différées (after) ne sont pas encore exécutées par le moteur : utilisez un événement envoyé par l'application."
        )
        this.collectTransitions(info, transitions, `${info.path}.after.${delay}`, null)
      }
    }
    for (const transition of this.transitions) {
      const target = transition.transition.target
      if (target !== undefined && !this.resolveTarget(target, transition.source)) {
        this.report(transition.targetPath, `L'état cible « ${target} » n'existe pas.`)
      }
    }
  }

  private collectTransitions(
    source: StateInfo,
    transitions: TransitionsJson,
    path: string,
    event: string | null
  ) {
    const list = Array.isArray(transitions) ? transitions : [transitions]
    /** XState takes the first entry whose guard passes: one without a guard ends the list */
    let unguarded: number | null = null
    list.forEach((entry, index) => {
      const entryPath = Array.isArray(transitions) ? `${path}[${index}]` : path
      const transition = typeof entry === 'string' ? { target: entry } : entry
      if (unguarded !== null) {
        this.report(
          entryPath,
          `Cette transition n'est jamais prise : la transition n° ${unguarded + 1} ${event ? `de « ${event} »` : 'automatique'}, sans condition, passe toujours avant. Donnez-lui une condition ou retirez celle-ci.`
        )
      } else if (transition.guard === undefined) {
        unguarded = index
      }
      this.transitions.push({
        source,
        transition,
        path: entryPath,
        targetPath: typeof entry === 'string' ? entryPath : `${entryPath}.target`,
        event,
      })
    })
  }

  /** XState target syntax: "sibling", ".child", "#machineId.a.b" */
  resolveTarget(target: string, source: StateInfo): StateInfo | null {
    if (target.startsWith('#')) {
      const [id, ...rest] = target.slice(1).split('.')
      if (id !== this.definition.machine.id) return null
      return rest.length ? (this.states.get(rest.join('.')) ?? null) : this.root
    }
    if (target.startsWith('.')) {
      const id = source.id ? `${source.id}${target}` : target.slice(1)
      return this.states.get(id) ?? null
    }
    const parent = source.parent ?? this.root
    return this.states.get(parent.id ? `${parent.id}.${target}` : target) ?? null
  }

  private async checkReferences() {
    for (const info of [this.root, ...this.states.values()]) {
      for (const key of ['entry', 'exit'] as const) {
        if (info.node[key] !== undefined) {
          await this.checkActions(info.node[key]!, `${info.path}.${key}`)
        }
      }
    }
    for (const { transition, path, event } of this.transitions) {
      if (transition.actions !== undefined) {
        await this.checkActions(transition.actions, `${path}.actions`, event)
      }
      if (transition.guard !== undefined) {
        await this.checkGuard(transition.guard, `${path}.guard`)
      }
    }
  }

  private async checkActions(
    actions: ReferenceJson | ReferenceJson[],
    path: string,
    event: string | null = null
  ) {
    const list = Array.isArray(actions) ? actions : [actions]
    for (const [index, action] of list.entries()) {
      const actionPath = Array.isArray(actions) ? `${path}[${index}]` : path
      const { name, params, namePath } = this.normalise(action, actionPath)
      const definition = this.registry.actions.get(name)
      if (!definition) {
        this.report(
          namePath,
          `Action inconnue « ${name} ». Actions disponibles : ${[...this.registry.actions.keys()].join(', ')}.`
        )
        continue
      }
      await this.checkParams(definition.params, params, `${actionPath}.params`)
      for (const param of definition.templateParams ?? []) {
        const template = params[param]
        if (typeof template === 'string' && !this.definition.notifications[template]) {
          this.report(
            `${actionPath}.params.${param}`,
            `Modèle d'email inconnu « ${template} » : ajoutez-le dans « notifications ».`
          )
        }
      }
      this.checkFormReferences(definition, params, actionPath, event)
      for (const key of definition.contextKeys?.(params) ?? []) this.keysWrittenByActions.add(key)
      if (definition.fills) {
        this.mappings.push({
          catalogue: definition.fills,
          fills: params.fills,
          path: `${actionPath}.params.fills`,
          name,
        })
      }
    }
  }

  /**
   * Fields an action reads from the submitted form must exist in the form of
   * the event that triggers it; a password is never copied into the record.
   */
  private checkFormReferences(
    action: ActionDefinition,
    params: Record<string, unknown>,
    actionPath: string,
    event: string | null
  ) {
    const fields = event ? (this.definition.forms[event]?.fields ?? []) : []
    const check = (name: unknown, path: string) => {
      if (typeof name !== 'string') return
      const field = fields.find((candidate) => candidate.name === name)
      if (!field) {
        this.report(
          path,
          event
            ? `Le formulaire de « ${event} » n'a pas de champ « ${name} ».`
            : `« ${name} » : seules les transitions déclenchées par un événement ont un formulaire.`
        )
      } else if (field.type === 'password') {
        this.report(path, `Le champ « ${name} » est un mot de passe : il n'est jamais conservé.`)
      } else if (field.type === 'captcha') {
        this.report(path, `Le champ « ${name} » est un captcha : il n'est jamais conservé.`)
      }
    }
    for (const param of action.formFieldParams ?? []) {
      const value = params[param]
      if (Array.isArray(value)) {
        value.forEach((name, index) => check(name, `${actionPath}.params.${param}[${index}]`))
      } else {
        check(value, `${actionPath}.params.${param}`)
      }
    }
    const checkPath = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.startsWith('payload.')) {
        check(value.slice('payload.'.length).split('.')[0], path)
      }
    }
    for (const param of action.valuePathParams ?? []) {
      const value = params[param]
      if (value && typeof value === 'object') {
        for (const [key, path] of Object.entries(value)) {
          checkPath(path, `${actionPath}.params.${param}.${key}`)
        }
      } else {
        checkPath(value, `${actionPath}.params.${param}`)
      }
    }
  }

  /**
   * Where each key of the record's data comes from: the form fields that
   * store it (every field but the secret ones goes into the data under its
   * name), the machine's initial context, the context actions.
   */
  private producers() {
    const fields = new Map<string, Array<{ field: FieldJson; path: string; required: boolean }>>()
    const secret = new Map<string, string>()
    for (const [event, form] of Object.entries(this.definition.forms)) {
      form.fields.forEach((field, index) => {
        const path = `forms.${event}.fields[${index}]`
        if (!isStoredField(field)) {
          secret.set(field.name, path)
          return
        }
        const list = fields.get(field.name) ?? []
        list.push({ field, path, required: alwaysGiven(field, form) })
        fields.set(field.name, list)
      })
    }
    const others = new Set([
      ...Object.keys(this.definition.machine.context ?? {}),
      ...this.keysWrittenByActions,
    ])
    return { fields, secret, others }
  }

  /**
   * An effect action's mapping (params.fills): each target and attribute is
   * one the action declares, each key is one the record's data holds, and a
   * required attribute is fed by a key that is always set (never by an
   * optional field: left empty, it would leave the attribute without value).
   */
  private checkMappings() {
    if (!this.mappings.length) return
    const { fields, secret, others } = this.producers()
    for (const { catalogue, fills, path, name } of this.mappings) {
      if (!fills || typeof fills !== 'object') continue
      const mapping = fills as Record<string, unknown>
      for (const [target, attributes] of Object.entries(mapping)) {
        const declared = catalogue[target]
        if (!declared) {
          this.report(
            `${path}.${target}`,
            `Objet inconnu « ${target} » : « ${name} » remplit ${describeTargets(catalogue)}.`
          )
          continue
        }
        if (!attributes || typeof attributes !== 'object') continue
        for (const [attribute, key] of Object.entries(attributes as Record<string, unknown>)) {
          const attributePath = `${path}.${target}.${attribute}`
          const spec = declared.attributes[attribute]
          if (!spec) {
            this.report(
              attributePath,
              `Attribut inconnu « ${attribute} » pour ${declared.label} (« ${target} »). Attributs : ${Object.keys(declared.attributes).join(', ')}.`
            )
            continue
          }
          if (typeof key !== 'string') continue
          const storing = fields.get(key) ?? []
          if (!storing.length && secret.has(key)) {
            this.report(
              attributePath,
              `« ${key} » (${secret.get(key)}) est un mot de passe ou un captcha : il n'est jamais conservé dans le dossier.`
            )
          } else if (!storing.length && !others.has(key)) {
            this.report(
              attributePath,
              `« ${key} » : aucun champ de formulaire ni aucune valeur du contexte ne fournit cette donnée du dossier (attribut « ${spec.label} » pour ${declared.label}).`
            )
          } else if (spec.required) {
            const optional = storing.find((candidate) => !candidate.required)
            if (optional) {
              this.report(
                attributePath,
                `« ${spec.label} » est obligatoire pour ${declared.label}, mais le champ « ${optional.field.label} » (${optional.path}) qui l'alimente est facultatif : rendez-le obligatoire, ou alimentez « ${attribute} » par une autre donnée.`
              )
            }
          }
        }
      }
      for (const [target, declared] of Object.entries(catalogue)) {
        const fed = mapping[target]
        for (const [attribute, spec] of Object.entries(declared.attributes)) {
          const given = fed && typeof fed === 'object' && attribute in (fed as object)
          if (spec.required && !given) {
            this.report(
              fed && typeof fed === 'object' ? `${path}.${target}` : path,
              `« ${spec.label} » est obligatoire pour ${declared.label} : indiquez la donnée du dossier qui l'alimente (« fills.${target}.${attribute} »).`
            )
          }
        }
      }
    }
  }

  private async checkGuard(guard: ReferenceJson, path: string) {
    const { name, params, namePath } = this.normalise(guard, path)
    const definition = this.registry.guards.get(name)
    if (!definition) {
      this.report(
        namePath,
        `Garde inconnue « ${name} ». Gardes disponibles : ${[...this.registry.guards.keys()].join(', ')}.`
      )
      return
    }
    await this.checkParams(definition.params, params, `${path}.params`)
  }

  private normalise(reference: ReferenceJson, path: string) {
    if (typeof reference === 'string') {
      return { name: reference, params: {}, namePath: path }
    }
    const named = reference as NamedReference
    return { name: named.type, params: named.params ?? {}, namePath: `${path}.type` }
  }

  private async checkParams(schema: any, params: Record<string, unknown>, path: string) {
    try {
      await vine.compile(schema).validate(params, { messagesProvider: frenchMessages() })
    } catch (error) {
      const messages = (error as { messages?: Array<{ field: string; message: string }> }).messages
      if (!messages) throw error
      for (const message of messages) {
        this.report(toJsonPath(params, message.field, path), message.message)
      }
    }
  }

  /** Which states can ever be active, following every target whatever the guards */
  private checkReachability() {
    const reached = new Set<StateInfo>()
    const queue: StateInfo[] = []
    const enter = (info: StateInfo) => {
      for (let current: StateInfo | null = info; current; current = current.parent) {
        if (!reached.has(current)) {
          reached.add(current)
          queue.push(current)
        }
      }
      if (info.node.type === 'parallel') {
        info.children.forEach((child) => !reached.has(child) && enter(child))
      } else if (info.node.initial) {
        const initialId = info.id ? `${info.id}.${info.node.initial}` : info.node.initial
        const initial = info.children.find((child) => child.id === initialId)
        if (initial && !reached.has(initial)) enter(initial)
      }
    }
    enter(this.root)
    while (queue.length) {
      const source = queue.shift()!
      for (const transition of this.transitions.filter((t) => t.source === source)) {
        const target =
          transition.transition.target !== undefined
            ? this.resolveTarget(transition.transition.target, source)
            : null
        if (target && !reached.has(target)) enter(target)
      }
    }
    for (const info of this.states.values()) {
      if (!reached.has(info)) {
        this.report(
          info.path,
          `L'état « ${info.id} » est inaccessible : aucune transition n'y mène.`
        )
      }
    }
    for (const info of this.states.values()) {
      if (info.children.length || info.node.type === 'final' || !reached.has(info)) continue
      let hasWayOut = false
      for (let current: StateInfo | null = info; current; current = current.parent) {
        if (
          this.transitions.some((t) => t.source === current && t.transition.target !== undefined)
        ) {
          hasWayOut = true
          break
        }
      }
      if (!hasWayOut) {
        this.report(
          info.path,
          `L'état « ${info.id} » n'est pas final et n'a aucune transition de sortie : le dossier y resterait bloqué.`
        )
      }
    }
  }

  private checkPermissionList(rules: PermissionJson[], path: string) {
    rules.forEach((rule, index) => {
      if (!(ACTOR_ROLES as readonly string[]).includes(rule.role)) {
        this.report(
          `${path}[${index}].role`,
          `Rôle inconnu « ${rule.role} ». Rôles : ${ACTOR_ROLES.join(', ')}.`
        )
      }
      if (!(PERMISSION_SCOPES as readonly string[]).includes(rule.scope)) {
        this.report(
          `${path}[${index}].scope`,
          `Portée inconnue « ${rule.scope} ». Portées : ${PERMISSION_SCOPES.join(', ')}.`
        )
      }
    })
  }

  private checkPermissions() {
    this.checkPermissionList(this.definition.startPermissions, 'startPermissions')
    this.checkPermissionList(this.definition.viewers ?? [], 'viewers')
    for (const [event, usedAt] of this.events) {
      if (!this.definition.permissions[event]?.length) {
        this.report(
          `permissions.${event}`,
          `L'événement « ${event} » (utilisé en ${usedAt}) n'a aucune permission : personne ne pourrait l'envoyer.`
        )
      }
    }
    for (const [event, rules] of Object.entries(this.definition.permissions)) {
      if (!this.events.has(event)) {
        this.report(
          `permissions.${event}`,
          `L'événement « ${event} » n'existe pas dans la machine.`
        )
      }
      this.checkPermissionList(rules, `permissions.${event}`)
    }
  }

  /**
   * events.<E>: an event of the machine, doors the registry knows; and every
   * event has a French label somewhere (a button, its form, events.<E>.label),
   * since buttons and the history never show an event's name
   */
  private checkEvents() {
    const events = this.definition.events ?? {}
    for (const [event, declared] of Object.entries(events)) {
      if (!this.events.has(event)) {
        this.report(`events.${event}`, `L'événement « ${event} » n'existe pas dans la machine.`)
      }
      declared.via?.forEach((door, index) => {
        if (!this.registry.doors.has(door)) {
          this.report(
            `events.${event}.via[${index}]`,
            `Porte inconnue « ${door} ». Portes : ${[...this.registry.doors.keys()].join(', ')}.`
          )
        }
      })
    }
    const buttons = new Set(
      Object.values(this.definition.screens).flatMap((screen) =>
        (screen.buttons ?? []).map((button) => button.event)
      )
    )
    for (const event of this.events.keys()) {
      const form = this.definition.forms[event]
      if (!buttons.has(event) && !events[event]?.label && !form?.submitLabel && !form?.title) {
        this.report(
          `events.${event}.label`,
          `L'événement « ${event} » n'a pas de libellé : ajoutez « events.${event}.label » (boutons et historique montrent un libellé, jamais le nom de l'événement).`
        )
      }
    }
  }

  private checkForms() {
    for (const [event, form] of Object.entries(this.definition.forms)) {
      const path = `forms.${event}`
      if (!this.events.has(event)) {
        this.report(
          path,
          `Formulaire pour l'événement « ${event} », qui n'existe pas dans la machine.`
        )
      }
      this.checkFields(form, path)
    }
  }

  private checkFields(form: FormJson, path: string) {
    const seen = new Set<string>()
    form.fields.forEach((field, index) => {
      const fieldPath = `${path}.fields[${index}]`
      if (seen.has(field.name)) {
        this.report(`${fieldPath}.name`, `Le champ « ${field.name} » apparaît deux fois.`)
      }
      if (!(FIELD_TYPES as readonly string[]).includes(field.type)) {
        this.report(
          `${fieldPath}.type`,
          `Type de champ inconnu « ${field.type} ». Types : ${FIELD_TYPES.join(', ')}.`
        )
      }
      if (field.type === 'select' || field.type === 'dependent_select') {
        if (field.source === undefined && !(field.type === 'select' && field.options)) {
          this.report(
            `${fieldPath}.source`,
            'Une liste doit indiquer sa source de données (ou ses options).'
          )
        } else if (field.source !== undefined && !REFERENCE_SOURCES[field.source]) {
          this.report(
            `${fieldPath}.source`,
            `Source de données inconnue « ${field.source} ». Sources : ${Object.keys(REFERENCE_SOURCES).join(', ')}.`
          )
        }
      }
      if (field.type === 'derived' && (!field.dependsOn || !seen.has(field.dependsOn))) {
        this.report(
          `${fieldPath}.dependsOn`,
          `« dependsOn » doit nommer le champ placé avant « ${field.name} » dont il reprend la valeur.`
        )
      }
      if (field.type === 'dependent_select') {
        if (!field.dependsOn || !seen.has(field.dependsOn)) {
          this.report(
            `${fieldPath}.dependsOn`,
            `« dependsOn » doit nommer un champ placé avant « ${field.name} » dans le formulaire.`
          )
        }
        const source = field.source ? REFERENCE_SOURCES[field.source] : undefined
        if (source && (!field.filterKey || !source.filters[field.filterKey])) {
          this.report(
            `${fieldPath}.filterKey`,
            `Filtre inconnu « ${field.filterKey ?? ''} » pour la source « ${field.source} ». Filtres : ${Object.keys(source.filters).join(', ') || 'aucun'}.`
          )
        }
      }
      seen.add(field.name)
    })
  }

  /**
   * The questions about the machine itself (does a state accept an event?)
   * are XState's: it builds the machine once the targets and initial states
   * exist. When they do not, those problems are already reported, and the
   * screens' buttons are checked once they are fixed.
   */
  private machineQueries(): MachineQueries | null {
    try {
      return MachineQueries.ofBody(this.definition)
    } catch {
      return null
    }
  }

  private checkScreens() {
    const queries = this.machineQueries()
    for (const [stateId, screen] of Object.entries(this.definition.screens)) {
      const path = `screens.${stateId}`
      const known = this.states.has(stateId)
      if (!known) {
        this.report(path, `Écran pour l'état « ${stateId} », qui n'existe pas dans la machine.`)
      }
      if (!this.registry.pages.has(screen.page)) {
        this.report(
          `${path}.page`,
          `Page inconnue « ${screen.page} ». Pages : ${[...this.registry.pages.keys()].join(', ')}.`
        )
      }
      screen.buttons?.forEach((button, index) => {
        if (known && queries && !queries.offers(stateId, button.event)) {
          this.report(
            `${path}.buttons[${index}].event`,
            `L'état « ${stateId} » n'accepte pas l'événement « ${button.event} ».`
          )
        }
        const via = this.definition.events?.[button.event]?.via
        if (via && !via.includes(GENERIC_PAGES)) {
          this.report(
            `${path}.buttons[${index}].event`,
            `L'événement « ${button.event} » ne passe pas par les pages du dossier (events.${button.event}.via) : ce bouton n'enverrait rien.`
          )
        }
      })
      screen.display?.forEach((key, index) => {
        if (queries ? !queries.dataLabel(key) : !this.definition.contextLabels?.[key]) {
          this.report(
            `${path}.display[${index}]`,
            `« ${key} » n'a pas de libellé : aucun champ de formulaire ne porte ce nom ; ajoutez « contextLabels.${key} ».`
          )
        }
      })
    }
  }

  /**
   * S6 a mail template uses only the variables it may use (the record's
   * data, what the actions that send it add): an unknown one would be
   * sent empty
   */
  private checkTemplates() {
    const variables = new TemplateVariables(this.definition, this.registry)
    for (const [template, notification] of Object.entries(this.definition.notifications)) {
      /** A template no action sends has no mail to be empty in */
      if (!variables.senders(template).length) continue
      for (const part of ['subject', 'text'] as const) {
        const unknown = variables.unknownIn(template, notification[part])
        if (!unknown.length) continue
        const where = part === 'subject' ? 'l’objet' : 'le texte'
        const known = variables.of(template).map(({ name }) => name)
        this.report(
          `notifications.${template}.${part}`,
          `${unknown.length === 1 ? 'Variable inconnue' : 'Variables inconnues'} ${unknown.map((name) => `« {{${name}}} »`).join(', ')} dans ${where} du modèle « ${template} » : elle resterait vide dans l’email. Variables possibles : ${known.join(', ') || 'aucune'}.`
        )
      }
    }
  }
}

/**
 * Does every accepted submission of the form give the field a value? A
 * required field does, a ticked-by-rule checkbox too, a derived field when
 * the field it copies does.
 */
function alwaysGiven(field: FieldJson, form: FormJson, seen = new Set<string>()): boolean {
  if (field.required === true) return true
  if (field.type !== 'derived' || !field.dependsOn || seen.has(field.name)) return false
  const source = form.fields.find((candidate) => candidate.name === field.dependsOn)
  return source ? alwaysGiven(source, form, new Set([...seen, field.name])) : false
}

function describeTargets(catalogue: FillCatalogue) {
  return Object.entries(catalogue)
    .map(([target, spec]) => `« ${target} » (${spec.label})`)
    .join(', ')
}
