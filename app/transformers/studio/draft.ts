import type WorkflowDefinition from '#models/workflow_definition'
import { formatParisDateTime, isoParisDateTime } from '#formatting/french'
import { VERSION_STATUS_LABELS } from '#transformers/studio/workflows'
import { problemLocation } from '#transformers/studio/problem_location'
import { problemMarks, type ProblemMarks } from '#transformers/studio/problem_anchors'
import type { Problem } from '#workflow/types'
import { formEditorProps, type FormEditorProps } from '#transformers/studio/form_editor'
import type { HistoryEntry } from '#transformers/audit/history'
import {
  permissionsEditorProps,
  type PermissionsEditorProps,
} from '#transformers/studio/permissions_editor'
import { mailsEditorProps, type MailsEditorProps } from '#transformers/studio/mails_editor'
import { statesEditorProps, type StatesEditorProps } from '#transformers/studio/states_editor'
import { workflowHistory } from '#transformers/studio/draft_history'
import {
  DRAFT_MESSAGES,
  MAX_DRAFT_BYTES,
  draftOf,
  draftProblems,
  publishedOf,
} from '#services/studio/drafts'
import { StudioNotFoundError } from '#services/studio/errors'
import { workflowAuditEvents } from '#services/studio/workflows'

/** One problem of the live checks: where it is in words, and what is wrong */
export type DraftProblem = {
  /** The validator's JSON path (forms.SUBMIT.fields[3]) */
  path: string
  /** « Formulaire de l’événement SUBMIT › champ siret » */
  where: string
  message: string
}

/**
 * The draft page (inertia/pages/studio/draft.tsx): the version, the live
 * checks, « Publier », « Exporter », « Abandonner le brouillon », then each
 * editor's part and the history.
 */
export type DraftPageProps = {
  workflow: { key: string; title: string }
  draft: {
    id: number
    version: number
    statusLabel: string
    /** Who made the draft (« Nouvelle version » or « Importer ») */
    author: string
    createdAt: string
    createdAtIso: string
    updatedAt: string
    updatedAtIso: string
  }
  /** The version running now, which « Publier » retires */
  published: { version: number; author: string; publishedAt: string } | null
  problems: DraftProblem[]
  /** S4 the same problems on the state or the transition of the graph they concern */
  marks: ProblemMarks<DraftProblem>
  /** Where the export of the draft is downloaded */
  exportUrl: string
  limits: { bytes: number }
  /** S5 the form editor (inertia/components/studio/form_editor.tsx) */
  forms: FormEditorProps
  /** S6 « Qui peut l’envoyer » and the page of each state (inertia/components/studio/permissions_editor.tsx) */
  permissions: PermissionsEditorProps
  /** S6 the mail templates (inertia/components/studio/mails_editor.tsx) */
  mails: MailsEditorProps
  /** S4 the outline of states and transitions, and its graph (inertia/components/studio/states_editor.tsx) */
  states: StatesEditorProps
  /**
   * S3 S5 S9 « Historique des modifications » of every version of the
   * workflow (app/transformers/studio/draft_history.ts)
   */
  history: HistoryEntry[]
}

/** What was typed in an editor of the draft before a refusal, by editor */
export type DraftTyped = {
  forms?: FormEditorProps['typed']
  states?: StatesEditorProps['typed']
}

/**
 * The whole draft page of `key` (404 when it has no draft): every editor,
 * the live checks and the history. Every action of the draft's editors
 * renders its refusal with it; `editor` lets one editor replace its own
 * part (what was typed there).
 */
export async function draftPageOf(
  key: string,
  typed: DraftTyped = {},
  editor: (body: WorkflowDefinition['body']) => Partial<DraftPageProps> = () => ({})
): Promise<DraftPageProps> {
  const draft = await draftOf(key)
  if (!draft) throw new StudioNotFoundError(DRAFT_MESSAGES.noDraft)
  const [published, problems, events] = await Promise.all([
    publishedOf(key),
    draftProblems(draft),
    workflowAuditEvents(key),
  ])
  return {
    ...draftPageProps(draft, published, problems, typed),
    history: workflowHistory(events, draft.body),
    ...editor(draft.body),
  }
}

function draftPageProps(
  draft: WorkflowDefinition,
  published: WorkflowDefinition | null,
  problems: Problem[],
  typed: DraftTyped
): Omit<DraftPageProps, 'history'> {
  const located = problems.map(({ path, message }) => ({
    path,
    where: problemLocation(path, draft.body),
    message,
  }))
  return {
    workflow: { key: draft.key, title: draft.body.title },
    draft: {
      id: draft.id,
      version: draft.version,
      statusLabel: VERSION_STATUS_LABELS[draft.status],
      author: draft.author ?? '—',
      createdAt: formatParisDateTime(draft.createdAt),
      createdAtIso: isoParisDateTime(draft.createdAt),
      updatedAt: formatParisDateTime(draft.updatedAt),
      updatedAtIso: isoParisDateTime(draft.updatedAt),
    },
    published: published
      ? {
          version: published.version,
          author: published.author ?? '—',
          publishedAt: formatParisDateTime(published.publishedAt),
        }
      : null,
    problems: located,
    marks: problemMarks(located, draft.body),
    exportUrl: `/atelier/parcours/${encodeURIComponent(draft.key)}/brouillon/export`,
    limits: { bytes: MAX_DRAFT_BYTES },
    forms: formEditorProps(draft.body, typed.forms ?? null),
    permissions: permissionsEditorProps(draft.body),
    mails: mailsEditorProps(draft.body),
    states: statesEditorProps(draft.body, typed.states ?? null),
  }
}
