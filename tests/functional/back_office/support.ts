import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Caisse from '#models/caisse'
import Partner from '#models/partner'
import PartnerType from '#models/partner_type'
import User from '#models/user'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import CaptchaService, { NUMBERS_IN_WORDS } from '#services/captcha/captcha'
import engine from '#workflow/engine'
import { ConventionFactory } from '#database/factories/convention_factory'
import { publishDefinition } from '#workflow/definition_store'
import { validateDefinition } from '#workflow/static_validator'
import type { WorkflowActor, WorkflowDefinitionBody } from '#workflow/types'

/**
 * Shared set-up of the back-office tests (not a spec file). Records are
 * created through the engine, as the journeys create them: never by
 * inserting workflow rows.
 */

const visitor: WorkflowActor = { id: null, role: 'visitor', partnerId: null, caisseIds: [] }
const system: WorkflowActor = { id: null, role: 'system', partnerId: null, caisseIds: [] }

let counter = 0
/** A unique suffix for logins, names and codes */
export function unique() {
  counter++
  return `${Date.now().toString(36)}${counter}`
}

/** A SIRET with a valid Luhn key from 13 digits */
export function siretFrom(prefix: string) {
  const digits = prefix.padStart(13, '0').slice(-13)
  for (let key = 0; key <= 9; key++) {
    const candidate = `${digits}${key}`
    let sum = 0
    for (let index = 0; index < 14; index++) {
      let digit = Number(candidate[13 - index])
      if (index % 2 === 1) {
        digit *= 2
        if (digit > 9) digit -= 9
      }
      sum += digit
    }
    if (sum % 10 === 0) return candidate
  }
  throw new Error('unreachable')
}

/** A solved captcha challenge, through its accessible question (« Combien font … ») */
async function solvedCaptcha() {
  const challenge = await new CaptchaService().issue()
  const match = /Combien font (.+) plus (.+) \?/.exec(challenge.question)
  if (!match) throw new Error(`Unexpected captcha question: ${challenge.question}`)
  const answer = NUMBERS_IN_WORDS.indexOf(match[1]) + NUMBERS_IN_WORDS.indexOf(match[2])
  return { id: challenge.id, answer: String(answer) }
}

export async function caisse(code: string) {
  return Caisse.findByOrFail('code', code)
}

/** A caisse administrator of the given caisses */
export async function caisseAdmin(caisseCodes: string[], login = `caisse${unique()}`) {
  const user = await User.create({
    login,
    lastName: 'ADMIN',
    firstName: 'Caisse',
    email: `${login.toLowerCase()}@caisse.test`,
    password: 'Secret2026',
    role: 'caisse_admin',
  })
  const caisses = await Promise.all(caisseCodes.map((code) => caisse(code)))
  await user.related('caisses').attach(caisses.map((row) => row.id))
  return user
}

export interface PreinscriptionData {
  caisseCode?: string
  partnerName?: string
  siret?: string
  conventionCode?: string
}

