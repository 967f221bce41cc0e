import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import Caisse from '#models/caisse'
import WorkflowInstance from '#models/workflow_instance'
import { captchaAnswer, otherCase } from '#tests/functional/contact/support'
import { clearLimiters } from '#tests/functional/accounts/support'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'
import { caisseHdf, counts, unique } from '#tests/functional/onboarding/support'

/**
 * R3 R4: every field of the pre-registration form, refused with its own
 * French message, a 422 (never a 500), what was typed left to the page, and
 * nothing created: no new record, partner, address, convention or user.
 */

const long = (length: number, character = 'a') => character.repeat(length)

const MESSAGES = {
  required: (label: string) => `Le champ « ${label} » est obligatoire.`,
  maxLength: (label: string, max: number) =>
    `Le champ « ${label} » doit compter au plus ${max} caractères.`,
  number: (label: string) => `Le champ « ${label} » doit être un nombre.`,
  exists: (label: string) => `La valeur choisie pour « ${label} » n’existe pas.`,
  email: (label: string) => `Le champ « ${label} » doit être une adresse email valide.`,
  siret: 'Le champ « SIRET » doit contenir 14 chiffres et une clé valide.',
  phone: 'Le champ « Téléphone » doit être un numéro de 10 chiffres au format « nn nn nn nn nn ».',
  login:
    'Le champ « Login » ne peut contenir que des lettres et des chiffres, sans accent, espace ni caractère spécial.',
  loginTaken: 'Ce login est déjà utilisé sur le portail : choisissez-en un autre.',
  postalCode: 'Le champ « CP » doit contenir 5 chiffres.',
  corsica:
    'Le champ « CP » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
  captcha:
    'Les caractères saisis ne correspondent pas à l’image : saisissez ceux de la nouvelle image.',
  tamperedCaisse: 'La valeur choisie pour « Caisse » ne correspond pas au choix « Régime ».',
}

interface Case {
  title: string
  field: string
  message: string
  /** Values replacing the manual's example */
  values?: Record<string, unknown>
  /** Other fields a dependent field drags along (the caisse no longer matches a wrong régime) */
  also?: Record<string, string>
  /** Values that need the page or the database (a real captcha, a caisse of another régime) */
  prepare?: (visitor: Visitor, path: string) => Promise<Record<string, unknown>>
}

/** A real challenge shown on the page, and the characters its image shows */
async function realChallenge(visitor: Visitor, path: string) {
  const page = await visitor.visit(path)
  const id = page.inertiaProps.captcha.id as string
  return { id, answer: captchaAnswer(id) }
}

