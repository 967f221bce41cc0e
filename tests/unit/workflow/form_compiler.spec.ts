import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Caisse from '#models/caisse'
import Regime from '#models/regime'
import PartnerType from '#models/partner_type'
import { compileForm, isValidSiret } from '#workflow/form_compiler'
import { WorkflowValidationError } from '#workflow/errors'
import type { WorkflowDefinitionBody } from '#workflow/types'

async function preinscriptionForm() {
  const body: WorkflowDefinitionBody = JSON.parse(
    await readFile(app.makePath('workflows/preinscription.json'), 'utf8')
  )
  return compileForm(body.forms.SUBMIT)
}

async function fieldErrors(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof WorkflowValidationError) return error.fieldErrors
    throw error
  }
  return {}
}

async function validPayload() {
  const regime = await Regime.findByOrFail('code', 'CNAV')
  const caisse = await Caisse.query().where('regime_id', regime.id).firstOrFail()
  const partnerType = await PartnerType.firstOrFail()
  return {
    regime: String(regime.id),
    caisse: String(caisse.id),
    conventionCode: '757300',
    partnerType: String(partnerType.id),
    partnerName: 'Association Ciel Bleu',
    siret: '73282932000074',
    partnerEmail: '',
    partnerPhone: '03 21 00 00 00',
    adminLastName: 'GRIZZI',
    adminFirstName: 'Alexandre',
    adminLogin: 'Alex7',
    adminPhone: '06 12 34 56 78',
    adminEmail: 'alex7@example.fr',
    postalCode: '62000',
    city: 'Arras',
    /** The form's captcha, passed with CAPTCHA_TEST_CODE (.env.test) */
    captcha: process.env.CAPTCHA_TEST_CODE ?? 'TEST42',
    captchaId: 'test',
  }
}

test.group('R3 forms compiled from a definition', () => {
  test('R3 SIRET: 14 digits with a valid Luhn key', ({ assert }) => {
    assert.isTrue(isValidSiret('73282932000074'))
    assert.isFalse(isValidSiret('73282932000075'))
    assert.isFalse(isValidSiret('7328293200007'))
    assert.isFalse(isValidSiret('7328293200007A'))
  })

  test('R3 a complete pre-registration passes and comes back typed', async ({ assert }) => {
    const form = await preinscriptionForm()
    const payload = await form.validate(await validPayload())
    assert.isNumber(payload.caisse)
    assert.equal(payload.adminLogin, 'Alex7')
    assert.notProperty(payload, 'partnerEmail')
  })

  test('R4 every mandatory field missing is reported next to it, in French', async ({ assert }) => {
    const form = await preinscriptionForm()
    const errors = await fieldErrors(form.validate({}))
    assert.containsSubset(errors, {
      regime: 'Le champ « Régime » est obligatoire.',
      caisse: 'Le champ « Caisse » est obligatoire.',
      adminLogin: 'Le champ « Login » est obligatoire.',
      postalCode: 'Le champ « CP » est obligatoire.',
      city: 'Le champ « Nom commune » est obligatoire.',
    })
    assert.notProperty(errors, 'siret')
    assert.notProperty(errors, 'street')
  })

  test('R3 wrong SIRET, phone, login and postal code are refused with their rule', async ({
    assert,
  }) => {
    const form = await preinscriptionForm()
    const errors = await fieldErrors(
      form.validate({
        ...(await validPayload()),
        siret: '12345678901234',
        adminPhone: '0612',
        adminLogin: "l'admin é",
        postalCode: '6200',
      })
    )
    assert.deepEqual(Object.keys(errors).sort(), [
      'adminLogin',
      'adminPhone',
      'postalCode',
      'siret',
    ])
    assert.equal(errors.siret, 'Le champ « SIRET » doit contenir 14 chiffres et une clé valide.')
    assert.include(errors.adminLogin, 'lettres et des chiffres')
  })

  test('R3 the caisse must belong to the chosen régime', async ({ assert }) => {
    const form = await preinscriptionForm()
    const payload = await validPayload()
    const otherRegime = await Regime.findByOrFail('code', 'MSA')
    const errors = await fieldErrors(form.validate({ ...payload, regime: String(otherRegime.id) }))
    assert.deepEqual(Object.keys(errors), ['caisse'])
    assert.include(errors.caisse, '« Régime »')
  })

  test('R3 an unknown reference id is refused', async ({ assert }) => {
    const form = await preinscriptionForm()
    const errors = await fieldErrors(
      form.validate({ ...(await validPayload()), partnerType: '999999' })
    )
    assert.deepEqual(errors, {
      partnerType: 'La valeur choisie pour « Type partenaire » n’existe pas.',
    })
  })

  test('R1 a required checkbox must be ticked', async ({ assert }) => {
    const form = compileForm({
      fields: [{ name: 'accepted', label: "J'accepte", type: 'checkbox', required: true }],
    })
    assert.deepEqual(await fieldErrors(form.validate({})), {
      accepted: "Le champ « J'accepte » est obligatoire.",
    })
    assert.deepEqual(await form.validate({ accepted: 'on' }), { accepted: true })
  })

  test('A2 password fields are listed as secrets', async ({ assert }) => {
    const body: WorkflowDefinitionBody = JSON.parse(
      await readFile(app.makePath('workflows/user-lifecycle.json'), 'utf8')
    )
    assert.deepEqual(compileForm(body.forms.CHANGE_PASSWORD).secretFields, [
      'currentPassword',
      'newPassword',
      'confirmation',
    ])
  })
})

