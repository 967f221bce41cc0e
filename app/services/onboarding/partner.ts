import { randomBytes } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import Convention from '#models/convention'
import User from '#models/user'
import engine from '#workflow/engine'
import { WorkflowEventRejectedError } from '#workflow/errors'
import { loginKey, normalisePhone } from '#validators/rules/fields'
import { SYSTEM_ACTOR, USER_LIFECYCLE } from '#services/accounts/lifecycle'
import { preparedTemporaryPassword } from '#services/accounts/password_generator'
import type { WorkflowDefinitionBody } from '#workflow/types'
import { conventionCodeIsTaken, isConventionCodeTaken } from '#services/administration/conventions'

/**
 * R6 « Valider »: what a validated pre-registration creates. Everything runs
 * on the transaction the engine hands its effect actions, so the partner,
 * its address, its convention, its administrator, the administrator's
 * user-lifecycle record, the mail with the temporary password and the
 * pre-registration's own state commit together, or not at all.
 */

/** The record's data as the SUBMIT form stored it (workflows/preinscription.json) */
export interface PreinscriptionData {
  caisse: number
  conventionCode: string
  conventionType?: number | null
  partnerType: number
  partnerName: string
  siret?: string | null
  partnerEmail?: string | null
  partnerPhone?: string | null
  adminLastName: string
  adminFirstName: string
  adminLogin: string
  adminPhone: string
  adminEmail: string
  recipient?: string | null
  postalCode: string
  city: string
  street?: string | null
  complement?: string | null
  poBox?: string | null
}

export interface OnboardedPartner {
  partner: Partner
  address: PartnerAddress
  convention: Convention
  administrator: User
  lifecycleInstanceId: number
}

/** What the caisse administrator reads when the login was taken after the submission */
export function loginTakenMessage(login: string) {
  return (
    `Le login « ${login} » choisi par le demandeur est désormais utilisé par un autre compte du portail : ` +
    'la préinscription ne peut pas être validée. Invalidez-la en indiquant ce motif : ' +
    'le partenaire devra saisir à nouveau le formulaire avec un autre login.'
  )
}

/**
 * What the caisse administrator reads when the convention code was taken at
 * the caisse (a pending or validated convention, any partner, any case)
 * after the submission
 */
export function conventionCodeTakenMessage(code: string) {
  return (
    `Le code convention « ${code} » est désormais utilisé par une autre convention de cette caisse ` +
    '(en attente de validation ou validée) : la préinscription ne peut pas être validée. ' +
    'Invalidez-la en indiquant ce motif : le partenaire devra saisir à nouveau le formulaire ' +
    'avec le code convention transmis par la caisse.'
  )
}

/** The effect action of R6 « Valider » (app/workflow_actions/preinscription.ts) */
const CREATES_PARTNER = 'createPartnerFromPreinscription'

/**
 * Does `event` create a partner, hence its administrator and a temporary
 * password, in this definition (R6 « Valider »)? The caller then draws and
 * hashes that password before the decision's transaction opens
 * (prepareTemporaryPassword, withPreparedTemporaryPassword): scrypt costs
 * ~0.8 s, too long to hold the record's lock.
 */
export function eventCreatesPartner(body: Pick<WorkflowDefinitionBody, 'machine'>, event: string) {
  return Object.values(body.machine.states ?? {}).some((state) =>
    JSON.stringify((state as { on?: Record<string, unknown> }).on?.[event] ?? null).includes(
      `"${CREATES_PARTNER}"`
    )
  )
}

const text = (value: unknown) =>
  value === undefined || value === null || String(value).trim() === '' ? null : String(value).trim()

/** Reads the record's context; a missing mandatory value is a programming error, not a 422 */
export function preinscriptionDataOf(context: Record<string, unknown>): PreinscriptionData {
  const required = (key: string) => {
    const value = text(context[key])
    if (value === null) throw new Error(`Pre-registration without "${key}"`)
    return value
  }
  const conventionType = text(context.conventionType)
  return {
    caisse: Number(required('caisse')),
    conventionCode: required('conventionCode'),
    conventionType: conventionType === null ? null : Number(conventionType),
    partnerType: Number(required('partnerType')),
    partnerName: required('partnerName'),
    siret: text(context.siret),
    partnerEmail: text(context.partnerEmail),
    partnerPhone: text(context.partnerPhone),
    adminLastName: required('adminLastName'),
    adminFirstName: required('adminFirstName'),
    adminLogin: required('adminLogin'),
    adminPhone: required('adminPhone'),
    adminEmail: required('adminEmail'),
    recipient: text(context.recipient),
    postalCode: required('postalCode'),
    city: required('city'),
    street: text(context.street),
    complement: text(context.complement),
    poBox: text(context.poBox),
  }
}

