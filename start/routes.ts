/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| French paths, named routes. Every route that shows or changes data sits
| behind the "auth" middleware and checks the actor's rights in its
| controller (policies); the visitor routes are listed first.
|
*/
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import env from '#start/env'

const HomeController = () => import('#controllers/portal/home_controller')
const SessionController = () => import('#controllers/auth/session_controller')
const ServicesController = () => import('#controllers/portal/services_controller')

router.get('/', [HomeController, 'show']).as('home')

router
  .group(() => {
    router.get('/connexion', [SessionController, 'create']).as('session.create')
    router.post('/connexion', [SessionController, 'store']).as('session.store')
  })
  .use(middleware.guest())

router
  .group(() => {
    router.post('/deconnexion', [SessionController, 'destroy']).as('session.destroy')
    router.get('/services', [ServicesController, 'index']).as('services.index')
  })
  .use(middleware.auth())

/**
 * Each capability keeps its routes in its own file under start/routes/.
 */
await import('#start/routes/workflow')
await import('#start/routes/accounts')
await import('#start/routes/back_office')
await import('#start/routes/contact')
await import('#start/routes/administration')
await import('#start/routes/studio')

/**
 * Demo and development only: the mails the embedded catcher received
 * (start/mail_catcher.ts). Open to visitors on purpose, so that a demo
 * user can read a mail sent before signing in; absent in production.
 */
if (!app.inProduction && env.get('MAIL_TRANSPORT') === 'catcher') {
  const MailboxController = () => import('#controllers/mailbox/mailbox_controller')
  router.get('/boite-mails', [MailboxController, 'index']).as('mailbox.index')
  router.get('/boite-mails/:id', [MailboxController, 'show']).as('mailbox.show')
}
