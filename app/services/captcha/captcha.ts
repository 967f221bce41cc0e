import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlDateTime } from '#models/columns'
import captchaConfig from '#config/captcha'
import { appKey } from '#config/app'

/**
 * svg-captcha's main export draws a given text as SVG paths; its typings
 * omit it. The portal derives the text itself (challengeContent).
 */
const drawText = createRequire(import.meta.url)('svg-captcha') as (
  text: string,
  options: { noise: number; color: boolean; width: number; height: number; fontSize: number }
) => string

export const CAPTCHA_WRONG =
  'Les caractères saisis ne correspondent pas à l’image. Recopiez les nouveaux caractères.'
export const CAPTCHA_MISSING = 'Recopiez les caractères de l’image.'

/** What a form shows: the image, and a question for those who cannot read it */
export type CaptchaChallenge = {
  id: string
  image: string
  question: string
}

/** The numbers of the spoken alternative, as the question writes them */
export const NUMBERS_IN_WORDS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
]

/**
 * A challenge id: 36 characters shaped like a UUID, made of the time it was
 * shown (12 hex digits of milliseconds), 8 random hex digits and a 48-bit
 * tag that only the server can compute. The characters and the question
 * are derived from it with the application key: nothing is stored when a
 * challenge is shown (hardening #12), and an id the server never issued,
 * or one past its time, is refused without a query.
 */
const ID_PATTERN = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/

function hmac(purpose: string, id: string) {
  return createHmac('sha256', appKey.release()).update(`captcha:${purpose}:${id}`).digest()
}

function challengeId(issuedAt: DateTime) {
  const time = Math.max(0, Math.floor(issuedAt.toMillis())).toString(16).padStart(12, '0')
  const body = `${time}${randomBytes(4).toString('hex')}`
  const tag = hmac('tag', body).subarray(0, 6).toString('hex')
  const hex = `${body}${tag}`
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** When an authentic id was issued, or null for an id the server never gave */
function issuedAtOf(id: string): DateTime | null {
  const parts = ID_PATTERN.exec(id)
  if (!parts) return null
  const hex = parts.slice(1).join('')
  const body = hex.slice(0, 20)
  const expected = hmac('tag', body).subarray(0, 6)
  if (!timingSafeEqual(Buffer.from(hex.slice(20), 'hex'), expected)) return null
  return DateTime.fromMillis(Number.parseInt(body.slice(0, 12), 16), { zone: 'utc' })
}

/**
 * What a challenge shows and accepts, derived from its id: the characters
 * of the image and the two numbers of the question. Server side only (the
 * tests read it as a person reads the image).
 */
export function challengeContent(id: string) {
  const bytes = hmac('content', id)
  const alphabet = captchaConfig.alphabet
  const characters = Array.from(
    { length: captchaConfig.length },
    (_, index) => alphabet[bytes.readUInt16BE(index * 2) % alphabet.length]
  ).join('')
  const left = 1 + (bytes[28] % 9)
  const right = 1 + (bytes[29] % 9)
  return { characters, left, right, sum: String(left + right) }
}

/**
 * Self-hosted captcha (R3–R4): characters drawn as SVG paths (no text a
 * script could read from the markup), case-sensitive, single use, expiring.
 * The alternative for people who cannot read the image (RGAA 1.5) is a
 * question in words whose answer is a number.
 *
 * Showing a challenge writes nothing (docs/decisions/0015-captcha-stored-when-answered.md):
 * a row of captcha_challenges is the mark of a challenge answered, written
 * by its first answer, so a page load costs no row and a challenge still
 * cannot be answered twice.
 */
export default class CaptchaService {
  async issue(issuedAt: DateTime = DateTime.utc()): Promise<CaptchaChallenge> {
    const id = challengeId(issuedAt)
    const { characters, left, right } = challengeContent(id)
    return {
      id,
      image: `data:image/svg+xml;base64,${Buffer.from(this.draw(characters)).toString('base64')}`,
      question: `Combien font ${NUMBERS_IN_WORDS[left]} plus ${NUMBERS_IN_WORDS[right]} ? Répondez en chiffres.`,
    }
  }

  /**
   * Spends the challenge whatever the answer: a wrong guess cannot be
   * retried, the form shows a new one (R4). The insert of its row is the
   * lock: of two submissions of one challenge, only one writes it.
   */
  async verify(id: string | undefined | null, answer: string | undefined | null): Promise<boolean> {
    if (typeof id !== 'string' || typeof answer !== 'string' || !answer) return false
    if (captchaConfig.testCode && answer === captchaConfig.testCode) return true

    const issuedAt = issuedAtOf(id)
    const now = DateTime.utc()
    if (!issuedAt || issuedAt > now.plus({ minutes: 1 })) return false
    const expiresAt = issuedAt.plus({ seconds: captchaConfig.ttlSeconds })
    if (expiresAt <= now) return false

    const { characters, sum } = challengeContent(id)
    if (!(await this.spend(id, characters, sum, issuedAt, expiresAt, now))) return false

    const given = this.digest(id, answer.trim())
    return this.same(given, this.digest(id, characters)) || this.same(given, this.digest(id, sum))
  }

  /** Writes the mark of an answered challenge; false when it was already answered */
  private async spend(
    id: string,
    characters: string,
    sum: string,
    issuedAt: DateTime,
    expiresAt: DateTime,
    now: DateTime
  ) {
    try {
      await db.table('captcha_challenges').insert({
        id,
        answer_digest: this.digest(id, characters),
        alternative_digest: this.digest(id, sum),
        expires_at: sqlDateTime(expiresAt),
        used_at: sqlDateTime(now),
        created_at: sqlDateTime(issuedAt),
      })
    } catch (error) {
      const already = await db.from('captcha_challenges').where('id', id).first()
      if (already) return false
      throw error
    }
    await db
      .from('captcha_challenges')
      .where('expires_at', '<', sqlDateTime(now.minus({ days: 1 })))
      .delete()
    return true
  }

  /**
   * The errors of a form that carries a captcha, one French message per
   * field (null when everything passed). The captcha is spent even when
   * another field is wrong: the next try shows a new one (R4).
   */
  async formErrors(
    submitted: { captchaId?: unknown; captcha?: unknown },
    validation: { messages?: unknown } | null
  ): Promise<Record<string, string> | null> {
    const errors: Record<string, string> = {}
    for (const { field, message } of (validation?.messages ?? []) as Array<{
      field: string
      message: string
    }>) {
      errors[field] ??= message
    }
    const typed = typeof submitted.captcha === 'string' ? submitted.captcha : ''
    const passed =
      typed.trim() !== '' &&
      typeof submitted.captchaId === 'string' &&
      (await this.verify(submitted.captchaId, typed))
    if (!passed) errors.captcha = typed.trim() ? CAPTCHA_WRONG : CAPTCHA_MISSING
    return Object.keys(errors).length ? errors : null
  }

  private draw(characters: string) {
    return drawText(characters, { noise: 3, color: false, width: 180, height: 60, fontSize: 56 })
  }

  private digest(id: string, answer: string) {
    return createHmac('sha256', appKey.release()).update(`${id}:${answer}`).digest('hex')
  }

  private same(left: string, right: string) {
    return left.length === right.length && timingSafeEqual(Buffer.from(left), Buffer.from(right))
  }
}
