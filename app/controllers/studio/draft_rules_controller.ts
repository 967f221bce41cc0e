import type { HttpContext } from '@adonisjs/core/http'
import type WorkflowDefinition from '#models/workflow_definition'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import { addRule, removeRule } from '#services/studio/permissions'
import { updateScreen } from '#services/studio/screens'
import { addMail, updateMail } from '#services/studio/mails'
import { draftPageOf, type DraftPageProps } from '#transformers/studio/draft'
import { permissionsEditorProps } from '#transformers/studio/permissions_editor'
import { mailsEditorProps } from '#transformers/studio/mails_editor'
import {
  mailMessages,
  mailValidator,
  newMailValidator,
  permissionRuleMessages,
  permissionRuleValidator,
  screenMessages,
  screenValidator,
} from '#validators/studio_editors'
import { fieldErrorsOf } from '#validators/form_input'

/**
 * S6 « Qui peut agir, pages et mails » of a draft: « Ajouter » and
 * « Retirer » a rule of « Qui peut l’envoyer », a state's page, a mail
 * template. Each is one audited change of the draft; a refusal answers 422
 * with the draft's page, what was typed kept and the French message next
 * to the field; an unknown event, state, template or rule answers 404.
 * Behind the studio middleware.
 */
export default class DraftRulesController {
  /** POST …/permissions/:event */
  async storeRule(ctx: HttpContext) {
    const { key, name: event } = target(ctx, 'event')
    const values = { role: typed(ctx, 'role'), scope: typed(ctx, 'scope') }
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, (body) => ({
        permissions: permissionsEditorProps(body, { kind: 'rule', event, values }),
      }))
    const [invalid, input] = await permissionRuleValidator.tryValidate(ctx.request.all(), {
      messagesProvider: permissionRuleMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addRule(key, event, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `La règle est ajoutée à « Qui peut l’envoyer » (${event}).`)
    return backToDraft(ctx, key, `permissions-${event}`)
  }

  /** DELETE …/permissions/:event/:role/:scope */
  async destroyRule(ctx: HttpContext) {
    const { key, name: event } = target(ctx, 'event')
    const [invalid, input] = await permissionRuleValidator.tryValidate({
      role: ctx.params.role,
      scope: ctx.params.scope,
    })
    if (invalid) throw new StudioNotFoundError('Cette règle n’existe pas pour cet événement.')
    await removeRule(key, event, ctx.auth.getUserOrFail(), input)
    ctx.session.flash('success', `La règle est retirée de « Qui peut l’envoyer » (${event}).`)
    return backToDraft(ctx, key, `permissions-${event}`)
  }

  /** PUT …/ecrans/:state */
  async updateScreen(ctx: HttpContext) {
    const { key, name: state } = target(ctx, 'state')
    const values = {
      page: typed(ctx, 'page'),
      title: typed(ctx, 'title'),
      text: typed(ctx, 'text'),
      display: typedList(ctx, 'display'),
    }
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, (body) => ({
        permissions: permissionsEditorProps(body, { kind: 'screen', state, values }),
      }))
    const [invalid, input] = await screenValidator.tryValidate(ctx.request.all(), {
      messagesProvider: screenMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await updateScreen(key, state, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `La page de l’état « ${state} » est enregistrée.`)
    return backToDraft(ctx, key, `ecran-${state}`)
  }

  /** POST …/mails: « Nouveau modèle d’email » */
  async storeMail(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const values = {
      name: typed(ctx, 'name'),
      subject: typed(ctx, 'subject'),
      text: typed(ctx, 'text'),
    }
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, (body) => ({
        mails: mailsEditorProps(body, { template: null, values }),
      }))
    const [invalid, input] = await newMailValidator.tryValidate(ctx.request.all(), {
      messagesProvider: mailMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addMail(key, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash(
      'success',
      `Le modèle d’email « ${input.name} » est ajouté ; une action d’une transition doit maintenant l’envoyer.`
    )
    return backToDraft(ctx, key, `mail-${input.name}`)
  }

  /** PUT …/mails/:template */
  async updateMail(ctx: HttpContext) {
    const { key, name: template } = target(ctx, 'template')
    const values = { subject: typed(ctx, 'subject'), text: typed(ctx, 'text') }
    const [invalid, input] = await mailValidator.tryValidate(ctx.request.all(), {
      messagesProvider: mailMessages,
    })
    if (invalid) {
      return refusal(ctx, key, fieldErrorsOf(invalid), (body) => ({
        mails: mailsEditorProps(body, { template, values }),
      }))
    }
    await updateMail(key, template, ctx.auth.getUserOrFail(), input)
    ctx.session.flash(
      'success',
      `Le modèle d’email « ${template} » est enregistré ; les vérifications disent s’il reste une variable inconnue.`
    )
    return backToDraft(ctx, key, `mail-${template}`)
  }
}

function target({ params }: HttpContext, name: string) {
  return { key: String(params.key), name: String(params[name]) }
}

/** A text of the body, to show it again after a refusal ('' for anything else) */
function typed({ request }: HttpContext, name: string) {
  const value = request.input(name)
  return typeof value === 'string' ? value : ''
}

/** A list of texts of the body, to show it again after a refusal */
function typedList({ request }: HttpContext, name: string) {
  const value = request.input(name)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

function backToDraft({ response }: HttpContext, key: string, anchor: string) {
  return response
    .redirect()
    .toPath(`/atelier/parcours/${encodeURIComponent(key)}/brouillon#${encodeURIComponent(anchor)}`)
}

async function refusal(
  { response, inertia }: HttpContext,
  key: string,
  errors: Record<string, string>,
  editor: (body: WorkflowDefinition['body']) => Partial<DraftPageProps>
) {
  response.status(422)
  return inertia.render('studio/draft', { ...(await draftPageOf(key, {}, editor)), errors })
}