const CASES: Case[] = [
  /** Informations partenaire */
  {
    title: 'régime empty',
    field: 'regime',
    values: { regime: '' },
    message: MESSAGES.required('Régime'),
  },
  {
    title: 'régime not a number',
    field: 'regime',
    values: { regime: 'CNAV' },
    message: MESSAGES.number('Régime'),
    also: { caisse: MESSAGES.tamperedCaisse },
  },
  {
    title: 'régime unknown',
    field: 'regime',
    values: { regime: '999999' },
    message: MESSAGES.exists('Régime'),
    also: { caisse: MESSAGES.tamperedCaisse },
  },
  {
    title: 'caisse empty',
    field: 'caisse',
    values: { caisse: '' },
    message: MESSAGES.required('Caisse'),
  },
  {
    title: 'caisse unknown',
    field: 'caisse',
    values: { caisse: '999999' },
    message: MESSAGES.exists('Caisse'),
  },
  {
    title: 'caisse of another régime (tampered request)',
    field: 'caisse',
    message: MESSAGES.tamperedCaisse,
    prepare: async () => {
      const msa = await Caisse.findByOrFail('code', 'MSA-PI')
      return { caisse: String(msa.id) }
    },
  },
  {
    title: 'code convention empty',
    field: 'conventionCode',
    values: { conventionCode: '' },
    message: MESSAGES.required('Code convention'),
  },
  {
    title: 'code convention too long',
    field: 'conventionCode',
    values: { conventionCode: long(31, '7') },
    message: MESSAGES.maxLength('Code convention', 30),
  },
  {
    title: 'type partenaire empty',
    field: 'partnerType',
    values: { partnerType: '' },
    message: MESSAGES.required('Type partenaire'),
  },
  {
    title: 'type partenaire unknown',
    field: 'partnerType',
    values: { partnerType: '999999' },
    message: MESSAGES.exists('Type partenaire'),
  },
  {
    title: 'nom partenaire empty',
    field: 'partnerName',
    values: { partnerName: '' },
    message: MESSAGES.required('Nom partenaire'),
  },
  {
    title: 'nom partenaire too long',
    field: 'partnerName',
    values: { partnerName: long(151) },
    message: MESSAGES.maxLength('Nom partenaire', 150),
  },
  {
    title: 'SIRET of 13 digits',
    field: 'siret',
    values: { siret: '7328293200007' },
    message: MESSAGES.siret,
  },
  {
    title: 'SIRET of 15 digits',
    field: 'siret',
    values: { siret: '732829320000740' },
    message: MESSAGES.siret,
  },
  {
    title: 'SIRET with a letter',
    field: 'siret',
    values: { siret: '7328293200007A' },
    message: MESSAGES.siret,
  },
  {
    title: 'SIRET with a wrong Luhn key',
    field: 'siret',
    values: { siret: '73282932000075' },
    message: MESSAGES.siret,
  },
  {
    title: 'SIRET with spaces',
    field: 'siret',
    values: { siret: '732 829 320 00074' },
    message: MESSAGES.siret,
  },
  {
    title: 'partner email without domain',
    field: 'partnerEmail',
    values: { partnerEmail: 'contact@' },
    message: MESSAGES.email('Email'),
  },
  {
    title: 'partner email with a space',
    field: 'partnerEmail',
    values: { partnerEmail: 'contact cielbleu.fr' },
    message: MESSAGES.email('Email'),
  },
  {
    title: 'partner email too long',
    field: 'partnerEmail',
    values: { partnerEmail: `${long(250)}@cielbleu.fr` },
    message: MESSAGES.maxLength('Email', 254),
  },
  {
    title: 'partner phone too short',
    field: 'partnerPhone',
    values: { partnerPhone: '03 21' },
    message: MESSAGES.phone,
  },
  {
    title: 'partner phone with slashes',
    field: 'partnerPhone',
    values: { partnerPhone: '03/21/00/00/00' },
    message: MESSAGES.phone,
  },
  {
    title: 'partner phone with letters',
    field: 'partnerPhone',
    values: { partnerPhone: '0321OO0000' },
    message: MESSAGES.phone,
  },
  {
    title: 'partner phone international, over 14 characters',
    field: 'partnerPhone',
    values: { partnerPhone: '+33 3 21 00 00 00' },
    message: MESSAGES.maxLength('Téléphone', 14),
  },
  /** Administrateur */
  {
    title: 'nom empty',
    field: 'adminLastName',
    values: { adminLastName: '' },
    message: MESSAGES.required('Nom'),
  },
  {
    title: 'nom too long',
    field: 'adminLastName',
    values: { adminLastName: long(101) },
    message: MESSAGES.maxLength('Nom', 100),
  },
  {
    title: 'prénom empty',
    field: 'adminFirstName',
    values: { adminFirstName: '' },
    message: MESSAGES.required('Prénom'),
  },
  {
    title: 'prénom too long',
    field: 'adminFirstName',
    values: { adminFirstName: long(101) },
    message: MESSAGES.maxLength('Prénom', 100),
  },
  {
    title: 'login empty',
    field: 'adminLogin',
    values: { adminLogin: '' },
    message: MESSAGES.required('Login'),
  },
  {
    title: 'login with a space',
    field: 'adminLogin',
    values: { adminLogin: 'Alex 7' },
    message: MESSAGES.login,
  },
  {
    title: 'login with an accent',
    field: 'adminLogin',
    values: { adminLogin: 'Aléx7' },
    message: MESSAGES.login,
  },
  {
    title: 'login with an apostrophe',
    field: 'adminLogin',
    values: { adminLogin: "d'Alex7" },
    message: MESSAGES.login,
  },
  {
    title: 'login with a dash',
    field: 'adminLogin',
    values: { adminLogin: 'alex-7' },
    message: MESSAGES.login,
  },
  {
    title: 'login with an underscore',
    field: 'adminLogin',
    values: { adminLogin: 'alex_7' },
    message: MESSAGES.login,
  },
  {
    title: 'login with an at sign',
    field: 'adminLogin',
    values: { adminLogin: 'alex7@cielbleu' },
    message: MESSAGES.login,
  },
  {
    title: 'login too long',
    field: 'adminLogin',
    values: { adminLogin: long(51) },
    message: MESSAGES.maxLength('Login', 50),
  },
  {
    title: 'login already used (other case)',
    field: 'adminLogin',
    values: { adminLogin: 'PARTENAIRE1' },
    message: MESSAGES.loginTaken,
  },
  {
    title: 'login already used (mixed case)',
    field: 'adminLogin',
    values: { adminLogin: 'CaisseHdf' },
    message: MESSAGES.loginTaken,
  },
  {
    title: 'administrator phone empty',
    field: 'adminPhone',
    values: { adminPhone: '' },
    message: MESSAGES.required('Téléphone'),
  },
  {
    title: 'administrator phone of 8 digits',
    field: 'adminPhone',
    values: { adminPhone: '06 12 34 56' },
    message: MESSAGES.phone,
  },
  {
    title: 'administrator phone of 11 digits',
    field: 'adminPhone',
    values: { adminPhone: '061234567890' },
    message: MESSAGES.phone,
  },
  {
    title: 'administrator phone over 14 characters',
    field: 'adminPhone',
    values: { adminPhone: '06.12.34.56.789' },
    message: MESSAGES.maxLength('Téléphone', 14),
  },
  {
    title: 'administrator email empty',
    field: 'adminEmail',
    values: { adminEmail: '' },
    message: MESSAGES.required('Email'),
  },
  {
    title: 'administrator email without domain',
    field: 'adminEmail',
    values: { adminEmail: 'alex7@' },
    message: MESSAGES.email('Email'),
  },
  {
    title: 'administrator email without @',
    field: 'adminEmail',
    values: { adminEmail: 'alex7.cielbleu.fr' },
    message: MESSAGES.email('Email'),
  },
  {
    title: 'administrator email with two @',
    field: 'adminEmail',
    values: { adminEmail: 'alex7@@cielbleu.fr' },
    message: MESSAGES.email('Email'),
  },
  /** Adresse */
  {
    title: 'CP empty',
    field: 'postalCode',
    values: { postalCode: '' },
    message: MESSAGES.required('CP'),
  },
  {
    title: 'CP with a letter',
    field: 'postalCode',
    values: { postalCode: '6200A' },
    message: MESSAGES.postalCode,
  },
  {
    title: 'CP of 4 digits',
    field: 'postalCode',
    values: { postalCode: '6200' },
    message: MESSAGES.postalCode,
  },
  {
    title: 'CP of 6 digits',
    field: 'postalCode',
    values: { postalCode: '620000' },
    message: MESSAGES.postalCode,
  },
  {
    title: 'CP 2A (Corsica) with the hint',
    field: 'postalCode',
    values: { postalCode: '2A004' },
    message: MESSAGES.corsica,
  },
  {
    title: 'CP 2B (Corsica) with the hint',
    field: 'postalCode',
    values: { postalCode: '2B200' },
    message: MESSAGES.corsica,
  },
  {
    title: 'CP 2a in small letters with the hint',
    field: 'postalCode',
    values: { postalCode: '2a000' },
    message: MESSAGES.corsica,
  },
  {
    title: 'nom commune empty',
    field: 'city',
    values: { city: '' },
    message: MESSAGES.required('Nom commune'),
  },
  {
    title: 'nom commune too long',
    field: 'city',
    values: { city: long(101) },
    message: MESSAGES.maxLength('Nom commune', 100),
  },
  {
    title: 'voie too long',
    field: 'street',
    values: { street: long(151) },
    message: MESSAGES.maxLength('Voie', 150),
  },
  {
    title: 'complément too long',
    field: 'complement',
    values: { complement: long(151) },
    message: MESSAGES.maxLength("Complément d'adresse", 150),
  },
  {
    title: 'boîte postale too long',
    field: 'poBox',
    values: { poBox: long(51) },
    message: MESSAGES.maxLength('Boîte postale', 50),
  },
  /** Captcha (a real challenge: never the test code) */
  {
    title: 'captcha empty',
    field: 'captcha',
    values: { captcha: '' },
    message: MESSAGES.required('Captcha'),
  },
  {
    title: 'captcha wrong characters',
    field: 'captcha',
    message: MESSAGES.captcha,
    prepare: async (visitor, path) => {
      const { id, answer } = await realChallenge(visitor, path)
      return { captcha: answer === 'Zz9Yy8' ? 'Zz9Yy7' : 'Zz9Yy8', captchaId: id }
    },
  },
  {
    title: 'captcha in the wrong case',
    field: 'captcha',
    message: MESSAGES.captcha,
    prepare: async (visitor, path) => {
      const { id, answer } = await realChallenge(visitor, path)
      return { captcha: otherCase(answer), captchaId: id }
    },
  },
  {
    title: 'captcha of an unknown challenge',
    field: 'captcha',
    message: MESSAGES.captcha,
    values: { captcha: 'AbC4x9', captchaId: '00000000-0000-0000-0000-000000000000' },
  },
  {
    title: 'captcha reused after a refused submission',
    field: 'captcha',
    message: MESSAGES.captcha,
    prepare: async (visitor, path) => {
      const { id: captchaId, answer } = await realChallenge(visitor, path)
      /** First use, right answer, another field wrong: refused, the challenge is spent */
      const { payload } = await cielBleu({ city: '', captcha: answer, captchaId })
      const first = await visitor.post(`${path}/evenements/SUBMIT`, payload)
      first.assertStatus(422)
      return { captcha: answer, captchaId }
    },
  },
]

