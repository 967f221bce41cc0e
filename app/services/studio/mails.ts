import type User from '#models/user'
import { StudioNotFoundError } from '#services/studio/errors'
import { changeDraft } from '#services/studio/drafts'
import type { NotificationJson } from '#workflow/types'

/**
 * S6 a mail template of a draft: its « Objet » and « Texte », one audited
 * change of the draft. A variable the template may not use is saved as
 * typed: the checks of workflow:validate report it (its exact path) and
 * « Publier » waits until it is fixed.
 */

export type MailInput = NotificationJson

export const MAIL_MESSAGES = {
  noTemplate: 'Ce modèle d’email n’existe pas dans ce brouillon.',
}

export function updateMail(key: string, template: string, actor: User, input: MailInput) {
  return changeDraft(key, actor, (body) => {
    const before = Object.hasOwn(body.notifications, template)
      ? body.notifications[template]
      : undefined
    if (!before) throw new StudioNotFoundError(MAIL_MESSAGES.noTemplate)
    const after: NotificationJson = { ...before, subject: input.subject, text: input.text }
    body.notifications[template] = after
    const changes = Object.fromEntries(
      (['subject', 'text'] as const)
        .filter((part) => before[part] !== after[part])
        .map((part) => [
          `notifications.${template}.${part}`,
          { before: before[part], after: after[part] },
        ])
    )
    return { body, changes }
  })
}
