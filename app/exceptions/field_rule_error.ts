import { Exception } from '@adonisjs/core/exceptions'

/**
 * A rule of a capability refused a change (a code already used, the last
 * administrator, a field name taken…): 422 with one French message per
 * field, shown next to it. Nothing was written. Each capability names its
 * own kind (AdministrationRuleError, StudioRuleError), so a controller
 * catches only the refusals of the service it calls.
 */
export abstract class FieldRuleError extends Exception {
  static status = 422

  constructor(
    /** Field name → message, in French */
    readonly fieldErrors: Record<string, string>,
    code: string,
    message = Object.values(fieldErrors)[0] ?? 'Cette modification n’est pas permise.'
  ) {
    super(message, { status: 422, code })
  }
}
