import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import WorkflowInstance from '#models/workflow_instance'
import {
  decisionDefinitions,
  kindsOf,
  searchableKeys,
  type DecisionDefinition,
} from '#services/back_office/definitions'
import {
  cursorOf,
  parseCursor,
  queueRow,
  type QueuePageProps,
} from '#transformers/back_office/queue'

/**
 * C1 « Dossiers à traiter »: the records waiting for a decision of the given
 * caisses, oldest first, 20 a page, with a filter by kind and a search on
 * partner name, SIRET and code convention, and on every text value of the
 * record that its definition displays or a form field labels (a field added
 * in a new version is searched with no code).
 *
 * The search reads the record's data in SQL (json_extract on SQLite,
 * JSON_EXTRACT on MySQL/MariaDB) and the partner's row for a convention, in
 * the one query of the page: see docs/decisions/0006-back-office-search.md
 * and 0021-form-values-and-mappings.md. A search of a whole SIRET (14
 * digits) reads indexes instead, and the count stops at COUNT_LIMIT:
 * 0035-queue-siret-search-and-capped-count.md. The pages go by keyset:
 * 0033-queue-keyset-paging.md.
 */

export const PER_PAGE = 20

/**
 * The count stops there: « plus de 1 000 » costs what 1 000 costs, however
 * long the caisse's queue (docs/decisions/0035-queue-siret-search-and-capped-count.md)
 */
export const COUNT_LIMIT = 1000

/** A search of exactly 14 digits (spaces aside) is a SIRET */
const SIRET = /^\d{14}$/

export interface QueueFilters {
  /** The page after this row (a cursor, QueuePagination.next) */
  after?: string | null
  /** The page before this row (QueuePagination.previous) */
  before?: string | null
  /** A definition key ("preinscription", "convention"), or all */
  kind?: string | null
  search?: string | null
}

const T = 'workflow_instances'

/**
 * The value of a key of the record's data, as SQL text (keys are constants
 * or a definition's field names, checked to be identifiers: never input)
 */
function contextValue(key: string) {
  const path = `'$.context.${key}'`
  return isMysql()
    ? `NULLIF(JSON_UNQUOTE(JSON_EXTRACT(${T}.snapshot, ${path})), 'null')`
    : `json_extract(${T}.snapshot, ${path})`
}

function isMysql() {
  return db.connection().dialect.name === 'mysql'
}

/** The searchable values: from the record's data, else from its partner */
function columns() {
  return {
    partnerName: `COALESCE(${contextValue('partnerName')}, partners.name)`,
    siret: `COALESCE(${contextValue('siret')}, partners.siret)`,
    conventionCode: contextValue('conventionCode'),
  }
}

/** A LIKE pattern matching the text anywhere, its wildcards taken literally */
function containing(text: string) {
  return `%${text.replace(/[!%_]/g, (character) => `!${character}`)}%`
}

export function pendingQuery(
  definitions: DecisionDefinition[],
  caisseIds: number[]
): ModelQueryBuilderContract<typeof WorkflowInstance> {
  const query = WorkflowInstance.query()
    .where(`${T}.status`, 'active')
    .whereIn(`${T}.caisse_id`, caisseIds.length ? caisseIds : [-1])
  if (!definitions.length) return query.whereRaw('1 = 0')
  return query.where((pending) => {
    for (const definition of definitions) {
      pending.orWhere((version) =>
        version
          .where(`${T}.definition_id`, definition.id)
          .whereIn(`${T}.state`, definition.pendingStateValues)
      )
    }
  })
}

