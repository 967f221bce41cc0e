import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import WorkflowDefinition from '#models/workflow_definition'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import {
  DRAFT_MESSAGES,
  MAX_DRAFT_BYTES,
  auditDraft,
  insertDraft,
  lockedDraft,
  publishedOf,
} from '#services/studio/drafts'
import { lockedPublished, publishVersion } from '#workflow/definition_store'
import { validateDefinition } from '#workflow/static_validator'
import type { WorkflowDefinitionBody } from '#workflow/types'

/**
 * S3 S9 a draft's way out: « Publier » (refused while a check fails; the
 * draft becomes the published version, the previous one is retired, the
 * running records stay on theirs), « Abandonner le brouillon », and the
 * JSON of workflows/ in and out (« Exporter », « Importer »). A published
 * or retired version is never changed: nothing here writes one, except
 * retiring the published version when another replaces it.
 */

export const PUBLICATION_MESSAGES = {
  unknownWorkflow: 'Ce parcours n’existe pas.',
  unknownVersion: 'Cette version du parcours n’existe pas.',
  problemsLeft: (count: number) =>
    count === 1
      ? 'Ce brouillon ne peut pas être publié : un problème reste à corriger (voir « Vérifications »).'
      : `Ce brouillon ne peut pas être publié : ${count} problèmes restent à corriger (voir « Vérifications »).`,
  importEmpty: 'Choisissez un fichier JSON ou collez le JSON du parcours.',
  importTooLarge: `Le fichier dépasse ${MAX_DRAFT_BYTES / 1024} Ko : ce n’est pas une définition de parcours.`,
  importNotJson:
    'Ce texte n’est pas du JSON valide : exportez le parcours depuis l’Atelier ou reprenez un fichier de workflows/.',
  importNotDefinition:
    'Ce JSON n’est pas une définition de parcours : il lui faut au moins une clé « key », un titre « title » et une machine « machine » avec ses états.',
  importKeyMismatch: (found: string, key: string) =>
    `Ce fichier décrit le parcours « ${found} », pas « ${key} » : importez-le dans son propre parcours.`,
}

/** A key some version was ever stored under (else 404) */
export async function assertWorkflowExists(key: string) {
  const known = await WorkflowDefinition.query().where('key', key).select('id').first()
  if (!known) throw new StudioNotFoundError(PUBLICATION_MESSAGES.unknownWorkflow)
}

/**
 * « Publier »: under the draft's row lock (a change or a second « Publier »
 * waits), the checks of workflow:validate once more; then the draft becomes
 * the published version (publishVersion, as a file is published), with its
 * audit row.
 */
export async function publishDraft(key: string, actor: User) {
  await assertWorkflowExists(key)
  return db.transaction(async (trx) => {
    const draft = await lockedDraft(trx, key)
    if (!draft) throw new StudioRuleError({ draft: DRAFT_MESSAGES.noDraft })
    const problems = await validateDefinition(draft.body)
    if (problems.length) {
      throw new StudioRuleError({ publish: PUBLICATION_MESSAGES.problemsLeft(problems.length) })
    }
    const previous = await lockedPublished(trx, key)
    const draftVersion = draft.version
    const { definition } = await publishVersion(trx, {
      key,
      body: draft.body,
      checksum: draft.checksum,
      author: actor.login,
      origin: 'studio',
      previous,
      draft,
    })
    await auditDraft(trx, actor, definition, 'publish', {
      status: { before: 'brouillon', after: 'publiée' },
      version: { before: draftVersion, after: definition.version },
      retired: { before: null, after: previous?.version ?? null },
    })
    return { definition, retired: previous }
  })
}

/** « Abandonner le brouillon »: the draft's row is deleted (it never ran), with its audit row */
export async function abandonDraft(key: string, actor: User) {
  await assertWorkflowExists(key)
  return db.transaction(async (trx) => {
    const draft = await lockedDraft(trx, key)
    if (!draft) throw new StudioRuleError({ draft: DRAFT_MESSAGES.noDraft })
    await auditDraft(trx, actor, draft, 'abandon_draft', {
      version: { before: draft.version, after: null },
    })
    await draft.useTransaction(trx).delete()
    return draft
  })
}

/**
 * « Importer »: the JSON of workflows/ (an export of the studio, or a file)
 * becomes the draft of `key`, checked like any draft. Refused, with nothing
 * written: too large, not JSON, not a definition, another workflow's key, a
 * draft already there. `field` names where the French message goes.
 */
export async function importDraft(key: string, actor: User, text: string, field: string) {
  await assertWorkflowExists(key)
  const body = parsedDefinition(key, text, field)
  const published = await publishedOf(key)
  return insertDraft(key, actor, body, 'import_draft', (draft) => ({
    version: { before: published?.version ?? null, after: draft.version },
  }))
}

/** The text of an import as a definition body, or the French reason it is not one */
export function parsedDefinition(key: string, text: string, field: string) {
  const refuse = (message: string) => new StudioRuleError({ [field]: message })
  if (!text.trim()) throw refuse(PUBLICATION_MESSAGES.importEmpty)
  if (Buffer.byteLength(text) > MAX_DRAFT_BYTES) throw refuse(PUBLICATION_MESSAGES.importTooLarge)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw refuse(PUBLICATION_MESSAGES.importNotJson)
  }
  if (!looksLikeDefinition(body)) throw refuse(PUBLICATION_MESSAGES.importNotDefinition)
  if (body.key !== key) throw refuse(PUBLICATION_MESSAGES.importKeyMismatch(body.key, key))
  return body
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Enough of a definition to be a draft; the checks say the rest next to each part */
function looksLikeDefinition(body: unknown): body is WorkflowDefinitionBody {
  return (
    isObject(body) &&
    typeof body.key === 'string' &&
    typeof body.title === 'string' &&
    isObject(body.machine) &&
    isObject(body.machine.states)
  )
}

/** The version « Exporter » downloads: the draft of a key, or one of its versions by number */
export async function exportedVersion(key: string, version: number | 'draft') {
  await assertWorkflowExists(key)
  const query = WorkflowDefinition.query().where('key', key)
  const definition = await (
    version === 'draft' ? query.where('status', 'draft') : query.where('version', version)
  ).first()
  if (!definition) {
    throw new StudioNotFoundError(
      version === 'draft' ? DRAFT_MESSAGES.noDraft : PUBLICATION_MESSAGES.unknownVersion
    )
  }
  return definition
}

/**
 * The JSON of workflows/: the body as stored, two-space indented, a final
 * newline. Importing it gives the same canonical body (checksumOf) back.
 */
export function exportText(definition: WorkflowDefinition) {
  return `${JSON.stringify(definition.body, null, 2)}\n`
}
