import db from '@adonisjs/lucid/services/db'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import Regime from '#models/regime'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import engine, { START_EVENT } from '#workflow/engine'
import { recordAuditEvent } from '#services/administration/audit'
import { AdministrationRuleError } from '#services/administration/errors'
import { lockedPartner } from '#services/administration/partner'
import { actorOfUser } from '#services/workflow/access'
import { formatParisDateTime, isoParisDateTime } from '#services/back_office/format'

/**
 * M8 « Conventions » › « Valider »: a partner administrator adds a
 * convention of their own partner with a caisse. The convention row
 * (« en attente de validation ») and its `convention` workflow record,
 * routed to that caisse and this partner, are created in one transaction
 * with the audit row: the caisse sees it in « Dossiers à traiter », and its
 * decision sets the convention's state (app/workflow_actions/convention.ts).
 * M6: nothing here changes an existing convention.
 */

export const CONVENTION_FIELDS = ['regimeId', 'caisseId', 'conventionTypeId', 'code'] as const
export type ConventionField = (typeof CONVENTION_FIELDS)[number]
export type NewConventionInput = Record<ConventionField, string>

export const CONVENTION_MESSAGES = {
  regimeUnknown: 'La valeur choisie pour « Régime » n’existe pas.',
  caisseNotInRegime: 'La caisse choisie ne fait pas partie du régime choisi.',
  typeUnknown: 'La valeur choisie pour « Type de convention » n’existe pas.',
  codeTaken:
    'Ce code convention existe déjà pour cette caisse : vérifiez le code transmis par la caisse de retraite.',
}

export type Option = { value: string; label: string }

/** The lists of the form: active régimes, their active caisses, the convention types */
export type ConventionChoices = {
  regimes: Option[]
  caissesByRegime: Record<string, Option[]>
  types: Option[]
}

export async function conventionChoices(): Promise<ConventionChoices> {
  const [regimes, caisses, types] = await Promise.all([
    Regime.query().where('active', true).orderBy('name'),
    Caisse.query().where('active', true).orderBy('name'),
    ConventionType.query().orderBy('label'),
  ])
  const caissesByRegime: Record<string, Option[]> = {}
  for (const caisse of caisses) {
    ;(caissesByRegime[String(caisse.regimeId)] ??= []).push({
      value: String(caisse.id),
      label: caisse.name,
    })
  }
  return {
    regimes: regimes.map((regime) => ({ value: String(regime.id), label: regime.name })),
    caissesByRegime,
    types: types.map((type) => ({ value: String(type.id), label: type.label })),
  }
}

/**
 * Adds the convention and starts its record, or throws AdministrationRuleError
 * (422, nothing written). A code is taken at a caisse while a convention
 * with it (any partner, any case) is pending or validated there; an
 * invalidated one can be entered again once corrected.
 */
export async function addConvention(partnerId: number, actor: User, input: NewConventionInput) {
  const workflowActor = await actorOfUser(actor)
  return db.transaction(async (trx) => {
    const partner = await lockedPartner(trx, partnerId)
    const regime = await Regime.query({ client: trx })
      .where('id', Number(input.regimeId))
      .where('active', true)
      .first()
    if (!regime) throw new AdministrationRuleError({ regimeId: CONVENTION_MESSAGES.regimeUnknown })
    const caisse = await Caisse.query({ client: trx })
      .where('id', Number(input.caisseId))
      .where('regime_id', regime.id)
      .where('active', true)
      .first()
    if (!caisse) {
      throw new AdministrationRuleError({ caisseId: CONVENTION_MESSAGES.caisseNotInRegime })
    }
    const type = await ConventionType.find(Number(input.conventionTypeId), { client: trx })
    if (!type) {
      throw new AdministrationRuleError({ conventionTypeId: CONVENTION_MESSAGES.typeUnknown })
    }
    const code = input.code.trim()
    const taken = await Convention.query({ client: trx })
      .where('caisse_id', caisse.id)
      .whereIn('state', ['pending', 'validated'])
      .whereRaw('LOWER(code) = ?', [code.toLowerCase()])
      .first()
    if (taken) throw new AdministrationRuleError({ code: CONVENTION_MESSAGES.codeTaken })

    const convention = await Convention.create(
      {
        partnerId: partner.id,
        caisseId: caisse.id,
        conventionTypeId: type.id,
        code,
        state: 'pending',
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actorId: actor.id,
      partnerId: partner.id,
      subjectType: 'convention',
      subjectId: convention.id,
      action: 'create',
      changes: {
        regime: { before: null, after: regime.name },
        caisse: { before: null, after: caisse.name },
        type: { before: null, after: type.label },
        code: { before: null, after: code },
      },
    })
    const instance = await engine.start(
      'convention',
      {
        caisseId: caisse.id,
        partnerId: partner.id,
        subjectType: 'convention',
        subjectId: convention.id,
        context: {
          conventionCode: code,
          caisseName: caisse.name,
          conventionType: type.label,
          partnerName: partner.name,
        },
      },
      workflowActor,
      { client: trx }
    )
    return { convention, instance }
  })
}

