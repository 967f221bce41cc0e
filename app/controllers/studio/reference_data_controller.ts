import type { HttpContext } from '@adonisjs/core/http'
import { StudioNotFoundError, StudioRuleError } from '#services/studio/errors'
import {
  REFERENCE_MESSAGES,
  addReferenceRow,
  setReferenceRowActive,
  updateReferenceRow,
} from '#services/studio/reference_data'
import {
  REFERENCE_LISTS,
  referenceList,
  type ReferenceList,
} from '#services/studio/reference_lists'
import {
  referenceDataPageProps,
  type ReferenceDataPageProps,
} from '#transformers/studio/reference_data'
import {
  attachCaisseAdministrator,
  createCaisseAdministrator,
  detachCaisseAdministrator,
} from '#services/studio/caisse_administrators'
import {
  caisseAdministratorChoiceValidator,
  caisseAdministratorMessages,
  newCaisseAdministratorValidator,
  newReferenceRowValidator,
  referenceRowChangeValidator,
  referenceRowMessages,
} from '#validators/studio'
import { fieldErrorsOf, typedValues } from '#validators/form_input'

export const REFERENCE_PATH = '/atelier/referentiels'

const NEW_ROW_FIELDS = ['code', 'label', 'regimeId', 'contactEmail'] as const
const CHANGE_FIELDS = ['label', 'contactEmail'] as const
const ADMINISTRATOR_FIELDS = ['lastName', 'firstName', 'email', 'phone', 'login'] as const

/**
 * S1 « Atelier » › « Référentiels »: one list per tab (?liste=…), « Ajouter »,
 * « Enregistrer » (rename), « Désactiver » / « Réactiver ». A refusal
 * answers 422 with the page, what was typed kept and nothing written.
 * Every route is behind the studio middleware (start/routes/studio.ts).
 */
export default class ReferenceDataController {
  async index({ request, inertia }: HttpContext) {
    const list = referenceList(request.input('liste') ?? REFERENCE_LISTS.regimes.key)
    if (!list) throw new StudioNotFoundError('Cette liste n’existe pas.')
    return inertia.render('studio/reference_data', await referenceDataPageProps(list))
  }

  async store(ctx: HttpContext) {
    const list = listOf(ctx)
    const adding = { regimeId: '', contactEmail: '', ...typedValues(ctx, NEW_ROW_FIELDS) }
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, list, errors, { adding: { code: '', label: '', ...adding } })

    const [invalid, input] = await newReferenceRowValidator(list).tryValidate(ctx.request.all(), {
      messagesProvider: referenceRowMessages,
    })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await addReferenceRow(list, ctx.auth.getUserOrFail(), input)
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', `« ${input.label} » a été ajouté à la liste « ${list.title} ».`)
    return backToList(ctx, list)
  }

  async update(ctx: HttpContext) {
    const list = listOf(ctx)
    const id = Number(ctx.params.id)
    const values = { label: '', contactEmail: '', ...typedValues(ctx, CHANGE_FIELDS) }
    const [invalid, input] = await referenceRowChangeValidator.tryValidate(ctx.request.all(), {
      messagesProvider: referenceRowMessages,
    })
    if (invalid) return refusal(ctx, list, fieldErrorsOf(invalid), { editing: { id, values } })

    const changed = await updateReferenceRow(list, id, ctx.auth.getUserOrFail(), input)
    ctx.session.flash(
      'success',
      changed ? `« ${input.label} » a été enregistré.` : REFERENCE_MESSAGES.nothingChanged
    )
    return backToList(ctx, list)
  }

  /** « Désactiver » sends active=0, « Réactiver » active=1 */
  async status(ctx: HttpContext) {
    const list = listOf(ctx)
    const active = ctx.request.input('active')
    if (!['0', '1', 0, 1, true, false].includes(active)) {
      throw new StudioRuleError({ active: 'Choisissez « Désactiver » ou « Réactiver ».' })
    }
    const activate = active === '1' || active === 1 || active === true
    await setReferenceRowActive(list, Number(ctx.params.id), ctx.auth.getUserOrFail(), activate)
    ctx.session.flash(
      'success',
      activate
        ? 'L’élément est réactivé : il est de nouveau proposé dans les formulaires.'
        : 'L’élément est désactivé : il n’est plus proposé, les dossiers qui l’ont le gardent.'
    )
    return backToList(ctx, list)
  }

  /** S1 a caisse › « Rattacher » an existing caisse administrator */
  async attachAdministrator(ctx: HttpContext) {
    const caisseId = Number(ctx.params.id)
    const [invalid, input] = await caisseAdministratorChoiceValidator.tryValidate(
      ctx.request.all(),
      { messagesProvider: caisseAdministratorMessages }
    )
    const refuse = (errors: Record<string, string>) =>
      refusal(ctx, REFERENCE_LISTS.caisses, errors, { administrators: { caisseId, values: null } })
    if (invalid) return refuse(fieldErrorsOf(invalid))
    try {
      await attachCaisseAdministrator(caisseId, input.userId, ctx.auth.getUserOrFail())
    } catch (error) {
      if (error instanceof StudioRuleError) return refuse(error.fieldErrors)
      throw error
    }
    ctx.session.flash('success', 'L’administrateur est rattaché à la caisse.')
    return backToList(ctx, REFERENCE_LISTS.caisses)
  }

  /** S1 a caisse › « Créer un administrateur »: a temporary password goes by mail */
  async createAdministrator(ctx: HttpContext) {
    const caisseId = Number(ctx.params.id)
    const values = {
      lastName: '',
      firstName: '',
      email: '',
      phone: '',
      login: '',
      ...typedValues(ctx, ADMINISTRATOR_FIELDS),
    }
    const [invalid, input] = await newCaisseAdministratorValidator.tryValidate(ctx.request.all(), {
      messagesProvider: caisseAdministratorMessages,
    })
    if (invalid) {
      return refusal(ctx, REFERENCE_LISTS.caisses, fieldErrorsOf(invalid), {
        administrators: { caisseId, values },
      })
    }
    const user = await createCaisseAdministrator(caisseId, ctx.auth.getUserOrFail(), input)
    ctx.session.flash(
      'success',
      `Le compte « ${user.login} » est créé : son mot de passe temporaire lui est envoyé par email.`
    )
    return backToList(ctx, REFERENCE_LISTS.caisses)
  }

  /** S1 a caisse › « Retirer » an administrator (their account stays) */
  async detachAdministrator(ctx: HttpContext) {
    await detachCaisseAdministrator(
      Number(ctx.params.id),
      Number(ctx.params.userId),
      ctx.auth.getUserOrFail()
    )
    ctx.session.flash('success', 'L’administrateur n’est plus rattaché à la caisse.')
    return backToList(ctx, REFERENCE_LISTS.caisses)
  }
}

function listOf({ params }: HttpContext): ReferenceList {
  const list = referenceList(params.liste)
  if (!list) throw new StudioNotFoundError('Cette liste n’existe pas.')
  return list
}

function backToList({ response }: HttpContext, list: ReferenceList) {
  return response.redirect().withQs({ liste: list.key }).toPath(REFERENCE_PATH)
}

async function refusal(
  { response, inertia }: HttpContext,
  list: ReferenceList,
  errors: Record<string, string>,
  typed: Partial<ReferenceDataPageProps['typed']>
) {
  response.status(422)
  return inertia.render('studio/reference_data', {
    ...(await referenceDataPageProps(list, typed)),
    errors,
  })
}
