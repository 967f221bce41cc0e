import vine from '@vinejs/vine'
import { EVENT_TONES, type Problem, type StateNodeJson } from '#workflow/types'
import { frenchMessages } from '#workflow/french_messages'

/**
 * The structural schema of a workflow definition. It checks shapes only
 * (strings, lists, objects); names — actions, guards, field types, pages,
 * templates, roles — are checked against their catalogues by
 * static_validator.ts so each problem gets its own precise message.
 *
 * VineJS has no recursive schemas: a state node is validated one level at a
 * time (stateNodeValidator) and validateDefinitionShape walks nested states.
 */

const KEY = /^[a-z][a-z0-9-]*$/
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

const namedReference = () =>
  vine.object({
    type: vine.string().trim().minLength(1),
    params: vine.record(vine.any().nullable()).optional(),
  })

/** "sendMail" or { "type": "sendMail", "params": {…} } */
const reference = () => vine.unionOfTypes([vine.string().minLength(1), namedReference()])

/** One reference or a list of them (XState accepts both) */
const references = () =>
  vine.unionOfTypes([vine.string().minLength(1), namedReference(), vine.array(reference())])

const transitionObject = () =>
  vine.object({
    target: vine.string().minLength(1).optional(),
    guard: reference().optional(),
    actions: references().optional(),
    description: vine.string().optional(),
  })

/** "target", { target, guard, actions } or a list of them tried in order */
const transitions = () =>
  vine.unionOfTypes([
    vine.string().minLength(1),
    transitionObject(),
    vine.array(vine.unionOfTypes([vine.string().minLength(1), transitionObject()])),
  ])

const stateNodeSchema = vine.object({
  type: vine.enum(['atomic', 'compound', 'parallel', 'final'] as const).optional(),
  initial: vine.string().optional(),
  description: vine.string().optional(),
  entry: references().optional(),
  exit: references().optional(),
  on: vine.record(transitions()).optional(),
  always: transitions().optional(),
  after: vine.record(transitions()).optional(),
  /** Child nodes: validated one level down by validateDefinitionShape */
  states: vine.record(vine.any().nullable()).optional(),
  tags: vine.array(vine.string()).optional(),
})

export const stateNodeValidator = vine.compile(stateNodeSchema)

const permission = () =>
  vine.object({
    role: vine.string().trim().minLength(1),
    scope: vine.string().trim().minLength(1),
  })

const field = vine.object({
  name: vine.string().regex(IDENTIFIER),
  label: vine.string().trim().minLength(1),
  type: vine.string().trim().minLength(1),
  required: vine.boolean({ strict: true }).optional(),
  maxLength: vine.number().withoutDecimals().positive().optional(),
  help: vine.string().optional(),
  group: vine.string().optional(),
  source: vine.string().optional(),
  options: vine
    .array(vine.object({ value: vine.string(), label: vine.string() }))
    .minLength(1)
    .optional(),
  dependsOn: vine.string().optional(),
  filterKey: vine.string().optional(),
})

export const definitionSchema = vine.object({
  key: vine.string().regex(KEY),
  title: vine.string().trim().minLength(1),
  versionLabel: vine.string().optional(),
  description: vine.string().optional(),
  subjectType: vine.string().optional(),
  startPermissions: vine.array(permission()).minLength(1),
  machine: vine.object({
    id: vine.string().minLength(1),
    initial: vine.string().minLength(1),
    context: vine.record(vine.any().nullable()).optional(),
    /** Top-level nodes: validated by validateDefinitionShape */
    states: vine.record(vine.any().nullable()),
  }),
  forms: vine.record(
    vine.object({
      title: vine.string().optional(),
      submitLabel: vine.string().optional(),
      fields: vine.array(field),
    })
  ),
  permissions: vine.record(vine.array(permission())),
  events: vine
    .record(
      vine.object({
        label: vine.string().trim().minLength(1).optional(),
        tone: vine.enum(EVENT_TONES).optional(),
        via: vine.array(vine.string().trim().minLength(1)).minLength(1).optional(),
      })
    )
    .optional(),
  viewers: vine.array(permission()).optional(),
  contextLabels: vine.record(vine.string().trim().minLength(1)).optional(),
  screens: vine.record(
    vine.object({
      page: vine.string().trim().minLength(1),
      title: vine.string().trim().minLength(1),
      text: vine.string().optional(),
      buttons: vine
        .array(
          vine.object({ event: vine.string().minLength(1), label: vine.string().minLength(1) })
        )
        .optional(),
      display: vine.array(vine.string()).optional(),
    })
  ),
  notifications: vine.record(
    vine.object({
      subject: vine.string().trim().minLength(1),
      text: vine.string().trim().minLength(1),
    })
  ),
})

export const definitionValidator = vine.compile(definitionSchema)

/**
 * VineJS names a nested field "forms.SUBMIT.fields.0.type"; the problems we
 * report use JSON-path style, "forms.SUBMIT.fields[0].type", so the raw
 * document is walked to tell list indexes from object keys that look numeric.
 */
export function toJsonPath(root: unknown, dotted: string, prefix = ''): string {
  let path = prefix
  let current: unknown = root
  for (const segment of dotted.split('.')) {
    if (Array.isArray(current)) {
      path += `[${segment}]`
      current = current[Number(segment)]
    } else {
      path += path ? `.${segment}` : segment
      current =
        current && typeof current === 'object'
          ? (current as Record<string, unknown>)[segment]
          : undefined
    }
  }
  return path
}

async function collect(
  validator: { validate: (data: unknown, options: any) => Promise<unknown> },
  data: unknown,
  prefix: string
): Promise<Problem[]> {
  try {
    await validator.validate(data, { messagesProvider: frenchMessages() })
    return []
  } catch (error) {
    const messages = (error as { messages?: Array<{ field: string; message: string }> }).messages
    if (!messages) throw error
    return messages.map((m) => ({
      path: m.field ? toJsonPath(data, m.field, prefix) : prefix,
      message: m.message,
    }))
  }
}

/** Shape problems of a whole definition, nested states included */
export async function validateDefinitionShape(body: unknown): Promise<Problem[]> {
  const problems = await collect(definitionValidator, body, '')
  const machine = (body as { machine?: { states?: unknown } } | null)?.machine
  if (machine && typeof machine === 'object' && !Array.isArray(machine)) {
    /** The root node may carry "on" handlers shared by every state */
    problems.push(...(await collect(stateNodeValidator, machine, 'machine')))
  }
  const states = machine?.states
  if (states && typeof states === 'object' && !Array.isArray(states)) {
    problems.push(...(await validateStates(states as Record<string, unknown>, 'machine.states')))
  }
  /** The root is checked both as the machine and as a state node: report each problem once */
  const seen = new Set<string>()
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

async function validateStates(states: Record<string, unknown>, path: string): Promise<Problem[]> {
  const problems: Problem[] = []
  for (const [name, node] of Object.entries(states)) {
    const nodePath = `${path}.${name}`
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ path: nodePath, message: 'Un état doit être un objet.' })
      continue
    }
    problems.push(...(await collect(stateNodeValidator, node, nodePath)))
    const children = (node as StateNodeJson).states
    if (children && typeof children === 'object' && !Array.isArray(children)) {
      problems.push(...(await validateStates(children, `${nodePath}.states`)))
    }
  }
  return problems
}
