import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlDateTime } from '#models/columns'
import captchaConfig from '#config/captcha'
import { appKey } from '#config/app'

/**
 * svg-captcha's main export draws a given text as SVG paths; its typings
 * omit it. The portal picks the text itself with node:crypto.
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
 * Self-hosted captcha (R3–R4): characters drawn as SVG paths (no text a
 * script could read from the markup), case-sensitive, single use, expiring.
 * The alternative for people who cannot read the image (RGAA 1.5) is a
 * question in words whose answer is a number.
 */
export default class CaptchaService {
  async issue(): Promise<CaptchaChallenge> {
    const id = randomUUID()
    const characters = Array.from(
      { length: captchaConfig.length },
      () => captchaConfig.alphabet[randomInt(captchaConfig.alphabet.length)]
    ).join('')
    const left = randomInt(1, 10)
    const right = randomInt(1, 10)
    const now = DateTime.utc()

    await db.table('captcha_challenges').insert({
      id,
      answer_digest: this.digest(id, characters),
      alternative_digest: this.digest(id, String(left + right)),
      expires_at: sqlDateTime(now.plus({ seconds: captchaConfig.ttlSeconds })),
      created_at: sqlDateTime(now),
    })
    await db
      .from('captcha_challenges')
      .where('expires_at', '<', sqlDateTime(now.minus({ days: 1 })))
      .delete()

    return {
      id,
      image: `data:image/svg+xml;base64,${Buffer.from(this.draw(characters)).toString('base64')}`,
      question: `Combien font ${NUMBERS_IN_WORDS[left]} plus ${NUMBERS_IN_WORDS[right]} ? Répondez en chiffres.`,
    }
  }

  /**
   * Spends the challenge whatever the answer: a wrong guess cannot be
   * retried, the form shows a new one (R4). The update is the lock: of two
   * submissions of one challenge, only one finds it unused.
   */
  async verify(id: string | undefined | null, answer: string | undefined | null): Promise<boolean> {
    if (!id || !answer) return false
    if (captchaConfig.testCode && answer === captchaConfig.testCode) return true

    const challenge = await db.from('captcha_challenges').where('id', id).first()
    if (!challenge) return false

    const spent = await db
      .from('captcha_challenges')
      .where('id', id)
      .whereNull('used_at')
      .where('expires_at', '>', sqlDateTime(DateTime.utc()))
      .update({ used_at: sqlDateTime(DateTime.utc()) })
    if (Number(Array.isArray(spent) ? spent[0] : spent) !== 1) return false

    const given = this.digest(id, answer.trim())
    return (
      this.same(given, challenge.answer_digest) || this.same(given, challenge.alternative_digest)
    )
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
