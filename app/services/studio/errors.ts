import { Exception } from '@adonisjs/core/exceptions'
import { FieldRuleError } from '#exceptions/field_rule_error'

/**
 * A rule of the studio refused the change (a code already used, a régime
 * that does not exist…): 422 with a French message next to the field
 * concerned. Nothing was written.
 */
export class StudioRuleError extends FieldRuleError {
  static code = 'E_STUDIO_RULE'

  constructor(fieldErrors: Record<string, string>, message?: string) {
    super(fieldErrors, 'E_STUDIO_RULE', message)
  }
}

/**
 * Not an analyst nor a platform administrator: 403, the portal's French
 * « Accès refusé » page (app/exceptions/handler.ts). Refused, not hidden:
 * the route exists for everyone, and answers this.
 */
export class StudioForbiddenError extends Exception {
  static status = 403
  static code = 'E_STUDIO_FORBIDDEN'

  constructor(
    message = 'L’Atelier est réservé aux analystes et aux administrateurs de la plateforme.'
  ) {
    super(message, { status: 403, code: 'E_STUDIO_FORBIDDEN' })
  }
}

/** A row of a reference list that does not exist: 404 */
export class StudioNotFoundError extends Exception {
  static status = 404
  static code = 'E_STUDIO_NOT_FOUND'

  constructor(message = 'Cet élément n’existe pas.') {
    super(message, { status: 404, code: 'E_STUDIO_NOT_FOUND' })
  }
}
