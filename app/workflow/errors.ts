import { Exception } from '@adonisjs/core/exceptions'

/**
 * Refusals of the workflow engine. Each carries its HTTP status and a French
 * message a screen can show as is, so a refusal is never a 500. The engine
 * knows nothing of HTTP: app/exceptions/handler.ts renders every refusal in
 * one place, and a form error (WorkflowValidationError) is rendered by
 * AdonisJS like any VineJS error.
 */

/** A refusal a person may meet (403, 404, 409, 422): shown as a page, never a 500 */
export abstract class WorkflowRefusal extends Exception {}

/** The actor may not send this event (or start this workflow): 403 */
export class WorkflowForbiddenError extends WorkflowRefusal {
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
export class WorkflowEventRejectedError extends WorkflowRefusal {
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
export class WorkflowConflictError extends WorkflowRefusal {
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
export class WorkflowNotFoundError extends WorkflowRefusal {
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

/**
 * An effect action found no row for the record's subject (no stored user,
 * convention…): the data is inconsistent or the record was started wrong, so
 * the transition rolls back. Never a refusal a user can cause: a 500, logged.
 */
export class WorkflowSubjectMissingError extends Exception {
  static status = 500
  static code = 'E_WORKFLOW_SUBJECT_MISSING'

  constructor(
    readonly instanceId: number,
    readonly subjectType: string | null,
    readonly subjectId: number | null
  ) {
    super(
      `Record ${instanceId}: its subject ${subjectType ?? '(no type)'} ${subjectId ?? '(no id)'} does not exist`,
      { status: 500, code: 'E_WORKFLOW_SUBJECT_MISSING' }
    )
  }
}
