/*
| Routes of the partner administration (imported by start/routes.ts).
| « Les services » › « Administration » › « Modification inscription »:
| one page with its tabs (?onglet=partenaires|utilisateurs|adresse|conventions)
| and one action per form. No route names a partner: it is always the
| signed-in administrator's own (PartnerPolicy, checked in the controllers).
| Every route here needs a row in
| tests/functional/administration/authorization_matrix.spec.ts.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RegistrationController = () => import('#controllers/administration/registration_controller')
const PartnerController = () => import('#controllers/administration/partner_controller')
const AddressController = () => import('#controllers/administration/address_controller')
const ConventionsController = () => import('#controllers/administration/conventions_controller')

router
  .group(() => {
    router.get('/administration', [RegistrationController, 'show']).as('administration.show')
    router
      .put('/administration/partenaire', [PartnerController, 'update'])
      .as('administration.partner.update')
    router
      .put('/administration/adresse', [AddressController, 'update'])
      .as('administration.address.update')
    /** M8: add a convention (M6: none is changed here, so no route edits one) */
    router
      .post('/administration/conventions', [ConventionsController, 'store'])
      .as('administration.conventions.store')
  })
  .use(middleware.auth())

/** M2–M5 « Utilisateurs »: the accounts of the administrator's own partner */
const UsersController = () => import('#controllers/administration/users_controller')

router
  .group(() => {
    router
      .post('/administration/utilisateurs', [UsersController, 'store'])
      .as('administration.users.store')
    router
      .put('/administration/utilisateurs/:id', [UsersController, 'update'])
      .as('administration.users.update')
      .where('id', router.matchers.number())
    router
      .delete('/administration/utilisateurs/:id', [UsersController, 'destroy'])
      .as('administration.users.destroy')
      .where('id', router.matchers.number())
  })
  .use(middleware.auth())
