import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/columns'
import WorkflowInstance from '#models/workflow_instance'
import type { WorkflowDefinitionBody } from '#workflow/types'

export type WorkflowDefinitionStatus = 'draft' | 'published' | 'retired'

/** Where a version comes from: a file of workflows/ (workflow:sync, the seeders) or the studio */
export type WorkflowDefinitionOrigin = 'file' | 'studio'

/**
 * One version of a workflow definition. A published or retired version
 * never changes; a draft (at most one per key) is edited in the studio and
 * never runs for real records.
 */
export default class WorkflowDefinition extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare key: string

  @column()
  declare version: number

  @column()
  declare status: WorkflowDefinitionStatus

  @jsonColumn()
  declare body: WorkflowDefinitionBody

  @column()
  declare checksum: string

  @column()
  declare author: string | null

  @column()
  declare origin: WorkflowDefinitionOrigin

  @column.dateTime()
  declare publishedAt: DateTime | null

  @hasMany(() => WorkflowInstance, { foreignKey: 'definitionId' })
  declare instances: HasMany<typeof WorkflowInstance>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
