import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import WorkflowDefinition from '#models/workflow_definition'
import type { Problem, WorkflowDefinitionBody } from '#workflow/types'
import { validateDefinition } from '#workflow/static_validator'
import type { WorkflowRegistry } from '#workflow/registry'
import { WorkflowDefinitionInvalidError } from '#workflow/errors'

/**
 * Reading definitions from workflows/*.json and publishing them as new
 * versions. A version is never updated: publishing inserts a row and retires
 * the previous one, so running instances keep theirs.
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

/**
 * Publishes a definition as the next version of its key unless the latest
 * version has the same checksum. Refuses an invalid definition.
 */
export async function publishDefinition(
  body: unknown,
  options: { author?: string | null; registry?: WorkflowRegistry } = {}
): Promise<PublishOutcome> {
  const problems = await validateDefinition(body, options.registry)
  const definitionBody = body as WorkflowDefinitionBody
  if (problems.length) throw new WorkflowDefinitionInvalidError(problems, definitionBody?.key)
  const checksum = checksumOf(body)

  return db.transaction(async (trx) => {
    const latest = await WorkflowDefinition.query({ client: trx })
      .where('key', definitionBody.key)
      .orderBy('version', 'desc')
      .first()
    if (latest && latest.checksum === checksum && latest.status === 'published') {
      return { status: 'unchanged' as const, definition: latest }
    }
    const previous = await WorkflowDefinition.query({ client: trx })
      .where('key', definitionBody.key)
      .where('status', 'published')
      .first()
    if (previous) {
      previous.status = 'retired'
      await previous.useTransaction(trx).save()
    }
    const definition = await WorkflowDefinition.create(
      {
        key: definitionBody.key,
        version: (latest?.version ?? 0) + 1,
        status: 'published',
        body: definitionBody,
        checksum,
        author: options.author ?? null,
        publishedAt: DateTime.now(),
      },
      { client: trx }
    )
    /** Two concurrent publishes of one key: the unique (key, version) index refuses the second */
    return { status: 'published' as const, definition, retired: previous ?? null }
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
 * at all if any file is invalid (workflow:sync and the seeder share it).
 */
export async function syncDefinitionFiles(
  directory: string,
  options: { author?: string | null; registry?: WorkflowRegistry } = {}
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
