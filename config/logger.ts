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
      /**
       * Production: JSON lines on stdout, written by pino in the process (its
       * default). A transport would run in a worker thread, a second V8
       * isolate of ~18 MB in every app process, to write to that same stdout.
       * Elsewhere, pretty-printed by pino-pretty's transport.
       */
      ...(app.inProduction ? {} : { transport: { targets: [targets.pretty()] } }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
