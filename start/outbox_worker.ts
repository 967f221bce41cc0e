/*
|--------------------------------------------------------------------------
| Outbox worker inside the web server (embedded demo)
|--------------------------------------------------------------------------
|
| "npm start" runs a single process; OUTBOX_WORKER_IN_WEB=true makes it
| deliver the outbox too. In production the worker runs on its own
| (node ace outbox:work), as many as needed.
|
*/
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import OutboxWorker from '#outbox/outbox_worker'

if (env.get('OUTBOX_WORKER_IN_WEB', false)) {
  const worker = new OutboxWorker(mail.use())
  app.ready(() => worker.start(1000))
  app.terminating(() => worker.stop())
}
