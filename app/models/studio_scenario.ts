import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/columns'
import type { SimulationStepInput } from '#workflow/simulator'

/**
 * S7 a saved run of « Simuler »: the steps of the simulation under a French
 * name, for one workflow (any of its drafts). Not a record: replaying it
 * writes nothing.
 */
export default class StudioScenario extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workflowKey: string

  @column()
  declare name: string

  /** Each step with who sent it: the simulation's input as the panel sent it */
  @jsonColumn()
  declare steps: SimulationStepInput[]

  @column()
  declare author: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
