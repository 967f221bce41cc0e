import vine from '@vinejs/vine'
import registry, {
  defineContextAction,
  defineEffectAction,
  fillsParam,
  readFills,
  type FillsJson,
} from '#workflow/registry'
import OnboardingPartnerService, {
  ONBOARDING_TARGETS,
  onboardingValuesOf,
} from '#services/onboarding/partner'

/**
 * Domain actions of the pre-registration (workflows/preinscription.json),
 * FEATURES R1 and R5. The engine knows nothing of caisses: these name what
 * the definition needs and do it with the transaction the engine hands over.
 */

/**
 * R1: which version of the general conditions was accepted, and when. The
 * acceptance is the event that starts the record (the generic pages start
 * a record with its first event and give it `startedAt`, the time of that
 * request), so the time is read from the record: the action stays pure and
 * a simulation of the machine gives the same context as the engine.
 */
export const recordConditionsAcceptance = defineContextAction({
  description: 'Garde la version des conditions générales acceptée et la date d’acceptation',
  params: vine.object({ version: vine.string().minLength(1) }),
  contextKeys: () => ['conditionsVersion', 'conditionsAcceptedAt'],
  assign: ({ params, context }) => ({
    conditionsVersion: params.version,
    conditionsAcceptedAt: context.startedAt ?? null,
  }),
})

/**
 * R5: mails every administrator of the caisse the record is routed to
 * (users with role caisse_admin linked through caisse_user, not deleted).
 * Runs after setRoutingKeys in the same transition.
 */
export const notifyCaisseAdministrators = defineEffectAction({
  description:
    'Envoie un email (modèle des notifications) à chaque administrateur de la caisse du dossier',
  params: vine.object({ template: vine.string().minLength(1) }),
  templateParams: ['template'],
  templateVariables: {
    caisseName: { label: 'Nom de la caisse', sample: 'CARSAT Hauts-de-France' },
    recipientFirstName: { label: 'Prénom du destinataire', sample: 'Camille' },
    recipientLastName: { label: 'Nom du destinataire', sample: 'MARTIN' },
    instanceId: { label: 'Numéro du dossier', sample: '42' },
  },
  async run({ trx, params, instance, context, event, enqueueMail }) {
    const caisseId = instance.routing.caisseId
    if (caisseId === null) throw new Error('notifyCaisseAdministrators: the record has no caisse')
    const caisse = await trx.from('caisses').where('id', caisseId).select('name').first()
    const administrators: Array<{ email: string; first_name: string; last_name: string }> =
      await trx
        .from('users')
        .join('caisse_user', 'caisse_user.user_id', 'users.id')
        .where('caisse_user.caisse_id', caisseId)
        .where('users.role', 'caisse_admin')
        .whereNull('users.deleted_at')
        .orderBy('users.id')
        .select('users.email', 'users.first_name', 'users.last_name')
    for (const administrator of administrators) {
      enqueueMail(params.template, administrator.email, {
        ...context,
        ...event.payload,
        caisseName: caisse?.name ?? '',
        recipientFirstName: administrator.first_name,
        recipientLastName: administrator.last_name,
        instanceId: instance.id,
      })
    }
  },
})

/**
 * The mapping of the versions published before params.fills existed
 * (docs/decisions/0021-form-values-and-mappings.md): their records, still
 * waiting for the caisse, are validated as they were. A version published
 * since always declares its own (the validator requires it).
 */
export const LEGACY_FILLS: FillsJson = {
  partner: {
    name: 'partnerName',
    siret: 'siret',
    email: 'partnerEmail',
    phone: 'partnerPhone',
    partnerTypeId: 'partnerType',
  },
  address: {
    companyName: 'partnerName',
    recipient: 'recipient',
    street: 'street',
    complement: 'complement',
    poBox: 'poBox',
    postalCode: 'postalCode',
    city: 'city',
  },
  convention: { caisseId: 'caisse', code: 'conventionCode', conventionTypeId: 'conventionType' },
  administrator: {
    login: 'adminLogin',
    lastName: 'adminLastName',
    firstName: 'adminFirstName',
    phone: 'adminPhone',
    email: 'adminEmail',
  },
}

/**
 * R6 « Valider »: creates the partner, its address, its validated
 * convention and its administrator (user-lifecycle record in "password
 * change required", temporary password mailed), and routes the record to
 * the new partner. What each object takes from the record's data is the
 * definition's: params.fills maps each attribute of ONBOARDING_TARGETS to a
 * key of the record (an optional field left empty gives null). Refused with
 * a French message (422 on the back-office item page, nothing created) when
 * the login or the convention code was taken since the submission, or a
 * required attribute has no value. The temporary password is in no
 * context, payload or audit row: only in the outbox mail of the lifecycle
 * record.
 */
export const createPartnerFromPreinscription = defineEffectAction({
  description:
    'Crée le partenaire, son adresse, sa convention validée et son administrateur (mot de passe temporaire envoyé par email), remplis depuis les données du dossier selon « fills »',
  params: vine.object({ fills: fillsParam() }),
  fills: ONBOARDING_TARGETS,
  async run({ trx, params, context, setRouting }) {
    const filled = readFills(ONBOARDING_TARGETS, params.fills ?? LEGACY_FILLS, context)
    const { partner } = await new OnboardingPartnerService().createFromPreinscription(
      trx,
      onboardingValuesOf(filled)
    )
    setRouting({ partnerId: partner.id, subjectType: 'partner', subjectId: partner.id })
  },
})

registry
  .registerAction('recordConditionsAcceptance', recordConditionsAcceptance)
  .registerAction('notifyCaisseAdministrators', notifyCaisseAdministrators)
  .registerAction('createPartnerFromPreinscription', createPartnerFromPreinscription)
