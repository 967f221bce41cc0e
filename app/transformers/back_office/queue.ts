import type WorkflowInstance from '#models/workflow_instance'
import type { DecisionDefinition } from '#services/back_office/definitions'
import { formatParisDateTime } from '#formatting/french'

/**
 * C1: the props of « Dossiers à traiter »
 * (inertia/pages/back_office/items/index.tsx): one row per pending record,
 * the kinds of the filter, the filters applied and the page.
 */

export interface QueueRow {
  id: number
  receivedAt: string
  kind: string
  /** The title of the state it waits in (screens.<state>.title), never its id */
  state: string
  partnerName: string | null
  siret: string | null
  conventionCode: string | null
  caisseName: string | null
}

export interface QueuePageProps {
  rows: QueueRow[]
  kinds: Array<{ value: string; label: string }>
  filters: { kind: string | null; search: string }
  pagination: { total: number; perPage: number; currentPage: number; lastPage: number }
}

/**
 * A pending record as the queue's query selects it: its searchable values
 * in $extras (bo_partner_name, bo_siret, bo_convention_code, caisse_name).
 * Its last move is its arrival in the caisse's queue.
 */
export function queueRow(
  instance: WorkflowInstance,
  definition: Pick<DecisionDefinition, 'kindLabel' | 'queries'> | undefined
): QueueRow {
  return {
    id: instance.id,
    receivedAt: formatParisDateTime(instance.updatedAt),
    kind: definition?.kindLabel ?? '',
    state: definition ? definition.queries.storedStateLabel(instance.state) : instance.state,
    partnerName: textOrNull(instance.$extras.bo_partner_name),
    siret: textOrNull(instance.$extras.bo_siret),
    conventionCode: textOrNull(instance.$extras.bo_convention_code),
    caisseName: textOrNull(instance.$extras.caisse_name),
  }
}

export function paginationOf(meta: {
  total: number | string
  perPage: number | string
  currentPage: number | string
  lastPage: number | string
}): QueuePageProps['pagination'] {
  return {
    total: Number(meta.total),
    perPage: Number(meta.perPage),
    currentPage: Number(meta.currentPage),
    lastPage: Number(meta.lastPage),
  }
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value)
}
