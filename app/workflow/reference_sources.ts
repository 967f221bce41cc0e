/**
 * Reference data a select field may offer: where its choices live and which
 * filters a dependent select may apply. Analysts add rows (a new caisse, a
 * new régime) without code; a new kind of list is added here.
 */
export interface ReferenceSource {
  table: string
  valueColumn: string
  labelColumn: string
  /** Rows hidden from new choices (an "active" flag), if the table has one */
  activeColumn?: string
  /** filterKey → column: "caisses filtered by regime" is filters.regime = 'regime_id' */
  filters: Record<string, string>
}

export const REFERENCE_SOURCES: Record<string, ReferenceSource> = {
  regimes: {
    table: 'regimes',
    valueColumn: 'id',
    labelColumn: 'name',
    activeColumn: 'active',
    filters: {},
  },
  caisses: {
    table: 'caisses',
    valueColumn: 'id',
    labelColumn: 'name',
    activeColumn: 'active',
    filters: { regime: 'regime_id' },
  },
  partner_types: {
    table: 'partner_types',
    valueColumn: 'id',
    labelColumn: 'label',
    activeColumn: 'active',
    filters: {},
  },
  convention_types: {
    table: 'convention_types',
    valueColumn: 'id',
    labelColumn: 'label',
    activeColumn: 'active',
    filters: {},
  },
}
