import { ROLE_LABELS, roleLabel } from '#formatting/french'
import { SCOPE_MEANINGS, machineEvents } from '#services/studio/permissions'
import { stateIds } from '#services/studio/screens'
import registry from '#workflow/registry'
import {
  ACTOR_ROLES,
  PERMISSION_SCOPES,
  isStoredField,
  type PermissionScope,
} from '#workflow/types'
import type { StateNodeJson, WorkflowDefinitionBody } from '#workflow/types'
import type { Option } from '#transformers/workflow/screen'

/** A rule of « Qui peut l’envoyer », as the draft page lists it */
export type EditorRule = {
  role: string
  scope: string
  /** « administrateur caisse, pour les dossiers de ses caisses » */
  meaning: string
}

export type RuleForm = { role: string; scope: string }
export type ScreenForm = { page: string; title: string; text: string; display: string[] }

export type PermissionsEditorProps = {
  events: Array<{ event: string; label: string; rules: EditorRule[] }>
  roles: Option[]
  /** Each scope with its meaning: « pour les dossiers de ses caisses » */
  scopes: Option[]
  /** The page of each state, in the machine's order */
  screens: Array<{ state: string; description: string } & ScreenForm>
  /** The registry's pages: « workflow/decision — Décision de la caisse : … » */
  pages: Option[]
  /** What a page may display of the record: every stored form value and labelled context key */
  displayable: Option[]
  /** After a refusal: which event or state, and what was typed */
  typed:
    | { kind: 'rule'; event: string; values: RuleForm }
    | { kind: 'screen'; state: string; values: ScreenForm }
    | null
}

/** How the draft page names an event: its declared label, its form's, a button's, else its name */
export function eventLabelOf(body: WorkflowDefinitionBody, event: string): string {
  const form = body.forms[event]
  const button = Object.values(body.screens)
    .flatMap((screen) => screen.buttons ?? [])
    .find((candidate) => candidate.event === event)
  return body.events?.[event]?.label ?? form?.submitLabel ?? button?.label ?? form?.title ?? event
}

/** The record's keys a screen may display, by their French labels (a field's, or contextLabels) */
function displayableKeys(body: WorkflowDefinitionBody): Option[] {
  const keys = new Map<string, string>()
  for (const form of Object.values(body.forms)) {
    for (const field of form.fields) {
      if (isStoredField(field) && !keys.has(field.name)) keys.set(field.name, field.label)
    }
  }
  for (const [key, label] of Object.entries(body.contextLabels ?? {})) {
    if (!keys.has(key)) keys.set(key, label)
  }
  return [...keys].map(([value, label]) => ({ value, label: `${label} (${value})` }))
}

const meaningOf = (scope: string) => SCOPE_MEANINGS[scope as PermissionScope] ?? scope

/**
 * A rule in words. A visitor only ever reaches the records of their own
 * session or of their personal link (app/services/workflow/access.ts),
 * whatever the scope says: the words say so.
 */
function ruleMeaning(role: string, scope: string) {
  if (role === 'visitor') {
    return `${roleLabel(role)}, sur le dossier qu’il a déposé ou ouvert par son lien personnel`
  }
  return `${roleLabel(role)}, ${meaningOf(scope)}`
}

/** S6 « Qui peut l’envoyer » and the page of each state (inertia/components/studio/permissions_editor.tsx) */
export function permissionsEditorProps(
  body: WorkflowDefinitionBody,
  typed: PermissionsEditorProps['typed'] = null
): PermissionsEditorProps {
  const nodeOf = (state: string) =>
    state
      .split('.')
      .reduce<StateNodeJson | undefined>((node, name) => node?.states?.[name], body.machine)
  return {
    events: machineEvents(body).map((event) => ({
      event,
      label: eventLabelOf(body, event),
      rules: (body.permissions[event] ?? []).map(({ role, scope }) => ({
        role,
        scope,
        meaning: ruleMeaning(role, scope),
      })),
    })),
    roles: ACTOR_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] ?? role })),
    scopes: PERMISSION_SCOPES.map((scope) => ({ value: scope, label: meaningOf(scope) })),
    screens: stateIds(body).map((state) => {
      const screen = Object.hasOwn(body.screens, state) ? body.screens[state] : undefined
      return {
        state,
        description: nodeOf(state)?.description ?? '',
        page: screen?.page ?? '',
        title: screen?.title ?? '',
        text: screen?.text ?? '',
        display: screen?.display ?? [],
      }
    }),
    displayable: displayableKeys(body),
    pages: [...registry.pages].map(([name, description]) => ({
      value: name,
      label: `${name} — ${description}`,
    })),
    typed,
  }
}
