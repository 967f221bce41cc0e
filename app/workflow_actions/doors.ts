import registry from '#workflow/registry'

/**
 * The service doors the definitions may name in events.<E>.via: the
 * screens that enforce, besides the definition's permissions, their own
 * rules (the partner's lock, its last administrator and its audit; the
 * wrong-current-password limit; the sign-in's password check). An event a definition reserves to one of
 * them is refused on the generic pages.
 */
export const DOORS = {
  /** « Modification inscription › Utilisateurs » (app/services/administration/users.ts) */
  administration: 'administration',
  /** « Changer mon mot de passe » (/mot-de-passe, app/controllers/accounts/password_controller.ts) */
  passwordChange: 'password_change',
  /** « Connexion » (/connexion, app/services/auth/authentication.ts): the password it checked */
  signIn: 'sign_in',
} as const

registry
  .registerDoor(DOORS.administration, 'Modification inscription › Utilisateurs')
  .registerDoor(DOORS.passwordChange, 'Changer mon mot de passe')
  .registerDoor(DOORS.signIn, 'Connexion')
