import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WorkflowDefinition, { type WorkflowDefinitionOrigin } from '#models/workflow_definition'
import { formatParisDateTime } from '#formatting/french'
import type { Problem, WorkflowDefinitionBody } from '#workflow/types'
import { validateDefinition } from '#workflow/static_validator'
import type { WorkflowRegistry } from '#workflow/registry'
import { WorkflowDefinitionInvalidError } from '#workflow/errors'

/**
 * Reading definitions from workflows/*.json and publishing them as new
 * versions. A published version is never updated: publishing a file inserts
 * a row, publishing a studio draft makes the draft's row the published one,
 * and both retire the previous one, so running instances keep theirs.
 */

/** JSON with object keys sorted: the same definition always gives the same checksum */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as any)[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export function checksumOf(body: unknown) {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

export interface DefinitionFile {
  file: string
  body: unknown
  /** Problems of the file itself (unreadable JSON, key not matching the file name) */
  problems: Problem[]
}

export async function readDefinitionFile(file: string): Promise<DefinitionFile> {
  const text = await readFile(file, 'utf8')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    return {
      file,
      body: null,
      problems: [{ path: '', message: `JSON invalide : ${(error as Error).message}` }],
    }
  }
  const problems: Problem[] = []
  const expectedKey = basename(file, '.json')
  const key = (body as { key?: unknown })?.key
  if (typeof key === 'string' && key !== expectedKey) {
    problems.push({
      path: 'key',
      message: `La clé « ${key} » doit être le nom du fichier (« ${expectedKey} »).`,
    })
  }
  return { file, body, problems }
}

export async function listDefinitionFiles(directory: string) {
  const entries = await readdir(directory)
  const names = entries.filter((name) => name.endsWith('.json')).sort()
  return names.map((name) => join(directory, name))
}

/** Every problem of a file: its own, then the definition's */
export async function checkDefinitionFile(file: string, registry?: WorkflowRegistry) {
  const loaded = await readDefinitionFile(file)
  if (loaded.body === null) return loaded
  loaded.problems.push(...(await validateDefinition(loaded.body, registry)))
  return loaded
}

export type PublishOutcome =
  | { status: 'unchanged'; definition: WorkflowDefinition }
  | { status: 'published'; definition: WorkflowDefinition; retired: WorkflowDefinition | null }
  /** The published version came from the studio and the file differs: not replaced */
  | { status: 'refused'; definition: WorkflowDefinition; message: string }

/** What becomes the published version of a key: a file's body, or a studio draft */
export interface NextVersion {
  key: string
  body: WorkflowDefinitionBody
  checksum: string
  author: string | null
  origin: WorkflowDefinitionOrigin
  /** The version published until now (locked by the caller), retired first */
  previous: WorkflowDefinition | null
  /** A studio draft: its row becomes the published version instead of a new row */
  draft?: WorkflowDefinition
}

/**
 * The one way a version becomes the published one, from a file or from a
 * studio draft, inside the caller's transaction: the previous published
 * version is retired first (the unique index allows one published version
 * per key), then the new one takes the next number of its key (the highest
 * of the other versions + 1) and the publication date. Records running on
 * the previous version stay on it.
 */
export async function publishVersion(trx: TransactionClientContract, next: NextVersion) {
  if (next.previous) {
    next.previous.status = 'retired'
    await next.previous.useTransaction(trx).save()
  }
  const highest = await trx
    .from('workflow_definitions')
    .where('key', next.key)
    .if(next.draft, (query) => query.whereNot('id', next.draft!.id))
    .max('version as version')
    .first()
  const values = {
    key: next.key,
    version: Number(highest?.version ?? 0) + 1,
    status: 'published' as const,
    body: next.body,
    checksum: next.checksum,
    author: next.author,
    origin: next.origin,
    publishedAt: DateTime.now(),
  }
  /** Two concurrent publishes of one key: the unique indexes refuse the second */
  const definition = next.draft
    ? await next.draft.merge(values).useTransaction(trx).save()
    : await WorkflowDefinition.create(values, { client: trx })
  return { definition, retired: next.previous }
}

/** The published version of a key, locked until the transaction ends */
export function lockedPublished(trx: TransactionClientContract, key: string) {
  return WorkflowDefinition.query({ client: trx })
    .where('key', key)
    .where('status', 'published')
    .forUpdate()
    .first()
}

/**
 * Why a file does not replace a version an analyst published in the studio
 * (workflow:sync without --force, the seeders)
 */
export function studioVersionKept(published: WorkflowDefinition) {
  const when = published.publishedAt ? ` le ${formatParisDateTime(published.publishedAt)}` : ''
  return (
    `${published.key} : la version ${published.version} a été publiée depuis l’Atelier par ` +
    `${published.author ?? 'un analyste'}${when} ; le fichier workflows/${published.key}.json ` +
    'en diffère et ne la remplace pas. Exportez cette version depuis l’Atelier dans le fichier, ' +
    'ou relancez « node ace workflow:sync --force » pour la remplacer par le fichier.'
  )
}

/**
 * Publishes a definition file's body as the next version of its key unless
 * the published version has the same checksum. Refuses an invalid
 * definition; never replaces a version published from the studio unless
 * `force` (workflow:sync --force).
 */
export async function publishDefinition(
  body: unknown,
  options: { author?: string | null; registry?: WorkflowRegistry; force?: boolean } = {}
): Promise<PublishOutcome> {
  const problems = await validateDefinition(body, options.registry)
  const definitionBody = body as WorkflowDefinitionBody
  if (problems.length) throw new WorkflowDefinitionInvalidError(problems, definitionBody?.key)
  const checksum = checksumOf(body)

  return db.transaction(async (trx): Promise<PublishOutcome> => {
    const previous = await lockedPublished(trx, definitionBody.key)
    if (previous && previous.checksum === checksum) {
      return { status: 'unchanged', definition: previous }
    }
    if (previous?.origin === 'studio' && !options.force) {
      return { status: 'refused', definition: previous, message: studioVersionKept(previous) }
    }
    const published = await publishVersion(trx, {
      key: definitionBody.key,
      body: definitionBody,
      checksum,
      author: options.author ?? null,
      origin: 'file',
      previous,
    })
    return { status: 'published', ...published }
  })
}

export type SyncResult =
  | {
      ok: false
      invalid: Array<{ file: string; problems: Array<{ path: string; message: string }> }>
    }
  | { ok: true; outcomes: PublishOutcome[] }

/**
 * Publishes every definition file of a folder whose content changed; nothing
 * at all if any file is invalid (workflow:sync and the seeder share it). A
 * key whose published version comes from the studio is refused (its
 * outcome says why) unless `force`.
 */
export async function syncDefinitionFiles(
  directory: string,
  options: { author?: string | null; registry?: WorkflowRegistry; force?: boolean } = {}
): Promise<SyncResult> {
  const files = await listDefinitionFiles(directory)
  const checked = await Promise.all(
    files.map((file) => checkDefinitionFile(file, options.registry))
  )
  const invalid = checked.filter((entry) => entry.problems.length)
  if (invalid.length) {
    return { ok: false, invalid: invalid.map(({ file, problems }) => ({ file, problems })) }
  }
  const outcomes: PublishOutcome[] = []
  for (const { body } of checked) outcomes.push(await publishDefinition(body, options))
  return { ok: true, outcomes }
}
