import type { WorkflowVersions } from '#services/studio/workflows'
import type {
  MigrationPlan,
  MigrationReport,
  RefusalReason,
} from '#services/workflow/record_migration'
import { VERSION_STATUS_LABELS } from '#transformers/studio/workflows'
import { formatParisDateTime, isoParisDateTime } from '#formatting/french'

/**
 * S10 the props of « Migrer les dossiers » (inertia/pages/studio/migration.tsx):
 * the versions to choose from, the preview of the chosen mapping, and the
 * workflow's past migrations.
 */

export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  no_target: 'aucun état de la nouvelle version choisi : ils restent',
  missing_value: 'une donnée demandée par la nouvelle version leur manque',
  parallel: 'état parallèle, non déplaçable',
}

const REPORT_STATUS_LABELS: Record<MigrationReport['status'], string> = {
  running: 'en cours',
  finished: 'terminée',
  failed: 'arrêtée sur un lot en échec',
}

export type MigrationVersionOption = {
  version: number
  /** « Version 1 (retirée), 12 dossiers en cours » */
  label: string
  running: number
}

export type MigrationSourceRow = {
  state: string
  label: string
  count: number
  /** The state chosen on the new version; '' : its records stay */
  target: string
  targetLabel: string | null
  automatic: boolean
  movable: number
  /** « 250 : aucun état… » */
  refused: string[]
}

export type MigrationReportRow = {
  id: number
  at: string
  atIso: string
  author: string
  versions: string
  status: string
  moved: number
  skipped: number
  refused: number
  /** « En relecture → checking », « waiting : restent » */
  mapping: string
  skippedIds: number[]
  error: string | null
}

export type MigrationPageProps = {
  workflow: { key: string; title: string }
  fromVersions: MigrationVersionOption[]
  toVersions: MigrationVersionOption[]
  selected: { from: number | null; to: number | null }
  plan: {
    from: number
    to: number
    total: number
    movable: number
    refused: number
    sources: MigrationSourceRow[]
    targets: Array<{ value: string; label: string }>
    missingValues: Array<{
      key: string
      label: string
      suggestion: string
      records: number
      given: string
    }>
  } | null
  reports: MigrationReportRow[]
}

function versionOption({ definition, running }: WorkflowVersions['versions'][number]) {
  return {
    version: definition.version,
    label: `Version ${definition.version} (${VERSION_STATUS_LABELS[definition.status]}), ${running} dossier${running > 1 ? 's' : ''} en cours`,
    running,
  }
}

export function migrationPageProps(
  workflow: WorkflowVersions,
  selected: MigrationPageProps['selected'],
  plan: MigrationPlan | null,
  reports: MigrationReport[]
): MigrationPageProps {
  const versions = workflow.versions.filter(({ definition }) => definition.status !== 'draft')
  return {
    workflow: { key: workflow.key, title: workflow.title },
    fromVersions: versions.map(versionOption),
    toVersions: versions.map(versionOption),
    selected,
    plan: plan && {
      from: plan.from.version,
      to: plan.to.version,
      total: plan.total,
      movable: plan.movable,
      refused: plan.refused,
      sources: plan.sources.map((source) => ({
        state: source.state,
        label: source.label,
        count: source.count,
        target: source.target ?? '',
        targetLabel: source.targetLabel,
        automatic: source.automatic,
        movable: source.movable,
        refused: (Object.entries(source.refused) as Array<[RefusalReason, number]>).map(
          ([reason, count]) => `${count} : ${REFUSAL_LABELS[reason]}`
        ),
      })),
      targets: plan.targets.map(({ id, label }) => ({
        value: id,
        label: label === id ? id : `${label} (${id})`,
      })),
      missingValues: plan.missingValues.map((value) => ({
        key: value.key,
        label: value.label,
        suggestion: value.suggestion,
        records: value.records,
        given: value.given ?? '',
      })),
    },
    reports: reports.map((report) => ({
      id: report.id,
      at: formatParisDateTime(report.createdAt),
      atIso: isoParisDateTime(report.createdAt),
      author: report.author,
      versions: `Version ${report.fromVersion} → version ${report.toVersion}`,
      status: REPORT_STATUS_LABELS[report.status],
      moved: report.moved,
      skipped: report.skipped,
      refused: report.refused,
      mapping: Object.entries(report.mapping)
        .map(([from, to]) => (to === null ? `${from} : restent` : `${from} → ${to}`))
        .join(', '),
      skippedIds: report.skippedIds,
      error: report.error,
    })),
  }
}

/** The service's field names as the page names its fields */
export function migrationFieldErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field
        .replace(/^from$/, 'de')
        .replace(/^to$/, 'a')
        .replace(/^mapping\./, 'etats.')
        .replace(/^constants\./, 'valeurs.'),
      message,
    ])
  )
}
