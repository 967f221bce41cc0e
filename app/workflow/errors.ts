import { Exception } from '@adonisjs/core/exceptions'

/**
 * Refusals of the workflow engine. Each carries its HTTP status and a French
 * message a screen can show as is, so a refusal is never a 500.
 */

/** The actor may not send this event (or start this workflow): 403 */
export class WorkflowForbiddenError extends Exception {
  static status = 403
  static code = 'E_WORKFLOW_FORBIDDEN'

  constructor(message = "Vous n'êtes pas autorisé à effectuer cette action sur ce dossier.") {
    super(message, { status: 403, code: 'E_WORKFLOW_FORBIDDEN' })
  }
}

/**
 * The payload failed the event's form: 422, one message per field. It uses
 * VineJS's code and "messages" shape so AdonisJS renders it like any other
 * validation error (JSON { errors } for an API, flashed field errors and a
 * redirect back for an Inertia form).
 */
export class WorkflowValidationError extends Exception {
  static status = 422
  static code = 'E_VALIDATION_ERROR'

  readonly messages: Array<{ field: string; message: string; rule: string }>

  constructor(
    /** Field name → first error message, in French */
    readonly fieldErrors: Record<string, string>,
    message = 'Le formulaire contient des erreurs : corrigez les champs signalés.'
  ) {
    super(message, { status: 422, code: 'E_VALIDATION_ERROR' })
    this.messages = Object.entries(fieldErrors).map(([field, text]) => ({
      field,
      message: text,
      rule: 'workflow_form',
    }))
  }
}

/** The event is unknown to the definition, or its guards refused it: 422 */
export class WorkflowEventRejectedError extends Exception {
  static status = 422
  static code = 'E_WORKFLOW_EVENT_REJECTED'

  constructor(message = "Cette action n'est pas possible pour ce dossier.") {
    super(message, { status: 422, code: 'E_WORKFLOW_EVENT_REJECTED' })
  }
}

/**
 * Somebody else moved the record first (lock_version changed), or the record
 * is no longer in a state that accepts the event: 409.
 */
export class WorkflowConflictError extends Exception {
  static status = 409
  static code = 'E_WORKFLOW_CONFLICT'

  constructor(
    /**
     * stale: the lock_version changed between load and update (a concurrent
     * transition won); not_accepted: the stored state no longer takes this event.
     */
    readonly reason: 'stale' | 'not_accepted' = 'not_accepted',
    message = 'Ce dossier a déjà été traité.'
  ) {
    super(message, { status: 409, code: 'E_WORKFLOW_CONFLICT' })
  }
}

/** No instance, or no published definition, under that id or key: 404 */
export class WorkflowNotFoundError extends Exception {
  static status = 404
  static code = 'E_WORKFLOW_NOT_FOUND'

  constructor(message = 'Dossier introuvable.') {
    super(message, { status: 404, code: 'E_WORKFLOW_NOT_FOUND' })
  }
}

/** A definition that fails static validation cannot be published or run */
export class WorkflowDefinitionInvalidError extends Exception {
  static status = 422
  static code = 'E_WORKFLOW_DEFINITION_INVALID'

  constructor(
    readonly problems: Array<{ path: string; message: string }>,
    key = '?'
  ) {
    super(
      `La définition « ${key} » est invalide :\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`,
      { status: 422, code: 'E_WORKFLOW_DEFINITION_INVALID' }
    )
  }
}