test.group(
  'Hardening #3 #4 #13 the form compiler checks types, then the captcha, then the rules',
  () => {
    const WRONG_CAPTCHA = {
      captcha: 'Zz9Yy8',
      captchaId: '00000000-0000-0000-0000-000000000000',
    }

    test('Hardening #3 a wrong or missing captcha: a taken login is not reported', async ({
      assert,
    }) => {
      const form = await preinscriptionForm()
      const payload = await validPayload()
      for (const captcha of [WRONG_CAPTCHA, { captcha: '', captchaId: 'test' }, {}]) {
        const data: Record<string, unknown> = { ...payload, adminLogin: 'PARTENAIRE1', ...captcha }
        if (!('captcha' in captcha)) delete data.captcha
        const errors = await fieldErrors(form.validate(data))
        assert.deepEqual(Object.keys(errors), ['captcha'], JSON.stringify(captcha))
      }
      /** The captcha passed: the login is checked */
      const errors = await fieldErrors(form.validate({ ...payload, adminLogin: 'PARTENAIRE1' }))
      assert.deepEqual(errors, {
        adminLogin: 'Ce login est déjà utilisé sur le portail : choisissez-en un autre.',
      })
    })

    test('Hardening #4 a list or an object for a field: its type error alone, before any rule', async ({
      assert,
    }) => {
      const form = await preinscriptionForm()
      const payload = await validPayload()
      assert.deepEqual(await fieldErrors(form.validate({ ...payload, regime: ['1', '2'] })), {
        regime: 'Le champ « Régime » doit être un nombre.',
      })
      assert.deepEqual(
        await fieldErrors(form.validate({ regime: { a: 1 }, partnerName: ['x'], city: {} })),
        {
          regime: 'Le champ « Régime » doit être un nombre.',
          partnerName: 'Le champ « Nom partenaire » doit être un texte.',
          city: 'Le champ « Nom commune » doit être un texte.',
        },
        'reported before the missing fields: no rule ran'
      )
      const checkbox = compileForm({
        fields: [{ name: 'accepted', label: "J'accepte", type: 'checkbox', required: true }],
      })
      assert.deepEqual(await fieldErrors(checkbox.validate({ accepted: ['on'] })), {
        accepted: "Le champ « J'accepte » doit être vrai ou faux.",
      })
    })

    test('Hardening #13 text and textarea fields of a definition refuse control and bidi characters', async ({
      assert,
    }) => {
      const form = compileForm({
        fields: [
          { name: 'name', label: 'Nom', type: 'text', required: true },
          { name: 'reason', label: 'Motif', type: 'textarea', required: true },
        ],
      })
      const errors = await fieldErrors(
        form.validate({ name: 'Ciel\u202EBleu', reason: 'a\u0000b' })
      )
      assert.deepEqual(Object.keys(errors), ['name', 'reason'])
      assert.include(errors.name, 'caractère non permis')
      assert.deepEqual(await form.validate({ name: 'Zoë', reason: 'ligne 1\nligne 2' }), {
        name: 'Zoë',
        reason: 'ligne 1\nligne 2',
      })
    })
  }
)
