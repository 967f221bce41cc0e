/*
| Routes of the workflow capability (imported by start/routes.ts): the
| generic pages of every workflow (W2). Open to visitors on purpose: the
| definitions' permissions decide who may act, and a visitor only reaches
| the records started in their own session.
*/
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import {
  RECORD_STARTS_LIMITERS,
  RECORD_STARTS_LIMITS,
  RECORD_STARTS_MESSAGE,
} from '#services/workflow/record_starts'
import { PERSONAL_LINK_PATH } from '#services/workflow/personal_links'

const WorkflowPagesController = () => import('#controllers/workflow/workflow_pages_controller')
const PersonalLinksController = () => import('#controllers/workflow/personal_links_controller')

/**
 * Issue 9 #6: a start writes a record, so starts are counted per session
 * and per client IP; over either limit, a French 429 (text, or
 * { errors: [{ message, retryAfter }] } to a JSON request).
 */
const startsPerSession = limiter.define(RECORD_STARTS_LIMITERS.perSession, (ctx) =>
  limiter
    .allowRequests(RECORD_STARTS_LIMITS.perSession.requests)
    .every(RECORD_STARTS_LIMITS.perSession.duration)
    .usingKey(ctx.session.sessionId)
    .limitExceeded((error) => error.setMessage(RECORD_STARTS_MESSAGE))
)
const startsPerIp = limiter.define(RECORD_STARTS_LIMITERS.perIp, () =>
  limiter
    .allowRequests(RECORD_STARTS_LIMITS.perIp.requests)
    .every(RECORD_STARTS_LIMITS.perIp.duration)
    .limitExceeded((error) => error.setMessage(RECORD_STARTS_MESSAGE))
)

/**
 * S4 personal links: 256-bit tokens cannot be guessed, but each try is a
 * database look-up, so they are counted per client IP
 */
const personalLinksPerIp = limiter.define('personal_links', () =>
  limiter
    .allowRequests(30)
    .every('10 minutes')
    .limitExceeded((error) =>
      error.setMessage(
        'Trop de liens ouverts depuis cette adresse : réessayez dans quelques minutes.'
      )
    )
)

/** R1: "Vous n'êtes pas encore inscrit ?" on the home page */
router.on('/preinscription').redirectToPath('/parcours/preinscription').as('preinscription')

router
  .group(() => {
    router.get('/parcours/:key', [WorkflowPagesController, 'start']).as('start')
    router
      .post('/parcours/:key/evenements/:event', [WorkflowPagesController, 'startWith'])
      .as('start_with')
      .use([startsPerSession, startsPerIp])
    router.get('/dossiers/:id', [WorkflowPagesController, 'show']).as('show').where('id', /^\d+$/)
    router
      .post('/dossiers/:id/evenements/:event', [WorkflowPagesController, 'send'])
      .as('send')
      .where('id', /^\d+$/)
    router
      .get(`${PERSONAL_LINK_PATH}/:token`, [PersonalLinksController, 'open'])
      .as('personal_link')
      .use(personalLinksPerIp)
  })
  .as('workflow')
