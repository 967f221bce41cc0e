import type { HttpContext } from '@adonisjs/core/http'
import { StudioRuleError } from '#services/studio/errors'
import {
  addState,
  addTransition,
  addTransitionAction,
  changeTransitionAction,
  removeState,
  removeTransition,
  relabelEvent,
  removeTransitionAction,
  renameState,
  setTransitionGuard,
  type RuleInput,
  type TransitionPlace,
} from '#services/studio/states'
import { draftPageOf } from '#transformers/studio/draft'
import type { FormPlace, RuleForm, StatesEditorProps } from '#transformers/studio/states_editor'
import {
  eventLabelValidator,
  newStateValidator,
  newTransitionValidator,
  stateMessages,
  stateRenameValidator,
  transitionRuleMessages,
  transitionRuleValidator,
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
      refusal(ctx, key, errors, { form: 'state', where: placeOfForm(ctx), values })
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
        where: placeOfForm(ctx),
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
      refusal(ctx, key, errors, { form: 'transition', where: placeOfForm(ctx), state, values })
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

  /** « Renommer la transition »: its event's « Libellé » */
  async updateEvent(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const event = String(ctx.params.event)
    const [invalid, input] = await eventLabelValidator.tryValidate(ctx.request.all(), {
      messagesProvider: stateMessages,
    })
    if (invalid) {
      return refusal(ctx, key, fieldErrorsOf(invalid), {
        form: 'label',
        where: placeOfForm(ctx),
        event,
        values: { label: '', tone: '', ...typedValues(ctx, ['label', 'tone']) },
      })
    }
    await relabelEvent(key, ctx.auth.getUserOrFail(), event, input)
    ctx.session.flash('success', `La transition s’appelle maintenant « ${input.label} ».`)
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

  /** « Choisir une condition » of a transition (or change it), its params checked */
  async updateGuard(ctx: HttpContext) {
    const place = placeOf(ctx)
    return this.saveRule(
      ctx,
      { form: 'guard', ...typedPlace(place) },
      (key, input) => setTransitionGuard(key, ctx.auth.getUserOrFail(), place, input),
      (type) => `La condition « ${type} » est enregistrée.`
    )
  }

  /** « Retirer la condition » */
  async destroyGuard(ctx: HttpContext) {
    const key = String(ctx.params.key)
    await setTransitionGuard(key, ctx.auth.getUserOrFail(), placeOf(ctx), null)
    ctx.session.flash('success', 'La condition est retirée : la transition a toujours lieu.')
    return backToDraft(ctx, key)
  }

  /** « Ajouter une action » to a transition, its params checked */
  async storeAction(ctx: HttpContext) {
    return this.saveAction(ctx, null)
  }

  /** An action's params changed */
  async updateAction(ctx: HttpContext) {
    return this.saveAction(ctx, Number(ctx.params.position))
  }

  /** « Retirer » an action of a transition */
  async destroyAction(ctx: HttpContext) {
    const key = String(ctx.params.key)
    const position = Number(ctx.params.position)
    await removeTransitionAction(key, ctx.auth.getUserOrFail(), placeOf(ctx), position)
    ctx.session.flash('success', 'L’action est retirée de la transition.')
    return backToDraft(ctx, key)
  }

  /** A new action (position null) or the action at `position`, replaced */
  private saveAction(ctx: HttpContext, position: number | null) {
    const place = placeOf(ctx)
    const actor = ctx.auth.getUserOrFail()
    return this.saveRule(
      ctx,
      { form: 'action', position, ...typedPlace(place) },
      (key, input) =>
        position === null
          ? addTransitionAction(key, actor, place, input)
          : changeTransitionAction(key, actor, place, position, input),
      (type) => `L’action « ${type} » est ${position === null ? 'ajoutée' : 'enregistrée'}.`
    )
  }

  /**
   * A guard or an action form: its shape checked here, its params by the
   * service with the entry's own schema; a refusal renders the draft with
   * what was typed and the messages next to each param (422).
   */
  private async saveRule(
    ctx: HttpContext,
    typed: RuleTyped,
    save: (key: string, input: RuleInput) => Promise<unknown>,
    success: (type: string) => string
  ) {
    const key = String(ctx.params.key)
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, key, errors, { ...typed, values: typedRule(ctx) })
    const [invalid, input] = await transitionRuleValidator.tryValidate(ctx.request.all(), {
      messagesProvider: transitionRuleMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await save(key, { type: input.type, params: input.params ?? {} })
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', success(input.type))
    return backToDraft(ctx, key)
  }
}

/** Which guard or action form was refused, without what was typed */
type RuleTyped = DistributiveOmit<
  Extract<NonNullable<StatesEditorProps['typed']>, { form: 'guard' | 'action' }>,
  'values'
>
type DistributiveOmit<Type, Key extends PropertyKey> = Type extends unknown
  ? Omit<Type, Key>
  : never

/** Which of the page's places sent the form: the graph's panel says so, else the outline */
function placeOfForm({ request }: HttpContext): FormPlace {
  return request.input('where') === 'graph' ? 'graph' : 'outline'
}

/** The transition a guard or action route names: state, event, which of the event's transitions */
function placeOf({ params }: HttpContext): TransitionPlace {
  return {
    from: String(params.state),
    event: String(params.event),
    alternative: Number(params.alternative),
  }
}

function typedPlace(place: TransitionPlace) {
  return { state: place.from, event: place.event, alternative: place.alternative }
}

/** What a guard or action form sent, to show it again: the name, each param a text or a checkbox */
function typedRule({ request }: HttpContext): RuleForm {
  const type = request.input('type')
  const params = request.input('params')
  const typed: RuleForm['params'] = {}
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'boolean') typed[name] = value
    }
  }
  return { type: typeof type === 'string' ? type : '', params: typed }
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
  /** The page first: without a draft, the 404 it throws is the answer */
  const page = await draftPageOf(key, { states: typed })
  response.status(422)
  return inertia.render('studio/draft', { ...page, errors })
}
