import { retriedTransaction } from '#database/transactions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Caisse from '#models/caisse'
import Convention from '#models/convention'
import ConventionType from '#models/convention_type'
import Regime from '#models/regime'
import type User from '#models/user'
import engine from '#workflow/engine'
import { recordAuditEvent } from '#services/audit/trail'
import { AdministrationRuleError } from '#services/administration/errors'
import { lockedPartner } from '#services/administration/partner'
import { actorOfUser } from '#services/workflow/access'
import { isUniqueViolation } from '#database/errors'

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

/**
 * The unique index of database/migrations/0061_unique_convention_codes.ts:
 * (caisse_id, lower-cased code) over the pending and validated conventions.
 */
export const CONVENTION_CODE_INDEX = 'conventions_caisse_code_unique'

/**
 * Is this error the database refusing a second counted convention with the
 * same code at a caisse (SQLite SQLITE_CONSTRAINT_UNIQUE, MySQL/MariaDB
 * ER_DUP_ENTRY 1062 on CONVENTION_CODE_INDEX)? The check before the insert
 * cannot see a concurrent request's uncommitted row; the index can.
 */
export function isConventionCodeTaken(error: unknown) {
  return isUniqueViolation(error, CONVENTION_CODE_INDEX)
}

/** Is the code taken at the caisse (a pending or validated convention, any case)? */
export async function conventionCodeIsTaken(
  trx: TransactionClientContract,
  caisseId: number,
  code: string
) {
  const taken = await Convention.query({ client: trx })
    .where('caisse_id', caisseId)
    .whereIn('state', ['pending', 'validated'])
    .whereRaw('LOWER(code) = ?', [code.toLowerCase()])
    .first()
  return taken !== null
}

/**
 * Adds the convention and starts its record, or throws AdministrationRuleError
 * (422, nothing written). A code is taken at a caisse while a convention
 * with it (any partner, any case) is pending or validated there; an
 * invalidated one can be entered again once corrected.
 */
export async function addConvention(partnerId: number, actor: User, input: NewConventionInput) {
  const workflowActor = await actorOfUser(actor)
  return retriedTransaction(async (trx) => {
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
    const type = await ConventionType.query({ client: trx })
      .where('id', Number(input.conventionTypeId))
      .where('active', true)
      .first()
    if (!type) {
      throw new AdministrationRuleError({ conventionTypeId: CONVENTION_MESSAGES.typeUnknown })
    }
    const code = input.code.trim()
    if (await conventionCodeIsTaken(trx, caisse.id, code)) {
      throw new AdministrationRuleError({ code: CONVENTION_MESSAGES.codeTaken })
    }

    let convention: Convention
    try {
      convention = await Convention.create(
        {
          partnerId: partner.id,
          caisseId: caisse.id,
          conventionTypeId: type.id,
          code,
          state: 'pending',
        },
        { client: trx }
      )
    } catch (error) {
      /** Another partner's request with the same code committed in between: same 422 */
      if (isConventionCodeTaken(error)) {
        throw new AdministrationRuleError({ code: CONVENTION_MESSAGES.codeTaken })
      }
      throw error
    }
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