/** A stored phone is "nn nn nn nn nn" (the form already normalised it; older records may not be) */
function phone(value: string | null | undefined) {
  if (!value) return null
  return normalisePhone(value) ?? value
}

/**
 * Is the login free, ignoring case? Deleted accounts keep theirs (a login is
 * never given twice), as on submit (loginAvailableRule).
 */
async function loginIsFree(trx: TransactionClientContract, login: string) {
  const taken = await trx.from('users').where('login_key', loginKey(login)).first()
  return !taken
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string }).code ?? ''
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT')
}

export default class OnboardingPartnerService {
  /**
   * Creates the partner and everything that goes with it from a validated
   * pre-registration. Refuses (WorkflowEventRejectedError, 422 on the
   * back-office item page, nothing created) when the administrator's login
   * or the convention code (at the caisse) was taken since the submission.
   */
  async createFromPreinscription(
    trx: TransactionClientContract,
    data: PreinscriptionData
  ): Promise<OnboardedPartner> {
    if (!(await loginIsFree(trx, data.adminLogin))) {
      throw new WorkflowEventRejectedError(loginTakenMessage(data.adminLogin))
    }
    if (await conventionCodeIsTaken(trx, data.caisse, data.conventionCode)) {
      throw new WorkflowEventRejectedError(conventionCodeTakenMessage(data.conventionCode))
    }

    const partner = await Partner.create(
      {
        name: data.partnerName,
        siret: data.siret ?? null,
        email: data.partnerEmail ?? null,
        phone: phone(data.partnerPhone),
        partnerTypeId: data.partnerType,
      },
      { client: trx }
    )
    const address = await PartnerAddress.create(
      {
        partnerId: partner.id,
        /** « Raison sociale »: the partner's name, fixed at registration (M7) */
        companyName: data.partnerName,
        recipient: data.recipient ?? data.partnerName,
        street: data.street ?? null,
        complement: data.complement ?? null,
        poBox: data.poBox ?? null,
        postalCode: data.postalCode,
        city: data.city,
      },
      { client: trx }
    )
    let convention: Convention
    try {
      convention = await Convention.create(
        {
          partnerId: partner.id,
          caisseId: data.caisse,
          conventionTypeId: data.conventionType ?? null,
          code: data.conventionCode,
          state: 'validated',
        },
        { client: trx }
      )
    } catch (error) {
      /** Taken between the check and the insert (a partner adding it): same refusal */
      if (isConventionCodeTaken(error)) {
        throw new WorkflowEventRejectedError(conventionCodeTakenMessage(data.conventionCode))
      }
      throw error
    }
    const { administrator, lifecycleInstanceId } = await this.createAdministrator(
      trx,
      partner,
      data
    )
    return { partner, address, convention, administrator, lifecycleInstanceId }
  }

  /**
   * The partner's administrator, with its user-lifecycle record moved from
   * "invited" to "password change required" by SEND_INVITATION: the
   * lifecycle's own action (issueTemporaryPassword) draws the temporary
   * password, stores its hash with its expiry and queues the mail. Same
   * steps as AccountLifecycleService.createWithTemporaryPassword, on the
   * engine's transaction (that service opens its own).
   */
  private async createAdministrator(
    trx: TransactionClientContract,
    partner: Partner,
    data: PreinscriptionData
  ) {
    let administrator: User
    try {
      administrator = await User.create(
        {
          login: data.adminLogin,
          lastName: data.adminLastName,
          firstName: data.adminFirstName,
          email: data.adminEmail,
          phone: phone(data.adminPhone),
          role: 'partner_admin',
          partnerId: partner.id,
          /**
           * The temporary password prepared before the transaction (its hash
           * is stored, nothing is hashed here), which the invitation below
           * draws again; without one, an unusable random password until the
           * invitation draws the real one
           */
          password: preparedTemporaryPassword()?.password ?? randomBytes(32).toString('base64url'),
          mustChangePassword: true,
        },
        { client: trx }
      )
    } catch (error) {
      /** Taken between the check and the insert (another validation): same refusal */
      if (isUniqueViolation(error)) {
        throw new WorkflowEventRejectedError(loginTakenMessage(data.adminLogin))
      }
      throw error
    }
    const instance = await engine.start(
      USER_LIFECYCLE,
      {
        subjectType: 'user',
        subjectId: administrator.id,
        partnerId: partner.id,
        context: { login: administrator.login, email: administrator.email, isAdmin: true },
      },
      SYSTEM_ACTOR,
      { client: trx }
    )
    await engine.send(instance.id, { type: 'SEND_INVITATION' }, SYSTEM_ACTOR, { client: trx })
    return { administrator, lifecycleInstanceId: instance.id }
  }
}
