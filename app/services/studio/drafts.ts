import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { isUniqueViolation } from '#database/errors'
import { recordAuditEvent, type FieldChanges } from '#services/audit/trail'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { checksumOf } from '#workflow/definition_store'
import { validateDefinition } from '#workflow/static_validator'
import type { Problem, WorkflowDefinitionBody } from '#workflow/types'

/**
 * S3 a workflow's draft: « Nouvelle version » copies the published version
 * into a draft (at most one per key, the database's unique index decides),
 * the editors change it one audited step at a time, and the one static
 * validator says what is wrong with it, as workflow:validate would. A draft
 * never runs: the engine starts records on the published version only.
 */

/** A definition bigger than this is refused: the largest shipped one is ~20 kB */
export const MAX_DRAFT_BYTES = 512 * 1024

export const DRAFT_MESSAGES = {
  draftExists: 'Ce parcours a déjà un brouillon : modifiez-le, publiez-le ou abandonnez-le.',
  noDraft: 'Ce parcours n’a pas de brouillon : créez-en un avec « Nouvelle version ».',
  noPublished: 'Ce parcours n’a pas de version publiée à partir de laquelle créer un brouillon.',
  tooLarge: `Le brouillon dépasserait ${MAX_DRAFT_BYTES / 1024} Ko : retirez des champs ou des textes.`,
}

/** A change of a draft: its new body, and what the audit row keeps of it */
export type DraftChange = { body: WorkflowDefinitionBody; changes: FieldChanges }

export async function draftOf(key: string, client?: TransactionClientContract) {
  return WorkflowDefinition.query({ client }).where('key', key).where('status', 'draft').first()
}

/** The draft of a key, locked until the transaction ends (a change, « Publier », « Abandonner ») */
export function lockedDraft(trx: TransactionClientContract, key: string) {
  return WorkflowDefinition.query({ client: trx })
    .where('key', key)
    .where('status', 'draft')
    .forUpdate()
    .first()
}

export async function publishedOf(key: string) {
  return WorkflowDefinition.query().where('key', key).where('status', 'published').first()
}

/** What the checks of workflow:validate say of the draft (empty: it may be published) */
export function draftProblems(draft: WorkflowDefinition): Promise<Problem[]> {
  return validateDefinition(draft.body)
}

/** « Nouvelle version »: a draft made from the published version */
export async function createDraft(key: string, actor: User): Promise<WorkflowDefinition> {
  const published = await publishedOf(key)
  if (!published) throw new StudioNotFoundError(DRAFT_MESSAGES.noPublished)
  return insertDraft(key, actor, published.body, 'create_draft', (draft) => ({
    version: { before: published.version, after: draft.version },
  }))
}

/**
 * A new draft of `body` (« Nouvelle version », « Importer »), numbered after
 * every version of its key, with its audit row. A second draft is refused:
 * by the read under the transaction, and under a race by the unique index.
 */
export async function insertDraft(
  key: string,
  actor: User,
  body: WorkflowDefinitionBody,
  action: string,
  changes: (draft: WorkflowDefinition) => FieldChanges
): Promise<WorkflowDefinition> {
  try {
    return await db.transaction(async (trx) => {
      if (await draftOf(key, trx)) throw new StudioRuleError({ draft: DRAFT_MESSAGES.draftExists })
      const draft = await WorkflowDefinition.create(
        {
          key,
          version: (await latestVersion(trx, key)) + 1,
          status: 'draft',
          body,
          checksum: checksumOf(body),
          author: actor.login,
          origin: 'studio',
          publishedAt: null,
        },
        { client: trx }
      )
      await auditDraft(trx, actor, draft, action, changes(draft))
      return draft
    })
  } catch (error) {
    /** Two analysts at once: the unique index on the drafts decides */
    if (isUniqueViolation(error)) throw new StudioRuleError({ draft: DRAFT_MESSAGES.draftExists })
    throw error
  }
}

/**
 * One change of the draft, under its row lock: `change` gets the current
 * body and returns the new one with what changed (before → after), which
 * the audit row keeps. A refusal inside `change` (StudioRuleError) writes
 * nothing. The result may fail the checks: a draft is saved as it is and
 * its problems are shown; only « Publier » needs it clean.
 */
export async function changeDraft(
  key: string,
  actor: User,
  change: (body: WorkflowDefinitionBody) => DraftChange | Promise<DraftChange>
): Promise<WorkflowDefinition> {
  return db.transaction(async (trx) => {
    const draft = await lockedDraft(trx, key)
    if (!draft) throw new StudioNotFoundError(DRAFT_MESSAGES.noDraft)
    const { body, changes } = await change(structuredClone(draft.body))
    if (Buffer.byteLength(JSON.stringify(body)) > MAX_DRAFT_BYTES) {
      throw new StudioRuleError({ draft: DRAFT_MESSAGES.tooLarge })
    }
    draft.merge({ body, checksum: checksumOf(body), updatedAt: DateTime.now() })
    await draft.useTransaction(trx).save()
    await auditDraft(trx, actor, draft, 'update_draft', changes)
    return draft
  })
}

async function latestVersion(trx: TransactionClientContract, key: string) {
  const row = await trx
    .from('workflow_definitions')
    .where('key', key)
    .max('version as version')
    .first()
  return Number(row?.version ?? 0)
}

export function auditDraft(
  trx: TransactionClientContract,
  actor: User,
  definition: WorkflowDefinition,
  action: string,
  changes: FieldChanges
) {
  return recordAuditEvent(trx, {
    actorId: actor.id,
    partnerId: null,
    subjectType: 'workflow_definition',
    subjectId: definition.id,
    action,
    changes,
  })
}
