/*
| Routes of the back office capability (imported by start/routes.ts).
| C1–C2 « Dossiers à traiter » of the caisse administrators; the scope is
| checked in the controllers (WorkflowInstancePolicy).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ItemsController = () => import('#controllers/back_office/items_controller')
const DecisionsController = () => import('#controllers/back_office/decisions_controller')

router
  .group(() => {
    router.get('/caisse/dossiers', [ItemsController, 'index']).as('back_office.items.index')
    router
      .get('/caisse/dossiers/:id', [ItemsController, 'show'])
      .where('id', router.matchers.number())
      .as('back_office.items.show')
    router
      .post('/caisse/dossiers/:id/decision', [DecisionsController, 'store'])
      .where('id', router.matchers.number())
      .as('back_office.decisions.store')
  })
  .use(middleware.auth())
