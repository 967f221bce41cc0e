import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/columns'
import WorkflowDefinition from '#models/workflow_definition'
import WorkflowTransition from '#models/workflow_transition'

export type WorkflowInstanceStatus = 'active' | 'done'

/** What the engine stores to resume a machine */
export interface PersistedSnapshot {
  value: string | Record<string, unknown>
  context: Record<string, unknown>
  status: 'active' | 'done'
}

/**
 * One record moving through a workflow (a pre-registration, a convention, a
 * user account). Only the engine writes it, always guarded by lockVersion.
 */
export default class WorkflowInstance extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare definitionId: number

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: number | null

  /** "submitted", or the JSON of a nested state value */
  @column()
  declare state: string

  @jsonColumn()
  declare snapshot: PersistedSnapshot

  @column()
  declare status: WorkflowInstanceStatus

  @column()
  declare caisseId: number | null

  @column()
  declare partnerId: number | null

  @column()
  declare lockVersion: number

  @belongsTo(() => WorkflowDefinition, { foreignKey: 'definitionId' })
  declare definition: BelongsTo<typeof WorkflowDefinition>

  @hasMany(() => WorkflowTransition, { foreignKey: 'instanceId' })
  declare transitions: HasMany<typeof WorkflowTransition>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