/** R1–R5 as a visitor: conditions, convention code, form; the record waits for the caisse */
export async function submittedPreinscription(data: PreinscriptionData = {}) {
  const target = await caisse(data.caisseCode ?? 'CARSAT-HDF')
  const partnerType = await PartnerType.query().orderBy('id').firstOrFail()
  const suffix = unique()
  const instance = await engine.start('preinscription', {}, visitor)
  await engine.send(
    instance.id,
    { type: 'ACCEPT_CONDITIONS', payload: { accepted: 'on' } },
    visitor
  )
  await engine.send(instance.id, { type: 'CONFIRM_CONVENTION_CODE' }, visitor)
  const definition = await engine.definitionById(instance.definitionId)
  const payload: Record<string, unknown> = {
    regime: String(target.regimeId),
    caisse: String(target.id),
    conventionCode: data.conventionCode ?? `CV${suffix}`.slice(0, 30),
    partnerType: String(partnerType.id),
    partnerName: data.partnerName ?? `Association ${suffix}`,
    siret: data.siret ?? siretFrom(String(Date.now()).slice(-9) + String(counter).padStart(4, '0')),
    partnerPhone: '03 21 00 00 00',
    adminLastName: 'GRIZZI',
    adminFirstName: 'Alexandre',
    adminLogin: `adm${suffix}`.slice(0, 50),
    adminPhone: '06 12 34 56 78',
    adminEmail: `adm${suffix}@example.fr`,
    postalCode: '62000',
    city: 'Arras',
  }
  for (const field of definition.body.forms.SUBMIT.fields) {
    if (field.type !== 'captcha') continue
    const { id, answer } = await solvedCaptcha()
    /** The answer and the challenge's id, as the journey's form posts them */
    const compiler: { captchaIdKey?: (name: string) => string } =
      await import('#workflow/form_compiler')
    if (compiler.captchaIdKey) {
      payload[field.name] = answer
      payload[compiler.captchaIdKey(field.name)] = id
    } else {
      payload[field.name] = { id, answer }
    }
  }
  try {
    await engine.send(instance.id, { type: 'SUBMIT', payload }, visitor)
  } catch (error) {
    /** Say which field the current definition refused */
    const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors
    if (fieldErrors) throw new Error(`SUBMIT refused: ${JSON.stringify(fieldErrors)}`)
    throw error
  }
  return WorkflowInstance.findOrFail(instance.id)
}

/** M8: a convention added to a partner, waiting for its caisse */
export async function pendingConvention(
  data: { caisseCode?: string; conventionCode?: string; partnerName?: string; siret?: string } = {}
) {
  const target = await caisse(data.caisseCode ?? 'CARSAT-HDF')
  const partnerType = await PartnerType.query().orderBy('id').firstOrFail()
  const suffix = unique()
  const partner = await Partner.create({
    name: data.partnerName ?? `Partenaire ${suffix}`,
    siret: data.siret ?? siretFrom(String(Date.now()).slice(-9) + String(counter).padStart(4, '0')),
    email: `contact${suffix}@partenaire.test`,
    phone: '03 21 00 00 00',
    partnerTypeId: partnerType.id,
  })
  /** The convention row the record decides (M8 creates both) */
  const convention = await ConventionFactory.apply('pending')
    .merge({
      partnerId: partner.id,
      caisseId: target.id,
      code: data.conventionCode ?? `CONV${suffix}`.slice(0, 30),
    })
    .create()
  return engine.start(
    'convention',
    {
      caisseId: target.id,
      partnerId: partner.id,
      subjectId: convention.id,
      context: {
        conventionCode: convention.code,
        caisseName: target.name,
        notifyEmail: partner.email,
      },
    },
    system
  )
}

export async function auditRows(instanceId: number) {
  return WorkflowTransition.query().where('instance_id', instanceId).orderBy('seq')
}

export const PIECES_TITLE = 'Pièces complémentaires demandées'

/** A definition of workflows/, as shipped, to change as an analyst would */
async function shippedDefinition(key: string) {
  return JSON.parse(
    await readFile(app.makePath(`workflows/${key}.json`), 'utf8')
  ) as WorkflowDefinitionBody
}

/** workflows/convention.json with the new state, as the studio would publish it */
export async function conventionWithPieces(): Promise<WorkflowDefinitionBody> {
  const body = await shippedDefinition('convention')
  const states = body.machine.states as Record<string, any>
  states.pending.on.DEMANDER_PIECES = { target: 'pieces_demandees' }
  states.pieces_demandees = { on: { TRANSMETTRE_PIECES: { target: 'pending' } } }
  body.forms.DEMANDER_PIECES = {
    submitLabel: 'Demander des pièces',
    fields: [
      {
        name: 'message',
        label: 'Message au partenaire',
        type: 'textarea',
        required: true,
        maxLength: 2000,
      },
      {
        name: 'requestedType',
        label: 'Type de convention concerné',
        type: 'select',
        source: 'convention_types',
      },
      { name: 'urgent', label: 'Demande urgente', type: 'checkbox' },
    ],
  }
  body.permissions.DEMANDER_PIECES = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.TRANSMETTRE_PIECES = [{ role: 'partner_admin', scope: 'instance_partner' }]
  body.events = {
    ...body.events,
    DEMANDER_PIECES: { label: 'Demander des pièces' },
    TRANSMETTRE_PIECES: { label: 'Transmettre les pièces' },
  }
  body.screens.pieces_demandees = { page: 'workflow/status', title: PIECES_TITLE }
  return body
}

