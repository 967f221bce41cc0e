import { renderTemplate } from '#workflow/engine'
import registry from '#workflow/registry'
import { TemplateVariables, type VariableOrigin } from '#workflow/template_variables'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { eventLabelOf } from '#transformers/studio/permissions_editor'

export type MailForm = { subject: string; text: string }
export type NewMailForm = MailForm & { name: string }

export type MailsEditorProps = {
  templates: Array<
    MailForm & {
      template: string
      /** What may be written between {{ }}, with where it comes from and its sample */
      variables: Array<{ name: string; label: string; sample: string; origin: string }>
      /** « Aperçu »: the template rendered with the samples, as the engine renders a mail */
      preview: MailForm
      /** The actions that send it, in words (none: it is sent by no transition) */
      sentBy: string[]
    }
  >
  /** After a refusal: which template (null: « Nouveau modèle d’email »), and what was typed */
  typed: { template: string; values: MailForm } | { template: null; values: NewMailForm } | null
}

const ORIGIN_LABELS: Record<VariableOrigin, string> = {
  form: 'formulaire de l’événement',
  record: 'données du dossier',
  action: 'ajoutée par l’envoi',
}

/** S6 the mail templates of a draft (inertia/components/studio/mails_editor.tsx) */
export function mailsEditorProps(
  body: WorkflowDefinitionBody,
  typed: MailsEditorProps['typed'] = null
): MailsEditorProps {
  const variables = new TemplateVariables(body, registry)
  return {
    templates: Object.entries(body.notifications).map(([template, notification]) => {
      const data = variables.sampleData(template)
      const shown = typed && typed.template === template ? typed.values : notification
      return {
        template,
        subject: notification.subject,
        text: notification.text,
        variables: variables.of(template).map(({ name, label, sample, origin }) => ({
          name,
          label,
          sample,
          origin: ORIGIN_LABELS[origin],
        })),
        preview: {
          subject: renderTemplate(shown.subject, data),
          text: renderTemplate(shown.text, data),
        },
        sentBy: variables
          .senders(template)
          .map(({ name, event }) =>
            event ? `« ${name} » sur ${eventLabelOf(body, event)}` : `« ${name} »`
          ),
      }
    }),
    typed,
  }
}
