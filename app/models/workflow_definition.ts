import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/columns'
import WorkflowInstance from '#models/workflow_instance'
import type { WorkflowDefinitionBody } from '#workflow/types'

export type WorkflowDefinitionStatus = 'draft' | 'published' | 'retired'

/** One immutable version of a workflow definition */
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

  @column.dateTime()
  declare publishedAt: DateTime | null

  @hasMany(() => WorkflowInstance, { foreignKey: 'definitionId' })
  declare instances: HasMany<typeof WorkflowInstance>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
