import type { ApiClient, ApiRequest, ApiResponse } from '@japa/api-client'
import type { SessionData } from '@adonisjs/session/types'
import limiter from '@adonisjs/limiter/services/main'
import Caisse from '#models/caisse'
import Regime from '#models/regime'
import PartnerType from '#models/partner_type'
import { RECORD_STARTS_LIMITERS, RECORD_STARTS_LIMITS } from '#services/workflow/record_starts'

/** Shared set-up of the generic workflow page tests (not a spec file) */

export const CAPTCHA_TEST_CODE = process.env.CAPTCHA_TEST_CODE ?? 'TEST42'

/**
 * Forgets the record starts counted for the tests' one IP (issue 9 #6):
 * a spec that walks many journeys is not a visitor flooding the portal.
 * tests/functional/security/record_starts.spec.ts checks the throttle.
 */
export async function forgetRecordStarts() {
  const perIp = limiter.use(RECORD_STARTS_LIMITS.perIp)
  for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    await perIp.delete(`${RECORD_STARTS_LIMITERS.perIp}_ip_${ip}`)
  }
}

/**
 * A browser session seen from the API client: it keeps the session values
 * from one response to the next request, as a cookie would.
 */
export class Visitor {
  private session: SessionData = {}
  private flash: SessionData = {}

  constructor(private client: ApiClient) {}

  private async send(request: ApiRequest): Promise<ApiResponse> {
    const response = await request
      .withSession(this.session)
      .withFlashMessages(this.flash)
      .redirects(0)
    this.session = { ...response.session() }
    this.flash = { ...response.flashMessages() }
    return response
  }

  /** An Inertia visit of a page */
  visit(path: string) {
    return this.send(this.client.get(path).withInertia())
  }

  /** A form posted as JSON (errors come back as 422 JSON) */
  post(path: string, payload: Record<string, unknown> = {}) {
    return this.send(
      this.client.post(path).json(payload).withCsrfToken().header('accept', 'application/json')
    )
  }

  /** A form posted the way the Inertia page posts it */
  postInertia(path: string, payload: Record<string, unknown> = {}) {
    return this.send(this.client.post(path).json(payload).withCsrfToken().withInertia())
  }

  /** The path of the record a successful event redirected to */
  static instancePath(response: ApiResponse) {
    response.assertStatus(303)
    const location = response.header('location') as string
    if (!/^\/dossiers\/\d+$/.test(location)) throw new Error(`Unexpected redirect to ${location}`)
    return location
  }

  /** Ticks "J'accepte", says "OK": the record now shows the pre-registration form */
  async reachForm(key = 'preinscription') {
    await forgetRecordStarts()
    const path = Visitor.instancePath(
      await this.post(`/parcours/${key}/evenements/ACCEPT_CONDITIONS`, { accepted: true })
    )
    Visitor.instancePath(await this.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`))
    return path
  }
}

/** The manual's example, as the page posts it (R3) */
export async function cielBleu(overrides: Record<string, unknown> = {}) {
  const regime = await Regime.findByOrFail('code', 'CNAV')
  const caisse = await Caisse.findByOrFail('code', 'CARSAT-HDF')
  const partnerType = await PartnerType.findByOrFail('code', 'EVALUATION')
  return {
    caisse,
    regime,
    payload: {
      regime: String(regime.id),
      caisse: String(caisse.id),
      conventionCode: '757300',
      partnerType: String(partnerType.id),
      partnerName: 'Association Ciel Bleu',
      siret: '',
      partnerEmail: '',
      partnerPhone: '03 21 00 00 00',
      adminLastName: 'GRIZZI',
      adminFirstName: 'Alexandre',
      adminLogin: 'Alex7',
      adminPhone: '03.21.00.00.00',
      adminEmail: 'alex7@cielbleu.fr',
      postalCode: '62000',
      city: 'Arras',
      street: '',
      complement: '',
      poBox: '',
      captcha: CAPTCHA_TEST_CODE,
      captchaId: 'test',
      ...overrides,
    } as Record<string, unknown>,
  }
}
