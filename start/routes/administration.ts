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

router
  .group(() => {
    router.get('/administration', [RegistrationController, 'show']).as('administration.show')
    router
      .put('/administration/partenaire', [PartnerController, 'update'])
      .as('administration.partner.update')
    router
      .put('/administration/adresse', [AddressController, 'update'])
      .as('administration.address.update')
  })
  .use(middleware.auth())
