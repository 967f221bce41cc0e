import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import {
  fields,
  hasOnlyAllowedCharacters,
  isValidLogin,
  isValidSiret,
  loginAvailableRule,
  normalisePhone,
  postalCodeProblem,
} from '#validators/rules/fields'
import { frenchMessages } from '#workflow/french_messages'

/** Validates one value with a schema, as a hand-written validator would */
async function check(schema: any, value: unknown, label = 'Champ') {
  const validator = vine.compile(vine.object({ value: schema }))
  try {
    const output = await validator.validate(
      { value },
      { messagesProvider: frenchMessages({ value: label }) }
    )
    return { ok: true as const, value: output.value as unknown }
  } catch (error) {
    const messages = (error as { messages?: Array<{ message: string; rule: string }> }).messages
    if (!messages) throw error
    return { ok: false as const, message: messages[0].message, rule: messages[0].rule }
  }
}

test.group('R3 M2 shared field rules', () => {
  test('R3 SIRET: 14 digits with a valid Luhn key')
    .with([
      { value: '73282932000074', valid: true },
      { value: '35600000000010', valid: true, why: 'La Poste: sum of digits multiple of 5' },
      { value: '73282932000075', valid: false, why: 'wrong key' },
      { value: '7328293200007', valid: false, why: '13 digits' },
      { value: '732829320000740', valid: false, why: '15 digits' },
      { value: '7328293200007A', valid: false, why: 'a letter' },
      { value: '732 829 320 00074', valid: false, why: 'spaces' },
      { value: '', valid: false },
    ])
    .run(({ assert }, { value, valid }) => {
      assert.equal(isValidSiret(value), valid, value)
    })

  test('R3 phone: 10 digits, stored as "nn nn nn nn nn"')
    .with([
      { value: '03 21 00 00 00', stored: '03 21 00 00 00' },
      { value: '0321000000', stored: '03 21 00 00 00' },
      { value: '03.21.00.00.00', stored: '03 21 00 00 00' },
      { value: '03-21-00-00-00', stored: '03 21 00 00 00' },
      { value: ' 06 12 34 56 78 ', stored: '06 12 34 56 78' },
      { value: '0612', stored: null },
      { value: '06 12 34 56 7', stored: null },
      { value: '06 12 34 56 78 90', stored: null },
      { value: '+33 6 12 34 56 78', stored: null },
      { value: '06  12 34 56 78', stored: null },
      { value: '06 ab 34 56 78', stored: null },
    ])
    .run(({ assert }, { value, stored }) => {
      assert.equal(normalisePhone(value), stored, value)
      if (stored) assert.isAtMost(stored.length, 14)
    })

  test('R3 login: letters and digits only')
    .with([
      { value: 'Alex7', valid: true },
      { value: 'partenaire1', valid: true },
      { value: 'Aléx7', valid: false },
      { value: 'alex 7', valid: false },
      { value: "l'admin", valid: false },
      { value: 'alex-7', valid: false },
      { value: 'alex.7', valid: false },
      { value: 'a'.repeat(51), valid: false },
      { value: '', valid: false },
    ])
    .run(({ assert }, { value, valid }) => {
      assert.equal(isValidLogin(value), valid, value)
    })

  test('R3 postal code: five digits, Corsican department codes get a hint')
    .with([
      { value: '62000', problem: null },
      { value: '20000', problem: null },
      { value: '6200', problem: 'postalCode' },
      { value: '620000', problem: 'postalCode' },
      { value: 'ABCDE', problem: 'postalCode' },
      { value: '2A000', problem: 'postalCodeCorsica' },
      { value: '2b200', problem: 'postalCodeCorsica' },
      { value: '2A', problem: 'postalCodeCorsica' },
    ])
    .run(({ assert }, { value, problem }) => {
      assert.equal(postalCodeProblem(value), problem, value)
    })

  test('R4 schema builders answer in French and normalise: {$self}')
    .with([
      { schema: () => fields.phone(), value: '03.21.00.00.00', output: '03 21 00 00 00' },
      {
        schema: () => fields.phone(),
        value: '0321',
        message:
          'Le champ « Champ » doit être un numéro de 10 chiffres au format « nn nn nn nn nn ».',
      },
      {
        schema: () => fields.siret(),
        value: '73282932000075',
        message: 'Le champ « Champ » doit contenir 14 chiffres et une clé valide.',
      },
      {
        schema: () => fields.postalCode(),
        value: '2A004',
        message:
          'Le champ « Champ » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
      },
      {
        schema: () => fields.postalCode(),
        value: '620',
        message: 'Le champ « Champ » doit contenir 5 chiffres.',
      },
      {
        schema: () => fields.login(),
        value: 'Grizzi Alex',
        message:
          'Le champ « Champ » ne peut contenir que des lettres et des chiffres, sans accent, espace ni caractère spécial.',
      },
      {
        schema: () => fields.email(),
        value: 'alex7@',
        message: 'Le champ « Champ » doit être une adresse email valide.',
      },
      { schema: () => fields.email(), value: ' alex7@cielbleu.fr ', output: 'alex7@cielbleu.fr' },
      {
        schema: () => fields.text(),
        value: 'x'.repeat(256),
        message: 'Le champ « Champ » doit compter au plus 255 caractères.',
      },
      {
        schema: () => fields.textarea(),
        value: 'x'.repeat(4001),
        message: 'Le champ « Champ » doit compter au plus 4000 caractères.',
      },
      { schema: () => fields.text(30), value: '  757300 ', output: '757300' },
    ])
    .run(async ({ assert }, row) => {
      const result = await check(row.schema(), row.value)
      if (row.message) {
        assert.isFalse(result.ok)
        assert.equal(!result.ok && result.message, row.message)
      } else {
        assert.deepEqual(result, { ok: true, value: row.output })
      }
    })

  test('R3 a login already used on the portal is refused whatever its case')
    .with(['partenaire1', 'PARTENAIRE1', 'Partenaire1'])
    .run(async ({ assert }, login) => {
      const result = await check(fields.login().use(loginAvailableRule()), login, 'Login')
      assert.deepEqual(result, {
        ok: false,
        message: 'Ce login est déjà utilisé sur le portail : choisissez-en un autre.',
        rule: 'loginTaken',
      })
      const free = await check(fields.login().use(loginAvailableRule()), 'Alex7', 'Login')
      assert.deepEqual(free, { ok: true, value: 'Alex7' })
    })
})

