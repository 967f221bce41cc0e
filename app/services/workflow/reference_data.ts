import db from '@adonisjs/lucid/services/db'
import { REFERENCE_SOURCES } from '#workflow/reference_sources'
import type { FieldJson } from '#workflow/types'
import type { FieldChoices, Option } from '#transformers/workflow/screen'

/**
 * The reference data behind the list fields of a definition
 * (reference_sources.ts): the choices a form offers, and the label of a
 * value a record holds.
 */

export async function referenceOptions(sourceName: string): Promise<Option[]> {
  const source = REFERENCE_SOURCES[sourceName]
  const query = db
    .from(source.table)
    .select(`${source.valueColumn} as value`, `${source.labelColumn} as label`)
    .orderBy(source.labelColumn)
  if (source.activeColumn) query.where(source.activeColumn, true)
  const rows: Array<{ value: unknown; label: unknown }> = await query
  return rows.map((row) => ({ value: String(row.value), label: String(row.label) }))
}

export async function dependentOptions(sourceName: string, filterKey: string) {
  const source = REFERENCE_SOURCES[sourceName]
  const column = source.filters[filterKey]
  const query = db
    .from(source.table)
    .select(
      `${source.valueColumn} as value`,
      `${source.labelColumn} as label`,
      `${column} as parent`
    )
    .orderBy(source.labelColumn)
  if (source.activeColumn) query.where(source.activeColumn, true)
  const rows: Array<{ value: unknown; label: unknown; parent: unknown }> = await query
  const byParent: Record<string, Option[]> = {}
  for (const row of rows) {
    ;(byParent[String(row.parent)] ??= []).push({
      value: String(row.value),
      label: String(row.label),
    })
  }
  return byParent
}

/** The label of a list value: its fixed option's, else its reference row's, else the value */
export async function referenceLabel(field: FieldJson, value: unknown): Promise<string> {
  if (field.options) {
    return field.options.find((option) => option.value === String(value))?.label ?? String(value)
  }
  const source = field.source ? REFERENCE_SOURCES[field.source] : undefined
  if (!source) return String(value)
  const row = await db
    .from(source.table)
    .where(source.valueColumn, value as number)
    .select(`${source.labelColumn} as label`)
    .first()
  return row ? String(row.label) : String(value)
}

/** The choices of a list field, from its reference data (a fixed list needs none) */
export async function choicesOf(field: FieldJson): Promise<FieldChoices> {
  if (field.type === 'select' && !field.options) {
    return { options: await referenceOptions(field.source!) }
  }
  if (field.type === 'dependent_select') {
    return { optionsByParent: await dependentOptions(field.source!, field.filterKey!) }
  }
  return {}
}
