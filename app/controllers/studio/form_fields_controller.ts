import type { HttpContext } from '@adonisjs/core/http'
import { StudioRuleError } from '#services/studio/errors'
import {
  addField,
  moveField,
  removeField,
  updateField,
  type FieldInput,
} from '#services/studio/form_fields'
import { draftPageOf } from '#transformers/studio/draft'
import type { FieldForm, FormEditorProps } from '#transformers/studio/form_editor'
import { fieldMoveValidator, formFieldMessages, formFieldValidator } from '#validators/studio'
import { fieldErrorsOf, typedChecked, typedValues } from '#validators/form_input'

/**
 * S5 the form editor of a draft: « Ajouter un champ », a field's
 * « Enregistrer », « Supprimer », « Monter » / « Descendre » / « Déplacer
 * après ». Each is one audited change of the draft; a refusal answers 422
 * with the draft's page, what was typed kept and the French message next
 * to the field. Behind the studio middleware.
 */
export default class FormFieldsController {
  async store(ctx: HttpContext) {
    const { key, event } = target(ctx)
    const [invalid, input] = await formFieldValidator.tryValidate(ctx.request.all(), {
      messagesProvider: formFieldMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { event, name: null, values: typedField(ctx) })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addField(key, event, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `Le champ « ${input.label} » est ajouté au brouillon.`)
    return backToDraft(ctx, key, event)
  }

  async update(ctx: HttpContext) {
    const { key, event } = target(ctx)
    const name = String(ctx.params.name)
    const [invalid, input] = await formFieldValidator.tryValidate(ctx.request.all(), {
      messagesProvider: formFieldMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { event, name, values: typedField(ctx) })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await updateField(key, event, name, ctx.auth.getUserOrFail(), input as FieldInput)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `Le champ « ${input.label} » est enregistré.`)
    return backToDraft(ctx, key, event)
  }

  async destroy(ctx: HttpContext) {
    const { key, event } = target(ctx)
    await removeField(key, event, String(ctx.params.name), ctx.auth.getUserOrFail())
    ctx.session.flash('success', 'Le champ est retiré du brouillon.')
    return backToDraft(ctx, key, event)
  }

  /** direction=up|down, or after=<a field's name> (empty: first) */
  async move(ctx: HttpContext) {
    const { key, event } = target(ctx)
    const name = String(ctx.params.name)
    const [invalid, input] = await fieldMoveValidator.tryValidate(ctx.request.all(), {
      messagesProvider: formFieldMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { event, name, values: null })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await moveField(
        key,
        event,
        name,
        ctx.auth.getUserOrFail(),
        input.direction ? { direction: input.direction } : { after: input.after || null }
      )
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', 'L’ordre des champs est enregistré.')
    return backToDraft(ctx, key, event)
  }
}

function target({ params }: HttpContext) {
  return { key: String(params.key), event: String(params.event) }
}

function backToDraft({ response }: HttpContext, key: string, event: string) {
  return response
    .redirect()
    .withQs({ formulaire: event })
    .toPath(`/atelier/parcours/${encodeURIComponent(key)}/brouillon`)
}

/** What was typed in the field form, to show it again after a refusal */
function typedField(ctx: HttpContext): FieldForm {
  const destinations: unknown = ctx.request.input('destinations') ?? []
  const empty = {
    label: '',
    name: '',
    type: '',
    help: '',
    group: '',
    maxLength: '',
    source: '',
    after: '',
  }
  return {
    ...empty,
    ...typedValues(ctx, Object.keys(empty) as Array<keyof typeof empty>),
    required: typedChecked(ctx, 'required'),
    destinations: [destinations]
      .flat()
      .filter((value): value is string => typeof value === 'string'),
  }
}

async function refusal(
  { response, inertia }: HttpContext,
  key: string,
  errors: Record<string, string>,
  typed: NonNullable<FormEditorProps['typed']>
) {
  response.status(422)
  return inertia.render('studio/draft', { ...(await draftPageOf(key, { forms: typed })), errors })
}