/**
 * S4 publishes a version through the store, as « Publier » does, after the
 * static validator found nothing; returns its id
 */
export async function publishChecked(body: WorkflowDefinitionBody) {
  const problems = await validateDefinition(body)
  if (problems.length) throw new Error(`Invalid definition: ${JSON.stringify(problems)}`)
  const outcome = await publishDefinition(body, { author: 'analyste' })
  if (outcome.status !== 'published') throw new Error(`Not published: ${outcome.status}`)
  return outcome.definition.id
}

/** The version of « convention » with the new state, published */
export async function publishConventionWithPieces() {
  return publishChecked(await conventionWithPieces())
}

export const PIECES_MAIL_TEMPLATE = 'pieces_demandees'

/**
 * Scenario 4 on « preinscription », as an analyst builds it in the studio:
 * the caisse's « Demander des pièces » (a message) mails the applicant
 * their personal link; the applicant, a visitor, answers with
 * « Transmettre les pièces » and the record waits for the caisse again.
 */
export async function preinscriptionWithPieces(): Promise<WorkflowDefinitionBody> {
  const body = await shippedDefinition('preinscription')
  const states = body.machine.states as Record<string, any>
  states.submitted.on.DEMANDER_PIECES = {
    target: 'pieces_demandees',
    actions: [
      {
        type: 'sendPersonalLink',
        params: { template: PIECES_MAIL_TEMPLATE, to: 'context.adminEmail', days: 5 },
      },
    ],
  }
  states.pieces_demandees = { on: { TRANSMETTRE_PIECES: { target: 'submitted' } } }
  body.forms.DEMANDER_PIECES = {
    submitLabel: 'Demander des pièces',
    fields: [
      {
        name: 'message',
        label: 'Pièces demandées',
        type: 'textarea',
        required: true,
        maxLength: 2000,
      },
    ],
  }
  body.forms.TRANSMETTRE_PIECES = {
    submitLabel: 'Transmettre les pièces',
    fields: [
      {
        name: 'pieces',
        label: 'Votre réponse',
        type: 'textarea',
        required: true,
        maxLength: 4000,
      },
    ],
  }
  body.permissions.DEMANDER_PIECES = [{ role: 'caisse_admin', scope: 'instance_caisse' }]
  body.permissions.TRANSMETTRE_PIECES = [{ role: 'visitor', scope: 'any' }]
  body.events = {
    ...body.events,
    DEMANDER_PIECES: { label: 'Demander des pièces' },
    TRANSMETTRE_PIECES: { label: 'Transmettre les pièces' },
  }
  body.screens.pieces_demandees = {
    page: 'workflow/step',
    title: PIECES_TITLE,
    text: 'La caisse a besoin de pièces complémentaires pour décider : répondez-lui ci-dessous.',
    display: ['partnerName', 'message'],
  }
  body.notifications[PIECES_MAIL_TEMPLATE] = {
    subject: 'PPAS – Pièces complémentaires pour « {{partnerName}} »',
    text: 'Bonjour {{adminFirstName}} {{adminLastName}},\n\nPour décider de la préinscription de « {{partnerName}} », la caisse vous demande :\n{{message}}\n\nRépondez depuis votre lien personnel, valable jusqu’au {{lienValableJusquau}} :\n{{lienPersonnel}}\n\nLe Portail Partenaires Action Sociale',
  }
  return body
}

/** Scenario 4's version of « preinscription », published */
export async function publishPreinscriptionWithPieces() {
  return publishChecked(await preinscriptionWithPieces())
}