test.group('R3 R4 bad inputs of the pre-registration form', (group) => {
  /** Each case starts a record: the per-IP limit of record starts (hardening #6) would refuse the 31st */
  group.each.setup(() => clearLimiters())

  test('R3 R4 the table covers every field of the form, with at least 40 cases', async ({
    assert,
  }) => {
    assert.isAtLeast(CASES.length, 40)
    const definition = JSON.parse(
      await readFile(app.makePath('workflows/preinscription.json'), 'utf8')
    )
    const typed = definition.forms.SUBMIT.fields
      .filter((field: { type: string }) => field.type !== 'derived')
      .map((field: { name: string }) => field.name)
    assert.sameMembers([...new Set(CASES.map((entry) => entry.field))], typed)
  })

  test('R3 R4 refused: {title}')
    .with(CASES)
    .run(async ({ client, assert }, entry) => {
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const prepared = entry.prepare ? await entry.prepare(visitor, path) : {}
      const { payload } = await cielBleu({
        adminLogin: `Alex${unique()}`,
        ...entry.values,
        ...prepared,
      })
      const before = await counts()

      const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)

      response.assertStatus(422)
      const errors = Object.fromEntries(
        response
          .body()
          .errors.map((error: { field: string; message: string }) => [error.field, error.message])
      )
      assert.deepEqual(errors, { [entry.field]: entry.message, ...entry.also })
      assert.deepEqual(await counts(), before, 'nothing created')
      const record = await WorkflowInstance.findOrFail(Number(path.split('/').pop()))
      assert.equal(record.state, 'form', 'the visitor stays on the form')

      /** Through Inertia, the page gets the message next to the field and what was typed */
      if (!entry.prepare && entry.field !== 'captcha') {
        const again = await visitor.postInertia(`${path}/evenements/SUBMIT`, payload)
        assert.oneOf(again.status(), [302, 303])
        const page = await visitor.visit(path)
        assert.equal(page.inertiaProps.errors[entry.field], entry.message)
        assert.deepEqual(await counts(), before, 'nothing created')
      }
    })

  test('R3 C2 HTML and script in text fields are accepted, kept as typed and shown as text to the caisse', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const partnerName = '<script>alert("ppas")</script> Ciel & Bleu'
    const city = '<img src=x onerror=alert(1)>Arras'
    const street = '"><svg onload=alert(2)>'
    const { payload } = await cielBleu({
      adminLogin: `Alex${unique()}`,
      partnerName,
      city,
      street,
    })
    Visitor.instancePath(await visitor.post(`${path}/evenements/SUBMIT`, payload))
    const instance = await WorkflowInstance.findOrFail(Number(path.split('/').pop()))
    assert.equal(instance.state, 'submitted')

    const admin = await caisseHdf()
    const item = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin).withInertia()
    item.assertStatus(200)
    const props = item.inertiaProps as {
      item: { partnerName: string }
      submitted: Array<{ fields: Array<{ label: string; value: string }> }>
    }
    assert.equal(props.item.partnerName, partnerName, 'the raw text, printed as text by React')
    const values = props.submitted.flatMap((section) => section.fields.map((field) => field.value))
    assert.includeMembers(values, [partnerName, city, street])

    /**
     * The first load (HTML) carries the page's data as JSON in a
     * <script type="application/json"> whose "/" are escaped: nothing there
     * can close it, and nothing outside it is the typed text.
     */
    const html = await client.get(`/caisse/dossiers/${instance.id}`).loginAs(admin)
    html.assertStatus(200)
    const page = html.text()
    const data = /<script data-page="[^"]*" type="application\/json">([\s\S]*?)<\/script>/.exec(
      page
    )
    assert.isNotNull(data, 'the page data block')
    assert.notInclude(data![1], '</script', 'the data cannot close its block')
    assert.include(data![1], '<script>alert(\\"ppas\\")<\\/script>', 'the name, as JSON text')
    const outside = page.replace(data![0], '')
    for (const typed of ['alert("ppas")', 'onerror=alert(1)', 'onload=alert(2)']) {
      assert.notInclude(outside, typed)
    }

    /** No page or component of the front end injects HTML */
    const sources = await frontEndSources(app.makePath('inertia'))
    assert.isAbove(sources.length, 5)
    for (const file of sources) {
      assert.notInclude(await readFile(file, 'utf8'), 'dangerouslySetInnerHTML', file)
    }
  })
})

async function frontEndSources(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    const full = join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await frontEndSources(full)))
    else if (/\.(tsx?|jsx?)$/.test(entry.name)) files.push(full)
  }
  return files
}