test.group('Hardening #13 one rule for the characters of every free text', () => {
  const REFUSED =
    'Le champ « Champ » contient un caractère non permis (caractère de contrôle, d’inversion du sens du texte ou caractère incomplet) : retirez-le.'
  const builders = {
    text: () => fields.text(),
    textarea: () => fields.textarea(),
    email: () => fields.email(),
    phone: () => fields.phone(),
    siret: () => fields.siret(),
    postalCode: () => fields.postalCode(),
    login: () => fields.login(),
  }
  const forbidden = {
    'NUL': '\u0000',
    'ESC': '\u001B[2J',
    'DEL': '\u007F',
    'a C1 control': '\u0085',
    'RIGHT-TO-LEFT OVERRIDE': '\u202E',
    'POP DIRECTIONAL ISOLATE': '\u2069',
    'ARABIC LETTER MARK': '\u061C',
    'a lone high surrogate': '\uD800',
    'a lone low surrogate': '\uDFFF',
  }

  test('Hardening #13 every builder refuses each forbidden character first, in French', async ({
    assert,
  }) => {
    let checked = 0
    for (const [builder, schema] of Object.entries(builders)) {
      for (const [name, character] of Object.entries(forbidden)) {
        const result = await check(schema(), `ab${character}cd@example.fr`)
        assert.isFalse(result.ok, `${builder} ${name}`)
        assert.equal(result.ok ? '' : result.message, REFUSED, `${builder} ${name}`)
        checked++
      }
    }
    assert.equal(checked, 63)
  })

  test('Hardening #4 a lone surrogate in an email is a refusal, not a URIError', async ({
    assert,
  }) => {
    const result = await check(fields.email(), 'x\uD800y@example.fr')
    assert.deepEqual(result, { ok: false, message: REFUSED, rule: 'characters' })
  })

  test('Hardening #13 accents, emoji, tabs and line breaks stay allowed', ({ assert }) => {
    for (const text of ['Zoë L’Hôte', 'Ñúñez 👍', 'a\tb', 'ligne 1\r\nligne 2', '中文', 'עברית']) {
      assert.isTrue(hasOnlyAllowedCharacters(text), JSON.stringify(text))
    }
    for (const character of Object.values(forbidden)) {
      assert.isFalse(hasOnlyAllowedCharacters(`a${character}b`), JSON.stringify(character))
    }
  })
})
