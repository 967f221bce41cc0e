import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'
import { redactSecrets } from '#logging/redaction'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'ppas',
      level: env.get('LOG_LEVEL'),
      /** Never log a secret, whatever a log call is handed */
      /** Secrets are masked at any depth, definitions' password fields included */
      formatters: {
        log: (object: Record<string, unknown>) => redactSecrets(object),
      },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction, targets.pretty())
          .pushIf(app.inProduction, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
