import type { WorkflowDefinitionStatus } from '#models/workflow_definition'
import { formatParisDateTime, isoParisDateTime } from '#formatting/french'
import type { WorkflowVersions } from '#services/studio/workflows'
import { MAX_DRAFT_BYTES } from '#services/studio/drafts'

/** The words of S2 for a version's status */
export const VERSION_STATUS_LABELS: Record<WorkflowDefinitionStatus, string> = {
  draft: 'brouillon',
  published: 'publiée',
  retired: 'retirée',
}

export type WorkflowVersionRow = {
  id: number
  version: number
  status: WorkflowDefinitionStatus
  statusLabel: string
  /** Who published it (« fichier workflows/ » for the shipped versions) */
  author: string
  /** « 30/11/2026 à 10:42 », Paris time; empty for a draft */
  publishedAt: string
  publishedAtIso: string
  running: number
  total: number
}

export type WorkflowsPageProps = {
  workflows: Array<{
    key: string
    title: string
    /** S3 the draft's version number, if the workflow has one (« Modifier le brouillon ») */
    draftVersion: number | null
    versions: WorkflowVersionRow[]
  }>
  /** S9 « Importer »: the largest file taken */
  limits: { importBytes: number }
  /** After a refusal (422): which workflow's buttons it concerns, and the JSON pasted */
  typed: { key: string; definition: string } | null
}

/** S2 « Atelier » › « Parcours » (inertia/pages/studio/workflows.tsx) */
export function workflowsPageProps(
  workflows: WorkflowVersions[],
  typed: WorkflowsPageProps['typed'] = null
): WorkflowsPageProps {
  return {
    limits: { importBytes: MAX_DRAFT_BYTES },
    typed,
    workflows: workflows.map(({ key, title, versions }) => ({
      key,
      title,
      draftVersion:
        versions.find(({ definition }) => definition.status === 'draft')?.definition.version ??
        null,
      versions: versions.map(({ definition, running, total }) => ({
        id: definition.id,
        version: definition.version,
        status: definition.status,
        statusLabel: VERSION_STATUS_LABELS[definition.status],
        author: definition.author ?? '—',
        publishedAt: formatParisDateTime(definition.publishedAt),
        publishedAtIso: isoParisDateTime(definition.publishedAt),
        running,
        total,
      })),
    })),
  }
}
