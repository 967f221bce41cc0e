import { Exception } from '@adonisjs/core/exceptions'
import { FieldRuleError } from '#exceptions/field_rule_error'

/**
 * A rule of the partner administration refused the change (the raison
 * sociale is fixed, and next: self-demotion, the last administrator, a
 * login change…): 422 with a French message next to the field concerned.
 * Nothing was written.
 */
export class AdministrationRuleError extends FieldRuleError {
  static code = 'E_ADMINISTRATION_RULE'

  constructor(fieldErrors: Record<string, string>, message?: string) {
    super(fieldErrors, 'E_ADMINISTRATION_RULE', message)
  }
}

/**
 * Not an administrator of the partner (M9): 403, shown as the portal's
 * French « Accès refusé » page by app/exceptions/handler.ts. Bouncer's own
 * refusal is not used: it answers a form with a redirect back, not a 403.
 */
export class AdministrationForbiddenError extends Exception {
  static status = 403
  static code = 'E_ADMINISTRATION_FORBIDDEN'

  constructor(message = 'Cette page est réservée aux administrateurs du partenaire.') {
    super(message, { status: 403, code: 'E_ADMINISTRATION_FORBIDDEN' })
  }
}
