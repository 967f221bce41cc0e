import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Counters live in the database by default, so that every app process
 * behind a load balancer sees the same counts.
 */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE', 'database'),
  stores: {
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
