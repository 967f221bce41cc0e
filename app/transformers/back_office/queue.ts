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
  pagination: QueuePagination
}

/**
 * Keyset paging (docs/decisions/0033-queue-keyset-paging.md): a page is
 * asked for after or before a row's position in the queue's order, never
 * by an OFFSET, so a page deep in the list costs what the first costs.
 */
export interface QueuePagination {
  /** Records matching the filters, counted up to COUNT_LIMIT (app/services/back_office/queue.ts) */
  total: number
  /** More than `total` match: the page says « plus de 1 000 » */
  totalExceeds: boolean
  perPage: number
  /** The cursor of the page after this one (?apres=…), if any */
  next: string | null
  /** The cursor of the page before this one (?avant=…), if any */
  previous: string | null
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

/** A row's place in the queue's order (updated_at, id), as the page's links carry it */
export function cursorOf(instance: WorkflowInstance) {
  return `${instance.updatedAt.toUTC().toFormat('yyyyMMddHHmmss')}-${instance.id}`
}

/** The position a cursor names, or null for anything else typed in the address */
export function parseCursor(value: unknown): { updatedAt: string; id: number } | null {
  const match = typeof value === 'string' ? /^(\d{14})-(\d{1,15})$/.exec(value) : null
  if (!match) return null
  const [, stamp, id] = match
  const updatedAt =
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)} ` +
    `${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}`
  return Number.isSafeInteger(Number(id)) ? { updatedAt, id: Number(id) } : null
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value)
}
