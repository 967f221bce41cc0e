import type { HttpContext } from '@adonisjs/core/http'
import { StudioRuleError } from '#services/studio/errors'
import {
  addState,
  addTransition,
  removeState,
  removeTransition,
  renameState,
} from '#services/studio/states'
import { draftPageOf } from '#transformers/studio/draft'
import type { StatesEditorProps } from '#transformers/studio/states_editor'
import {
  newStateValidator,
  newTransitionValidator,
  stateMessages,
  stateRenameValidator,
} from '#validators/studio_states'
import { fieldErrorsOf, typedChecked, typedValues } from '#validators/form_input'

/**
 * S4 the outline of a draft: « Ajouter un état », rename, « Retirer
 * l'état », « Ajouter une transition », « Retirer » a transition. Each is
 * one audited change of the draft; a refusal answers 422 with the draft's
 * page, what was typed kept and the French message next to the field.
 * Behind the studio middleware.
 */
export default class StatesController {
  async store(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const values = {
      title: '',
      id: '',
      ...typedValues(ctx, ['title', 'id']),
      final: typedChecked(ctx, 'final'),
    }
    const [invalid, input] = await newStateValidator.tryValidate(ctx.request.all(), {
      messagesProvider: stateMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { form: 'state', values })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addState(key, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `L’état « ${input.title} » est ajouté au brouillon.`)
    return backToDraft(ctx, key)
  }

  /** A state's new technical name */
  async update(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const state = String(ctx.params.state)
    const [invalid, input] = await stateRenameValidator.tryValidate(ctx.request.all(), {
      messagesProvider: stateMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, {
        form: 'rename',
        state,
        values: { id: '', ...typedValues(ctx, ['id']) },
      })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await renameState(key, ctx.auth.getUserOrFail(), state, input.id)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `L’état s’appelle maintenant « ${input.id} ».`)
    return backToDraft(ctx, key)
  }

  async destroy(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const state = String(ctx.params.state)
    try {
      await removeState(key, ctx.auth.getUserOrFail(), state)
    } catch (error) {
      if (error instanceof StudioRuleError) {
        return refusal(ctx, key, error.fieldErrors, { form: 'remove', state })
      }
      throw error
    }
    ctx.session.flash('success', `L’état « ${state} » est retiré du brouillon.`)
    return backToDraft(ctx, key)
  }

  async storeTransition(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const state = String(ctx.params.state)
    const values = {
      event: '',
      label: '',
      target: '',
      ...typedValues(ctx, ['event', 'label', 'target']),
    }
    const [invalid, input] = await newTransitionValidator.tryValidate(ctx.request.all(), {
      messagesProvider: stateMessages,
    })
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { form: 'transition', state, values })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addTransition(key, ctx.auth.getUserOrFail(), state, input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `La transition « ${input.label || input.event} » est ajoutée.`)
    return backToDraft(ctx, key)
  }

  async destroyTransition(ctx: HttpContext) {
    const key = String(ctx.params.key)
    await removeTransition(
      key,
      ctx.auth.getUserOrFail(),
      String(ctx.params.state),
      String(ctx.params.event)
    )
    ctx.session.flash('success', 'La transition est retirée du brouillon.')
    return backToDraft(ctx, key)
  }
}

function backToDraft({ response }: HttpContext, key: string) {
  return response.redirect().toPath(`/atelier/parcours/${encodeURIComponent(key)}/brouillon`)
}

async function refusal(
  { response, inertia }: HttpContext,
  key: string,
  errors: Record<string, string>,
  typed: NonNullable<StatesEditorProps['typed']>
) {
  response.status(422)
  return inertia.render('studio/draft', { ...(await draftPageOf(key, { states: typed })), errors })
}
