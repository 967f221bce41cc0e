import vine from '@vinejs/vine'
import { fields } from '#validators/rules/fields'
import { messages } from '#validators/administration'
import { ACTOR_ROLES, PERMISSION_SCOPES } from '#workflow/types'

/**
 * S6 the draft page's « Qui peut agir, pages et mails »: a rule of « Qui
 * peut l’envoyer », the page of a state, a mail template. What they name
 * (an event, a state, a template, a page of the registry) is checked by
 * the services (app/services/studio/permissions.ts, screens.ts, mails.ts).
 */

/**
 * S6 « Qui peut l’envoyer »: a rule is a role and a scope of the catalogue
 * (app/workflow/types.ts ACTOR_ROLES, PERMISSION_SCOPES)
 */
export const permissionRuleValidator = vine.create({
  role: vine.enum(ACTOR_ROLES),
  scope: vine.enum(PERMISSION_SCOPES),
})

export const PERMISSION_RULE_LABELS = { role: 'Rôle', scope: 'Portée' } as const

export const permissionRuleMessages = messages(PERMISSION_RULE_LABELS, [], {
  'role.enum': 'Choisissez un rôle de la liste.',
  'role.required': 'Choisissez un rôle de la liste.',
  'scope.enum': 'Choisissez une portée de la liste.',
  'scope.required': 'Choisissez une portée de la liste.',
})

/** S6 the page of a state: « Page » (checked against the registry by the service), « Titre », « Texte » */
export const SCREEN_LIMITS = { page: 100, title: 150, text: 2000 } as const

export const screenValidator = vine.create({
  page: fields.text(SCREEN_LIMITS.page).minLength(1),
  title: fields.text(SCREEN_LIMITS.title).minLength(1),
  text: fields.textarea(SCREEN_LIMITS.text).optional(),
  /** The record's keys shown read-only; the static validator checks each has a label */
  display: vine.array(vine.string().trim().maxLength(100)).maxLength(60).optional(),
})

export const SCREEN_LABELS = { page: 'Page', title: 'Titre', text: 'Texte' } as const

export const screenMessages = messages(SCREEN_LABELS, ['title'], {
  'page.minLength': 'Choisissez une page de la liste.',
  'page.required': 'Choisissez une page de la liste.',
})

/** S6 a mail template: « Objet » (one line), « Texte » */
export const MAIL_LIMITS = { subject: 200, text: 5000 } as const

const mailParts = {
  /** One line: an email's subject is a header */
  subject: fields
    .text(MAIL_LIMITS.subject)
    .minLength(1)
    .regex(/^[^\r\n]*$/),
  text: fields.textarea(MAIL_LIMITS.text).minLength(1),
}

export const mailValidator = vine.create(mailParts)

/** « Nouveau modèle d’email »: a technical name as actions name it (« pieces_demandees ») */
export const newMailValidator = vine.create({
  name: vine
    .string()
    .trim()
    .maxLength(60)
    .regex(/^[a-z][a-z0-9_]*$/),
  ...mailParts,
})

export const MAIL_LABELS = { name: 'Nom technique', subject: 'Objet', text: 'Texte' } as const

export const mailMessages = messages(MAIL_LABELS, ['name', 'subject', 'text'], {
  'subject.regex': 'L’objet tient sur une seule ligne.',
  'name.regex':
    'Le nom technique s’écrit en minuscules sans accent, chiffres et « _ », en commençant par une lettre (par exemple pieces_demandees).',
})
