/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Validates and casts the environment. Every variable is documented in
| README.md ("Configuration"). Defaults that matter for the embedded demo
| (SQLite, mails caught locally) live in .env.example, which "npm start"
| copies to .env on a fresh clone.
|
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  /** Sets the Secure flag on cookies; off only for the embedded demo served over http */
  COOKIE_SECURE: Env.schema.boolean.optional(),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  SESSION_DRIVER: Env.schema.enum.optional(['database', 'memory'] as const),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'mysql'] as const),
  SQLITE_FILE: Env.schema.string.optional(),
  MYSQL_HOST: Env.schema.string.optional({ format: 'host' }),
  MYSQL_PORT: Env.schema.number.optional(),
  /** Galera: the nodes, "host:port,host:port"; replaces MYSQL_HOST/MYSQL_PORT */
  MYSQL_HOSTS: Env.schema.string.optional(),
  MYSQL_USER: Env.schema.string.optional(),
  MYSQL_PASSWORD: Env.schema.string.optional(),
  MYSQL_DATABASE: Env.schema.string.optional(),

  MAIL_TRANSPORT: Env.schema.enum.optional(['smtp', 'catcher'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SUPPORT_EMAIL: Env.schema.string.optional(),

  /** Password rules: the manual's (default) or the stricter CNIL 2022 preset */
  PASSWORD_POLICY: Env.schema.enum.optional(['manuel', 'cnil2022'] as const),

  /** Tests only: a code that passes every captcha; forbidden in production */
  CAPTCHA_TEST_CODE: Env.schema.string.optional(),

  /** Deliver the outbox inside the web process (the embedded demo); production runs outbox:work */
  OUTBOX_WORKER_IN_WEB: Env.schema.boolean.optional(),

  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),

  /** workflow:purge-abandoned: days after which a visitor's unfinished journey is removed */
  WORKFLOW_ABANDONED_AFTER_DAYS: Env.schema.number.optional(),
})
