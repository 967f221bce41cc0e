/*
| Routes of the analysts' studio (imported by start/routes.ts).
| « Les services » › « Atelier »: every route needs a signed-in analyst or
| platform administrator (the studio middleware, 403 for anyone else).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ReferenceDataController = () => import('#controllers/studio/reference_data_controller')
const WorkflowsController = () => import('#controllers/studio/workflows_controller')
const FormFieldsController = () => import('#controllers/studio/form_fields_controller')
const DraftsController = () => import('#controllers/studio/drafts_controller')
const ExportsController = () => import('#controllers/studio/exports_controller')
const DraftRulesController = () => import('#controllers/studio/draft_rules_controller')
const StatesController = () => import('#controllers/studio/states_controller')
const ComparisonsController = () => import('#controllers/studio/comparisons_controller')
const SimulationsController = () => import('#controllers/studio/simulations_controller')
const ScenariosController = () => import('#controllers/studio/scenarios_controller')
const MigrationsController = () => import('#controllers/studio/migrations_controller')

router
  .group(() => {
    router.on('/atelier').redirectToPath('/atelier/referentiels').as('studio.show')
    /** S1 « Référentiels » (?liste=regimes|caisses|partner_types|convention_types) */
    router
      .get('/atelier/referentiels', [ReferenceDataController, 'index'])
      .as('studio.reference_data.index')
    router
      .post('/atelier/referentiels/:liste', [ReferenceDataController, 'store'])
      .as('studio.reference_data.store')
    router
      .put('/atelier/referentiels/:liste/:id', [ReferenceDataController, 'update'])
      .where('id', router.matchers.number())
      .as('studio.reference_data.update')
    router
      .put('/atelier/referentiels/:liste/:id/statut', [ReferenceDataController, 'status'])
      .where('id', router.matchers.number())
      .as('studio.reference_data.status')
    /** S1 a caisse's administrators: attach an existing one, create one, detach one */
    router
      .post('/atelier/referentiels/caisses/:id/administrateurs', [
        ReferenceDataController,
        'attachAdministrator',
      ])
      .where('id', router.matchers.number())
      .as('studio.caisse_administrators.attach')
    router
      .post('/atelier/referentiels/caisses/:id/administrateurs/nouveau', [
        ReferenceDataController,
        'createAdministrator',
      ])
      .where('id', router.matchers.number())
      .as('studio.caisse_administrators.create')
    router
      .delete('/atelier/referentiels/caisses/:id/administrateurs/:userId', [
        ReferenceDataController,
        'detachAdministrator',
      ])
      .where('id', router.matchers.number())
      .where('userId', router.matchers.number())
      .as('studio.caisse_administrators.detach')
    /** S2 « Parcours »: the workflows and their versions */
    router.get('/atelier/parcours', [WorkflowsController, 'index']).as('studio.workflows.index')
    /** S8 « Comparer » two versions of a workflow (?de=<version>&a=<version>) */
    router
      .get('/atelier/parcours/:key/comparer', [ComparisonsController, 'show'])
      .as('studio.comparisons.show')
    /** S10 « Migrer les dossiers » of a version to a newer one: the preview (nothing written), the run */
    router
      .get('/atelier/parcours/:key/migration', [MigrationsController, 'show'])
      .as('studio.migrations.show')
    router
      .post('/atelier/parcours/:key/migration', [MigrationsController, 'store'])
      .as('studio.migrations.store')
    /** S3 a workflow's draft: « Nouvelle version », its page, « Abandonner le brouillon » */
    router
      .post('/atelier/parcours/:key/brouillon', [DraftsController, 'store'])
      .as('studio.drafts.store')
    router
      .get('/atelier/parcours/:key/brouillon', [DraftsController, 'show'])
      .as('studio.drafts.show')
    router
      .delete('/atelier/parcours/:key/brouillon', [DraftsController, 'destroy'])
      .as('studio.drafts.destroy')
    /** S9 « Publier », « Importer », « Exporter » (the draft, or any version) */
    router
      .post('/atelier/parcours/:key/brouillon/publication', [DraftsController, 'publish'])
      .as('studio.drafts.publish')
    router
      .post('/atelier/parcours/:key/import', [DraftsController, 'import'])
      .as('studio.drafts.import')
    router
      .get('/atelier/parcours/:key/brouillon/export', [ExportsController, 'draft'])
      .as('studio.exports.draft')
    router
      .get('/atelier/parcours/:key/versions/:version/export', [ExportsController, 'version'])
      .where('version', router.matchers.number())
      .as('studio.exports.version')
    /** S5 the form editor of a draft: one event's form, one field */
    const fields = '/atelier/parcours/:key/brouillon/formulaires/:event/champs'
    router.post(fields, [FormFieldsController, 'store']).as('studio.form_fields.store')
    router.put(`${fields}/:name`, [FormFieldsController, 'update']).as('studio.form_fields.update')
    router
      .delete(`${fields}/:name`, [FormFieldsController, 'destroy'])
      .as('studio.form_fields.destroy')
    router
      .put(`${fields}/:name/position`, [FormFieldsController, 'move'])
      .as('studio.form_fields.move')
    /** S6 « Qui peut l’envoyer » of an event, the page of a state, a mail template */
    const draft = '/atelier/parcours/:key/brouillon'
    router
      .post(`${draft}/permissions/:event`, [DraftRulesController, 'storeRule'])
      .as('studio.permissions.store')
    router
      .delete(`${draft}/permissions/:event/:role/:scope`, [DraftRulesController, 'destroyRule'])
      .as('studio.permissions.destroy')
    router
      .put(`${draft}/ecrans/:state`, [DraftRulesController, 'updateScreen'])
      .as('studio.screens.update')
    router.post(`${draft}/mails`, [DraftRulesController, 'storeMail']).as('studio.mails.store')
    router
      .put(`${draft}/mails/:template`, [DraftRulesController, 'updateMail'])
      .as('studio.mails.update')
    /** S7 « Simuler » the draft: the steps replayed, nothing written (JSON) */
    router
      .post(`${draft}/simulation`, [SimulationsController, 'store'])
      .as('studio.simulations.store')
    /** S7 its saved scenarios (JSON): list, « Enregistrer », « Rejouer » (nothing written), « Supprimer » */
    const scenarios = `${draft}/scenarios`
    router.get(scenarios, [ScenariosController, 'index']).as('studio.scenarios.index')
    router.post(scenarios, [ScenariosController, 'store']).as('studio.scenarios.store')
    router
      .get(`${scenarios}/:id`, [ScenariosController, 'show'])
      .where('id', router.matchers.number())
      .as('studio.scenarios.show')
    router
      .delete(`${scenarios}/:id`, [ScenariosController, 'destroy'])
      .where('id', router.matchers.number())
      .as('studio.scenarios.destroy')
    /** S4 the outline: states, and the transitions of each */
    const states = `${draft}/etats`
    router.post(states, [StatesController, 'store']).as('studio.states.store')
    router.put(`${states}/:state`, [StatesController, 'update']).as('studio.states.update')
    router.delete(`${states}/:state`, [StatesController, 'destroy']).as('studio.states.destroy')
    router
      .put(`${draft}/evenements/:event`, [StatesController, 'updateEvent'])
      .as('studio.events.update')
    router
      .post(`${states}/:state/transitions`, [StatesController, 'storeTransition'])
      .as('studio.transitions.store')
    router
      .delete(`${states}/:state/transitions/:event`, [StatesController, 'destroyTransition'])
      .as('studio.transitions.destroy')
    /** S4 a transition's guard and actions (:alternative: which of the event's transitions) */
    const transition = `${states}/:state/transitions/:event/:alternative`
    const place = { alternative: router.matchers.number(), position: router.matchers.number() }
    router
      .put(`${transition}/condition`, [StatesController, 'updateGuard'])
      .where('alternative', place.alternative)
      .as('studio.transition_guards.update')
    router
      .delete(`${transition}/condition`, [StatesController, 'destroyGuard'])
      .where('alternative', place.alternative)
      .as('studio.transition_guards.destroy')
    router
      .post(`${transition}/actions`, [StatesController, 'storeAction'])
      .where('alternative', place.alternative)
      .as('studio.transition_actions.store')
    router
      .put(`${transition}/actions/:position`, [StatesController, 'updateAction'])
      .where('alternative', place.alternative)
      .where('position', place.position)
      .as('studio.transition_actions.update')
    router
      .delete(`${transition}/actions/:position`, [StatesController, 'destroyAction'])
      .where('alternative', place.alternative)
      .where('position', place.position)
      .as('studio.transition_actions.destroy')
  })
  .use([middleware.auth(), middleware.studio()])
