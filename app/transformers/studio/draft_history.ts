import type { AuditEvent, AuditValue } from '#services/audit/trail'
import { FIELD_CATALOGUE } from '#services/studio/form_fields'
import { historyEntry, shownValue, type HistoryEntry } from '#transformers/audit/history'
import { changeLocation } from '#transformers/studio/problem_location'
import type { FieldJson, WorkflowDefinitionBody } from '#workflow/types'

/**
 * S3 S5 S9 the « Historique des modifications » of a workflow's draft page:
 * the audit rows of its versions (app/services/studio/drafts.ts,
 * publication.ts, form_fields.ts) in words. Their keys are paths of the
 * definition, said where they are (changeLocation, with the draft's body
 * for the names); a field's JSON is said as « Numéro FINESS (Texte court,
 * facultatif) ».
 */

/** The keys of a version's own rows (creation, publication), not paths of the body */
const VERSION_KEYS: Record<string, string> = {
  version: 'Version',
  status: 'Statut',
  retired: 'Version retirée',
  /** S7 a scenario of « Simuler », saved or deleted */
  scenario: 'Scénario de simulation',
}

export function workflowHistory(
  events: AuditEvent[],
  body: WorkflowDefinitionBody
): HistoryEntry[] {
  return events.map((event) =>
    historyEntry(event, (key, { before, after }) => {
      /** A removed field is no longer in the body: the row keeps its label */
      const recorded = fieldOf(after) ?? fieldOf(before)
      return {
        field: VERSION_KEYS[key] ?? changeLocation(key, body, recorded?.label),
        before: valueWords(before),
        after: valueWords(after),
      }
    })
  )
}

/** « Numéro FINESS (Texte court, facultatif, groupe « Structure ») »; any other value as it is */
export function valueWords(value: AuditValue): string {
  const field = fieldOf(value)
  if (!field) return shownValue(value)
  const type = Object.hasOwn(FIELD_CATALOGUE, field.type)
    ? FIELD_CATALOGUE[field.type as keyof typeof FIELD_CATALOGUE]
    : field.type
  const traits = [type, field.required ? 'obligatoire' : 'facultatif']
  if (field.group) traits.push(`groupe « ${field.group} »`)
  if (field.maxLength) traits.push(`${field.maxLength} caractères au plus`)
  if (field.source) traits.push(`référentiel ${field.source}`)
  if (field.help) traits.push(`aide « ${field.help} »`)
  return `${field.label} (${traits.join(', ')})`
}

/** The field a value is the JSON of, if it is one */
function fieldOf(value: AuditValue): FieldJson | null {
  if (typeof value !== 'string' || !value.startsWith('{')) return null
  try {
    const parsed: unknown = JSON.parse(value)
    const { label, type } = (parsed ?? {}) as Partial<FieldJson>
    return typeof label === 'string' && typeof type === 'string' ? (parsed as FieldJson) : null
  } catch {
    return null
  }
}
