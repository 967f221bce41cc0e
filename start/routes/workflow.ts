/*
| Routes of the workflow capability (imported by start/routes.ts): the
| generic pages of every workflow (W2). Open to visitors on purpose: the
| definitions' permissions decide who may act, and a visitor only reaches
| the records started in their own session.
*/
import router from '@adonisjs/core/services/router'

const WorkflowPagesController = () => import('#controllers/workflow/workflow_pages_controller')

/** R1: "Vous n'êtes pas encore inscrit ?" on the home page */
router.on('/preinscription').redirectToPath('/parcours/preinscription').as('preinscription')

router
  .group(() => {
    router.get('/parcours/:key', [WorkflowPagesController, 'start']).as('start')
    router
      .post('/parcours/:key/evenements/:event', [WorkflowPagesController, 'startWith'])
      .as('start_with')
    router.get('/dossiers/:id', [WorkflowPagesController, 'show']).as('show').where('id', /^\d+$/)
    router
      .post('/dossiers/:id/evenements/:event', [WorkflowPagesController, 'send'])
      .as('send')
      .where('id', /^\d+$/)
  })
  .as('workflow')
