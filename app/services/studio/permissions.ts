import type User from '#models/user'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { changeDraft } from '#services/studio/drafts'
import { MachineQueries } from '#workflow/machine_queries'
import type {
  ActorRole,
  PermissionJson,
  PermissionScope,
  WorkflowDefinitionBody,
} from '#workflow/types'

/**
 * S6 « Qui peut l’envoyer »: the rules (rôle + portée) of each event of a
 * draft, « Ajouter » and « Retirer », each one audited change of the draft
 * (changeDraft). What a rule means is app/workflow/permissions.ts's
 * SCOPE_RULES; the checks of workflow:validate then say whether an event is
 * left without anyone who may send it (publishing waits for that).
 */

/** What each scope means, in the words of the draft page (app/workflow/permissions.ts) */
export const SCOPE_MEANINGS: Record<PermissionScope, string> = {
  any: 'quel que soit le dossier',
  instance_caisse: 'pour les dossiers de ses caisses',
  instance_partner: 'pour les dossiers de son partenaire',
  self: 'pour son propre compte',
}

export type RuleInput = { role: ActorRole; scope: PermissionScope }

export const PERMISSION_MESSAGES = {
  noEvent: 'Cet événement n’existe pas dans la machine de ce brouillon.',
  noRule: 'Cette règle n’existe pas pour cet événement.',
  ruleExists: 'Cette règle existe déjà pour cet événement.',
}

/** The events of the draft's machine, in the definition's order; empty when it does not build */
export function machineEvents(body: WorkflowDefinitionBody): string[] {
  try {
    return [...MachineQueries.ofBody(body).events]
  } catch {
    return Object.keys(body.permissions)
  }
}

function rulesOf(body: WorkflowDefinitionBody, event: string): PermissionJson[] {
  if (!machineEvents(body).includes(event)) {
    throw new StudioNotFoundError(PERMISSION_MESSAGES.noEvent)
  }
  if (!Object.hasOwn(body.permissions, event)) body.permissions[event] = []
  return body.permissions[event]
}

const shown = (rules: PermissionJson[]) =>
  rules.length ? rules.map(({ role, scope }) => `${role} (${scope})`).join(', ') : null

/** « Ajouter »: one more role and scope that may send the event */
export function addRule(key: string, event: string, actor: User, rule: RuleInput) {
  return changeDraft(key, actor, (body) => {
    const rules = rulesOf(body, event)
    const before = shown(rules)
    if (rules.some(({ role, scope }) => role === rule.role && scope === rule.scope)) {
      throw new StudioRuleError({ role: PERMISSION_MESSAGES.ruleExists })
    }
    rules.push({ role: rule.role, scope: rule.scope })
    return { body, changes: { [`permissions.${event}`]: { before, after: shown(rules) } } }
  })
}

/** « Retirer »: the rule no longer lets that role send the event */
export function removeRule(key: string, event: string, actor: User, rule: RuleInput) {
  return changeDraft(key, actor, (body) => {
    const rules = rulesOf(body, event)
    const before = shown(rules)
    const index = rules.findIndex(({ role, scope }) => role === rule.role && scope === rule.scope)
    if (index === -1) throw new StudioNotFoundError(PERMISSION_MESSAGES.noRule)
    rules.splice(index, 1)
    return { body, changes: { [`permissions.${event}`]: { before, after: shown(rules) } } }
  })
}
