import type User from '#models/user'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
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
  nameTaken: (name: string) =>
    `Un modèle s’appelle déjà « ${name} » dans ce brouillon : choisissez un autre nom.`,
}

/**
 * « Nouveau modèle d’email »: its name (what an action's « template »
 * names), « Objet », « Texte »; sent once an action of a transition names it
 */
export function addMail(key: string, actor: User, input: MailInput & { name: string }) {
  return changeDraft(key, actor, (body) => {
    if (Object.hasOwn(body.notifications, input.name)) {
      throw new StudioRuleError({ name: MAIL_MESSAGES.nameTaken(input.name) })
    }
    const mail: NotificationJson = { subject: input.subject, text: input.text }
    body.notifications[input.name] = mail
    return {
      body,
      changes: { [`notifications.${input.name}`]: { before: null, after: JSON.stringify(mail) } },
    }
  })
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
