/*
| Routes of the accounts capability (imported by start/routes.ts):
| A2/A6 « Changer mon mot de passe », A4 « Mot de passe oublié ? ».
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PasswordController = () => import('#controllers/accounts/password_controller')
const ForgotPasswordController = () => import('#controllers/accounts/forgot_password_controller')

router
  .group(() => {
    router
      .get('/mot-de-passe-oublie', [ForgotPasswordController, 'create'])
      .as('accounts.forgot_password.create')
    router
      .post('/mot-de-passe-oublie', [ForgotPasswordController, 'store'])
      .as('accounts.forgot_password.store')
  })
  .use(middleware.guest())

/** Open to a user who must change their password (PasswordChangeMiddleware's allow-list) */
router
  .group(() => {
    router.get('/mot-de-passe', [PasswordController, 'edit']).as('accounts.password.edit')
    router.post('/mot-de-passe', [PasswordController, 'update']).as('accounts.password.update')
  })
  .use(middleware.auth())