export async function listPending(
  caisseIds: number[],
  filters: QueueFilters
): Promise<QueuePageProps> {
  const all = await decisionDefinitions()
  const kinds = kindsOf(all)
  const kind = kinds.some((option) => option.value === filters.kind) ? filters.kind! : null
  const definitions = kind ? all.filter((definition) => definition.key === kind) : all
  const byId = new Map(all.map((definition) => [definition.id, definition]))
  const sql = columns()

  const query = pendingQuery(definitions, caisseIds)
    .leftJoin('caisses', 'caisses.id', `${T}.caisse_id`)
    .leftJoin('partners', 'partners.id', `${T}.partner_id`)
    /** What a row shows and its cursor: not the snapshot, whose JSON each model would parse */
    .select(`${T}.id`, `${T}.definition_id`, `${T}.state`, `${T}.updated_at`)
    .select(db.raw(`caisses.name as caisse_name`))
    .select(db.raw(`${sql.partnerName} as bo_partner_name`))
    .select(db.raw(`${sql.siret} as bo_siret`))
    .select(db.raw(`${sql.conventionCode} as bo_convention_code`))

  const search = (filters.search ?? '').trim().slice(0, 100)
  const digits = search.replace(/\s+/g, '')
  /**
   * Only the rows' own conditions: the count reads the index alone
   * (migration 0090), COUNT_LIMIT + 1 entries at most
   */
  const counted = pendingQuery(definitions, caisseIds)
  if (SIRET.test(digits)) {
    /**
     * A full SIRET: the record's own (the indexed context_siret column,
     * migration 0091) or, when it has none, its partner's (partners.siret,
     * indexed), the value the row shows (columns().siret), found by their
     * indexes instead of reading every record's data
     * (docs/decisions/0035-queue-siret-search-and-capped-count.md)
     */
    const partners: Array<{ id: number }> = await db
      .from('partners')
      .where('siret', digits)
      .select('id')
    const partnerIds = partners.map((partner) => partner.id)
    for (const bySiret of [query, counted]) {
      bySiret.where((match) => {
        match.where(`${T}.context_siret`, digits)
        if (partnerIds.length) {
          match.orWhere((partner) =>
            partner.whereNull(`${T}.context_siret`).whereIn(`${T}.partner_id`, partnerIds)
          )
        }
      })
    }
  } else if (search) {
    const text = containing(search.toLowerCase())
    const fixed = new Set(Object.keys(sql))
    const others = [...new Set(definitions.flatMap(searchableKeys))].filter(
      (key) => !fixed.has(key)
    )
    /** The count searches the partner's values too */
    counted.leftJoin('partners', 'partners.id', `${T}.partner_id`)
    for (const searched of [query, counted]) {
      searched.where((match) => {
        match
          .orWhereRaw(`LOWER(${sql.partnerName}) LIKE ? ESCAPE '!'`, [text])
          .orWhereRaw(`LOWER(${sql.conventionCode}) LIKE ? ESCAPE '!'`, [text])
          .orWhereRaw(`${sql.siret} LIKE ? ESCAPE '!'`, [containing(digits)])
        for (const key of others) {
          match.orWhereRaw(`LOWER(${contextValue(key)}) LIKE ? ESCAPE '!'`, [text])
        }
      })
    }
  }

  /**
   * Oldest first: a pending record's last move is its arrival in the
   * caisse's queue. Keyset paging on (updated_at, id): the index
   * (caisse_id, status, updated_at, id) gives the rows in order from the
   * cursor on, whatever the page's depth (migration 0090).
   */
  const after = parseCursor(filters.after)
  const before = after ? null : parseCursor(filters.before)
  const at = after ?? before
  if (at) {
    const [later, sign] = after ? ['>', 'asc'] : ['<', 'desc']
    query
      .where((position) =>
        position
          .where(`${T}.updated_at`, later, at.updatedAt)
          .orWhere((same) =>
            same.where(`${T}.updated_at`, at.updatedAt).where(`${T}.id`, later, at.id)
          )
      )
      .orderBy(`${T}.updated_at`, sign as 'asc' | 'desc')
      .orderBy(`${T}.id`, sign as 'asc' | 'desc')
  } else {
    query.orderBy(`${T}.updated_at`, 'asc').orderBy(`${T}.id`, 'asc')
  }
  /** One row more than a page: whether there is a page beyond, in the direction read */
  const capped = counted
    .clearSelect()
    .select(db.raw('1'))
    .limit(COUNT_LIMIT + 1)
    .as('capped')
  const [found, [count]] = await Promise.all([
    query.limit(PER_PAGE + 1),
    db.query().from(capped).count('* as total') as Promise<Array<{ total: number | string }>>,
  ])
  const total = Number(count?.total ?? 0)
  const more = found.length > PER_PAGE
  const rows = found.slice(0, PER_PAGE)
  if (before) rows.reverse()
  const first = rows[0]
  const last = rows.at(-1)

  return {
    rows: rows.map((instance) => queueRow(instance, byId.get(instance.definitionId))),
    kinds,
    filters: { kind, search },
    pagination: {
      total: Math.min(total, COUNT_LIMIT),
      totalExceeds: total > COUNT_LIMIT,
      perPage: PER_PAGE,
      next: last && (before || more) ? cursorOf(last) : null,
      previous: first && (after || (before && more)) ? cursorOf(first) : null,
    },
  }
}
