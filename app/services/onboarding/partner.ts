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
import type { FillCatalogue, FilledObjects } from '#workflow/registry'
import { conventionCodeIsTaken, isConventionCodeTaken } from '#services/administration/conventions'
import { isUniqueViolation } from '#database/errors'

/**
 * R6 « Valider »: what a validated pre-registration creates. Everything runs
 * on the transaction the engine hands its effect actions, so the partner,
 * its address, its convention, its administrator, the administrator's
 * user-lifecycle record, the mail with the temporary password and the
 * pre-registration's own state commit together, or not at all.
 */

/**
 * The domain objects a validated pre-registration creates, and their
 * attributes (the columns of their tables): what
 * createPartnerFromPreinscription may fill, and which attributes it cannot
 * do without. The definition says from which keys of the record's data
 * (params.fills, docs/workflow-definitions.md); the static validator checks
 * the mapping against this catalogue.
 */
export const ONBOARDING_TARGETS = {
  partner: {
    label: 'le partenaire',
    attributes: {
      name: { label: 'Nom', required: true },
      siret: { label: 'SIRET' },
      email: { label: 'Email' },
      phone: { label: 'Téléphone' },
      partnerTypeId: { label: 'Type partenaire', required: true },
    },
  },
  address: {
    label: "l'adresse du partenaire",
    attributes: {
      companyName: { label: 'Raison sociale', required: true },
      recipient: { label: 'Identité destinataire' },
      street: { label: 'Voie' },
      complement: { label: "Complément d'adresse" },
      poBox: { label: 'Boîte postale' },
      postalCode: { label: 'Code postal', required: true },
      city: { label: 'Nom commune', required: true },
    },
  },
  convention: {
    label: 'la convention',
    attributes: {
      caisseId: { label: 'Caisse', required: true },
      code: { label: 'Code convention', required: true },
      conventionTypeId: { label: 'Type de convention' },
    },
  },
  administrator: {
    label: "l'administrateur du partenaire",
    attributes: {
      login: { label: 'Login', required: true },
      lastName: { label: 'Nom', required: true },
      firstName: { label: 'Prénom', required: true },
      phone: { label: 'Téléphone' },
      email: { label: 'Email', required: true },
    },
  },
} satisfies FillCatalogue

/** What a validated pre-registration creates, attribute by attribute (ONBOARDING_TARGETS) */
export interface OnboardingValues {
  partner: {
    name: string
    siret: string | null
    email: string | null
    phone: string | null
    partnerTypeId: number
  }
  address: {
    companyName: string
    recipient: string | null
    street: string | null
    complement: string | null
    poBox: string | null
    postalCode: string
    city: string
  }
  convention: { caisseId: number; code: string; conventionTypeId: number | null }
  administrator: {
    login: string
    lastName: string
    firstName: string
    phone: string | null
    email: string
  }
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

/** A required attribute: readFills() has already refused a record without it */
const requiredText = (value: unknown) => text(value) ?? ''

/** A reference id (a select's value); none when not given */
const id = (value: unknown) => {
  const number = Number(text(value))
  return text(value) === null || !Number.isSafeInteger(number) ? null : number
}

/** A required reference: a record whose value is not an id is refused, never a 500 */
const requiredId = (value: unknown, label: string) => {
  const found = id(value)
  if (found === null) {
    throw new WorkflowEventRejectedError(
      `« ${label} » de ce dossier n'est pas un choix de la liste : la préinscription ne peut pas être validée.`
    )
  }
  return found
}

/**
 * The objects' values from what the definition's mapping read from the
 * record (readFills(ONBOARDING_TARGETS, params.fills, context)): texts
 * trimmed, an empty one null, ids as numbers.
 */
export function onboardingValuesOf(
  filled: FilledObjects<typeof ONBOARDING_TARGETS>
): OnboardingValues {
  const { partner, address, convention, administrator } = filled
  return {
    partner: {
      name: requiredText(partner.name),
      siret: text(partner.siret),
      email: text(partner.email),
      phone: text(partner.phone),
      partnerTypeId: requiredId(partner.partnerTypeId, 'Type partenaire'),
    },
    address: {
      companyName: requiredText(address.companyName),
      recipient: text(address.recipient),
      street: text(address.street),
      complement: text(address.complement),
      poBox: text(address.poBox),
      postalCode: requiredText(address.postalCode),
      city: requiredText(address.city),
    },
    convention: {
      caisseId: requiredId(convention.caisseId, 'Caisse'),
      code: requiredText(convention.code),
      conventionTypeId: id(convention.conventionTypeId),
    },
    administrator: {
      login: requiredText(administrator.login),
      lastName: requiredText(administrator.lastName),
      firstName: requiredText(administrator.firstName),
      phone: text(administrator.phone),
      email: requiredText(administrator.email),
    },
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

export default class OnboardingPartnerService {
  /**
   * Creates the partner and everything that goes with it from a validated
   * pre-registration. Refuses (WorkflowEventRejectedError, 422 on the
   * back-office item page, nothing created) when the administrator's login
   * or the convention code (at the caisse) was taken since the submission.
   */
  async createFromPreinscription(
    trx: TransactionClientContract,
    values: OnboardingValues
  ): Promise<OnboardedPartner> {
    const { administrator: admin, convention: wanted } = values
    if (!(await loginIsFree(trx, admin.login))) {
      throw new WorkflowEventRejectedError(loginTakenMessage(admin.login))
    }
    if (await conventionCodeIsTaken(trx, wanted.caisseId, wanted.code)) {
      throw new WorkflowEventRejectedError(conventionCodeTakenMessage(wanted.code))
    }

    const partner = await Partner.create(
      { ...values.partner, phone: phone(values.partner.phone) },
      { client: trx }
    )
    const address = await PartnerAddress.create(
      {
        ...values.address,
        partnerId: partner.id,
        /** « Identité destinataire »: the partner's name unless the record says otherwise */
        recipient: values.address.recipient ?? partner.name,
      },
      { client: trx }
    )
    let convention: Convention
    try {
      convention = await Convention.create(
        { ...wanted, partnerId: partner.id, state: 'validated' },
        { client: trx }
      )
    } catch (error) {
      /** Taken between the check and the insert (a partner adding it): same refusal */
      if (isConventionCodeTaken(error)) {
        throw new WorkflowEventRejectedError(conventionCodeTakenMessage(wanted.code))
      }
      throw error
    }
    const { administrator, lifecycleInstanceId } = await this.createAdministrator(
      trx,
      partner,
      admin
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
    data: OnboardingValues['administrator']
  ) {
    let administrator: User
    try {
      administrator = await User.create(
        {
          login: data.login,
          lastName: data.lastName,
          firstName: data.firstName,
          email: data.email,
          phone: phone(data.phone),
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
        throw new WorkflowEventRejectedError(loginTakenMessage(data.login))
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
