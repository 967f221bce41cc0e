import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CaptchaService, { NUMBERS_IN_WORDS } from '#services/captcha/captcha'
import { captchaAnswer, otherCase } from '#tests/functional/contact/support'

const captchas = new CaptchaService()

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
    assert.isFalse(await captchas.verify(challenge.id, otherCase(captchaAnswer(challenge.id))))

    const again = await captchas.issue()
    assert.isTrue(await captchas.verify(again.id, captchaAnswer(again.id)))
  })

  test('R4 a challenge is spent by its first answer, right or wrong', async ({ assert }) => {
    const challenge = await captchas.issue()
    assert.isFalse(await captchas.verify(challenge.id, 'wrong1'))
    assert.isFalse(await captchas.verify(challenge.id, captchaAnswer(challenge.id)))
  })

  test('R4 two simultaneous answers of one challenge: only one passes', async ({ assert }) => {
    const challenge = await captchas.issue()
    const answer = captchaAnswer(challenge.id)
    const results = await Promise.all([
      captchas.verify(challenge.id, answer),
      captchas.verify(challenge.id, answer),
    ])
    assert.deepEqual(results.filter(Boolean), [true])
  })

  test('R3 an expired challenge is refused', async ({ assert }) => {
    const challenge = await captchas.issue(DateTime.utc().minus({ minutes: 11 }))
    assert.isFalse(await captchas.verify(challenge.id, captchaAnswer(challenge.id)))
    const recent = await captchas.issue(DateTime.utc().minus({ minutes: 9 }))
    assert.isTrue(await captchas.verify(recent.id, captchaAnswer(recent.id)))
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

  test('R3 an id the server never issued is refused: its tag is wrong', async ({ assert }) => {
    const challenge = await captchas.issue()
    const answer = captchaAnswer(challenge.id)
    /** Another time or another tag: the characters of that id are not these, and it is not authentic */
    const forged = `${challenge.id.slice(0, 35)}${challenge.id.endsWith('0') ? '1' : '0'}`
    assert.isFalse(await captchas.verify(forged, answer))
    assert.isFalse(await captchas.verify(forged, captchaAnswer(forged)))
    const before = await spentCount()
    assert.isFalse(await captchas.verify(`${challenge.id}x`, answer))
    assert.equal(await spentCount(), before, 'nothing written for a forged id')
    assert.isTrue(await captchas.verify(challenge.id, answer))
  })
})

async function spentCount() {
  const [row] = await db.from('captcha_challenges').count('* as total')
  return Number(row.total)
}

test.group('Hardening #12 a captcha is stored when answered, not when shown', () => {
  test('Hardening #12 showing challenges writes nothing; answering one writes one row', async ({
    assert,
  }) => {
    const before = await spentCount()
    const shown = []
    for (let index = 0; index < 50; index++) shown.push(await captchas.issue())
    assert.equal(await spentCount(), before, '50 challenges shown, no row')
    assert.lengthOf(new Set(shown.map((challenge) => challenge.id)), 50)

    assert.isTrue(await captchas.verify(shown[0].id, captchaAnswer(shown[0].id)))
    assert.isFalse(await captchas.verify(shown[1].id, 'faux12'))
    assert.equal(await spentCount(), before + 2, 'one row per challenge answered')
    const row = await db.from('captcha_challenges').where('id', shown[0].id).firstOrFail()
    assert.isNotNull(row.used_at)
    assert.notInclude(JSON.stringify(row), captchaAnswer(shown[0].id), 'only digests are kept')
  })
})
