import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CaptchaService, { NUMBERS_IN_WORDS } from '#services/captcha/captcha'
import { appKey } from '#config/app'
import { createHmac } from 'node:crypto'
import { sqlDateTime } from '#models/columns'

const captchas = new CaptchaService()

/**
 * The drawn characters are never stored; a test learns them by planting a
 * known answer digest, exactly as issue() would have written it.
 */
async function plantAnswer(id: string, answer: string) {
  const digest = createHmac('sha256', appKey.release()).update(`${id}:${answer}`).digest('hex')
  await db.from('captcha_challenges').where('id', id).update({ answer_digest: digest })
}

test.group('R3 R4 self-hosted captcha', () => {
  test('R3 a challenge is an SVG image drawn as paths, with a question in words', async ({
    assert,
  }) => {
    const challenge = await captchas.issue()
    const svg = Buffer.from(challenge.image.split(',')[1], 'base64').toString()
    assert.include(svg, '<path')
    assert.notInclude(svg, '<text')
    assert.match(
      challenge.question,
      /^Combien font [a-zé]+ plus [a-zé]+ \? Répondez en chiffres\.$/
    )
  })

  test('R3 the characters are case-sensitive', async ({ assert }) => {
    const challenge = await captchas.issue()
    await plantAnswer(challenge.id, 'AbC4x9')
    assert.isFalse(await captchas.verify(challenge.id, 'abc4x9'))

    const again = await captchas.issue()
    await plantAnswer(again.id, 'AbC4x9')
    assert.isTrue(await captchas.verify(again.id, 'AbC4x9'))
  })

  test('R4 a challenge is spent by its first answer, right or wrong', async ({ assert }) => {
    const challenge = await captchas.issue()
    await plantAnswer(challenge.id, 'Kp7mQ3')
    assert.isFalse(await captchas.verify(challenge.id, 'wrong1'))
    assert.isFalse(await captchas.verify(challenge.id, 'Kp7mQ3'))
  })

  test('R4 two simultaneous answers of one challenge: only one passes', async ({ assert }) => {
    const challenge = await captchas.issue()
    await plantAnswer(challenge.id, 'Zz8Yy7')
    const results = await Promise.all([
      captchas.verify(challenge.id, 'Zz8Yy7'),
      captchas.verify(challenge.id, 'Zz8Yy7'),
    ])
    assert.deepEqual(results.filter(Boolean), [true])
  })

  test('R3 an expired challenge is refused', async ({ assert }) => {
    const challenge = await captchas.issue()
    await plantAnswer(challenge.id, 'Hh4Jj6')
    await db
      .from('captcha_challenges')
      .where('id', challenge.id)
      .update({ expires_at: sqlDateTime(DateTime.utc().minus({ minutes: 1 })) })
    assert.isFalse(await captchas.verify(challenge.id, 'Hh4Jj6'))
  })

  test('R3 the spoken alternative: the answer to the question passes', async ({ assert }) => {
    const challenge = await captchas.issue()
    const [, left, right] = challenge.question.match(/Combien font (\S+) plus (\S+) \?/)!
    const sum = NUMBERS_IN_WORDS.indexOf(left) + NUMBERS_IN_WORDS.indexOf(right)
    assert.isTrue(await captchas.verify(challenge.id, String(sum)))
  })

  test('R3 an unknown challenge or an empty answer is refused', async ({ assert }) => {
    assert.isFalse(await captchas.verify('00000000-0000-0000-0000-000000000000', 'abc'))
    const challenge = await captchas.issue()
    assert.isFalse(await captchas.verify(challenge.id, ''))
  })
})