/** One line of a convention's workflow history, as the tab shows it */
export type ConventionEvent = {
  /** « 30/11/2026 à 11:02 », Paris time */
  at: string
  atIso: string
  actor: string
  action: string
}

const EVENT_LABELS: Record<string, string> = {
  [START_EVENT]: 'Ajout de la convention, en attente de validation par la caisse',
  VALIDATE: 'Convention validée par la caisse',
  INVALIDATE: 'Convention invalidée par la caisse',
}

const ROLE_LABELS: Record<string, string> = {
  partner_admin: 'administrateur partenaire',
  caisse_admin: 'administrateur caisse',
  system: 'application',
}

/** Latest events shown per convention */
export const CONVENTION_EVENTS_SHOWN = 5

/**
 * The latest events of each convention's workflow record (workflow_transitions),
 * newest first, by convention id. Conventions without a record (entered at
 * registration) have none.
 */
export async function conventionEvents(
  conventionIds: number[]
): Promise<Map<number, ConventionEvent[]>> {
  const events = new Map<number, ConventionEvent[]>()
  if (!conventionIds.length) return events
  const instances = await WorkflowInstance.query()
    .where('subject_type', 'convention')
    .whereIn('subject_id', conventionIds)
    .select('id', 'subject_id')
  if (!instances.length) return events
  const conventionOf = new Map(instances.map((instance) => [instance.id, instance.subjectId!]))
  const transitions = await WorkflowTransition.query()
    .whereIn(
      'instance_id',
      instances.map((instance) => instance.id)
    )
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
  const actorIds = [
    ...new Set(transitions.map((row) => row.actorId).filter((id): id is number => id !== null)),
  ]
  const actors = new Map(
    (actorIds.length ? await User.query().whereIn('id', actorIds) : []).map((user) => [
      user.id,
      user,
    ])
  )
  for (const transition of transitions) {
    const conventionId = Number(conventionOf.get(transition.instanceId))
    const list = events.get(conventionId) ?? []
    if (list.length >= CONVENTION_EVENTS_SHOWN) continue
    const user = transition.actorId === null ? undefined : actors.get(transition.actorId)
    const role = ROLE_LABELS[transition.actorRole] ?? transition.actorRole
    const reason =
      transition.event === 'INVALIDATE' && typeof transition.payload?.reason === 'string'
        ? ` : ${transition.payload.reason}`
        : ''
    list.push({
      at: formatParisDateTime(transition.createdAt),
      atIso: isoParisDateTime(transition.createdAt),
      actor: user
        ? `${user.firstName} ${user.lastName} (${role})`
        : transition.actorRole === 'system'
          ? 'Application'
          : `Compte supprimé (${role})`,
      action: `${EVENT_LABELS[transition.event] ?? transition.event}${reason}`,
    })
    events.set(conventionId, list)
  }
  return events
}
