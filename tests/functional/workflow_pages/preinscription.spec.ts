import { test } from '@japa/runner'
import Caisse from '#models/caisse'
import Regime from '#models/regime'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import OutboxMessage, { type MailPayload } from '#models/outbox_message'
import { Visitor, cielBleu } from '#tests/functional/workflow_pages/support'

/**
 * R1–R5 through the generic workflow pages, over HTTP: what each page
 * receives (Inertia component and props) and what each "Valider", "OK" and
 * "Enregistrer" does.
 */

async function instanceOf(path: string) {
  return WorkflowInstance.findOrFail(Number(path.split('/').pop()))
}

async function stateOf(path: string) {
  const instance = await instanceOf(path)
  return instance.state
}

test.group('R1–R5 pre-registration pages', () => {
  test('R1 "Vous n’êtes pas encore inscrit ?" leads to the general conditions', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const alias = await visitor.visit('/preinscription')
    assert.oneOf(alias.status(), [301, 302])
    alias.assertHeader('location', '/parcours/preinscription')

    const page = await visitor.visit('/parcours/preinscription')
    page.assertStatus(200)
    page.assertInertiaComponent('workflow/step')
    const props = page.inertiaProps
    assert.isNull(props.instance)
    assert.equal(props.screen.title, 'Conditions générales')
    assert.isAbove(props.screen.paragraphs.length, 5, 'the conditions are shown in full')
    assert.deepEqual(
      props.steps.map((step: { title: string }) => step.title),
      [
        'Conditions générales',
        'Code convention',
        'Formulaire de préinscription',
        'Préinscription en attente de validation',
      ]
    )
    assert.equal(props.activeStep, 0)
    assert.lengthOf(props.forms, 1)
    assert.containsSubset(props.forms[0], {
      event: 'ACCEPT_CONDITIONS',
      submitLabel: 'Valider',
      url: '/parcours/preinscription/evenements/ACCEPT_CONDITIONS',
      fields: [{ name: 'accepted', label: 'J’accepte', type: 'checkbox', required: true }],
    })
    assert.isNull(props.captcha)
  })

  test('R1 "Valider" without ticking "J’accepte" is refused next to the box, no record', async ({
    client,
    assert,
  }) => {
    const before = await WorkflowInstance.query().count('* as total')
    const response = await new Visitor(client).post(
      '/parcours/preinscription/evenements/ACCEPT_CONDITIONS',
      { accepted: false }
    )
    response.assertStatus(422)
    assert.deepEqual(response.body().errors, [
      { field: 'accepted', message: 'Vous devez cocher « J’accepte ».', rule: 'workflow_form' },
    ])
    const after = await WorkflowInstance.query().count('* as total')
    assert.equal(after[0].$extras.total, before[0].$extras.total)
  })

  test('R1 R2 accepting keeps the version and time, then the convention-code question', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = Visitor.instancePath(
      await visitor.post('/parcours/preinscription/evenements/ACCEPT_CONDITIONS', {
        accepted: 'on',
      })
    )
    const instance = await instanceOf(path)
    assert.equal(instance.state, 'convention_code')
    assert.equal(instance.snapshot.context.conditionsVersion, '2026-01')
    const acceptedAt = Date.parse(String(instance.snapshot.context.conditionsAcceptedAt))
    assert.isBelow(Math.abs(Date.now() - acceptedAt), 60_000)

    const page = await visitor.visit(path)
    page.assertInertiaComponent('workflow/step')
    const props = page.inertiaProps
    assert.equal(props.screen.title, 'Code convention')
    assert.equal(props.activeStep, 1)
    assert.isTrue(
      props.screen.paragraphs.some((text: string) =>
        text.includes('contactez la caisse avec laquelle vous avez passé convention')
      )
    )
    assert.containsSubset(props.forms, [
      {
        event: 'CONFIRM_CONVENTION_CODE',
        submitLabel: 'OK',
        fields: [],
        url: `${path}/evenements/CONFIRM_CONVENTION_CODE`,
      },
    ])

    Visitor.instancePath(await visitor.post(`${path}/evenements/CONFIRM_CONVENTION_CODE`))
    assert.equal(await stateOf(path), 'form')
  })

  test('R3 the form shows its three blocks, the régime → caisse list and a captcha', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const page = await visitor.visit(path)
    page.assertInertiaComponent('workflow/step')
    const props = page.inertiaProps
    assert.equal(props.activeStep, 2)
    const [form] = props.forms
    assert.equal(form.event, 'SUBMIT')
    assert.equal(form.submitLabel, 'Enregistrer')
    const fields = Object.fromEntries(
      form.fields.map((field: { name: string }) => [field.name, field])
    ) as Record<string, any>

    assert.deepEqual(
      [...new Set(form.fields.map((field: { group: string }) => field.group))],
      ['Informations partenaire', 'Administrateur', 'Adresse', 'Captcha']
    )
    const required = form.fields
      .filter((field: { required: boolean }) => field.required)
      .map((field: { name: string }) => field.name)
    assert.deepEqual(required, [
      'regime',
      'caisse',
      'conventionCode',
      'partnerType',
      'partnerName',
      'adminLastName',
      'adminFirstName',
      'adminLogin',
      'adminPhone',
      'adminEmail',
      'postalCode',
      'city',
      'captcha',
    ])
    assert.containsSubset(fields.recipient, {
      label: 'Identité destinataire',
      type: 'derived',
      dependsOn: 'partnerName',
    })

    /** The caisse list depends on the régime: every caisse under its own régime only */
    const cnav = await Regime.findByOrFail('code', 'CNAV')
    const msa = await Regime.findByOrFail('code', 'MSA')
    assert.containsSubset(fields.regime.options, [
      { value: String(cnav.id), label: cnav.name },
      { value: String(msa.id), label: msa.name },
    ])
    assert.equal(fields.caisse.dependsOn, 'regime')
    const cnavCaisses = fields.caisse.optionsByParent[String(cnav.id)].map(
      (option: { label: string }) => option.label
    )
    assert.include(cnavCaisses, 'CARSAT Hauts-de-France')
    assert.notInclude(cnavCaisses, 'MSA Picardie')
    assert.include(
      fields.caisse.optionsByParent[String(msa.id)].map(
        (option: { label: string }) => option.label
      ),
      'MSA Picardie'
    )
    assert.includeMembers(
      fields.partnerType.options.map((option: { label: string }) => option.label),
      ['Structure d’évaluation']
    )

    assert.match(props.captcha.id, /^[0-9a-f-]{36}$/)
    assert.match(props.captcha.image, /^data:image\/svg\+xml;base64,/)
  })

  test('R3 a caisse of another régime (tampered request) is refused on the caisse field', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const msaCaisse = await Caisse.findByOrFail('code', 'MSA-PI')
    const { payload } = await cielBleu({ caisse: String(msaCaisse.id) })
    const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
    response.assertStatus(422)
    assert.deepEqual(response.body().errors, [
      {
        field: 'caisse',
        message: 'La valeur choisie pour « Caisse » ne correspond pas au choix « Régime ».',
        rule: 'workflow_form',
      },
    ])
    assert.equal(await stateOf(path), 'form')
  })

  test('R3 R4 a login already used, whatever its case, is refused on submit')
    .with(['partenaire1', 'PARTENAIRE1', 'CaisseHDF'])
    .run(async ({ client, assert }, login) => {
      const visitor = new Visitor(client)
      const path = await visitor.reachForm()
      const { payload } = await cielBleu({ adminLogin: login })
      const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
      response.assertStatus(422)
      assert.deepEqual(response.body().errors, [
        {
          field: 'adminLogin',
          message: 'Ce login est déjà utilisé sur le portail : choisissez-en un autre.',
          rule: 'workflow_form',
        },
      ])
    })

  test('R4 each wrong field gets its message; the page then shows a new captcha', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const firstPage = await visitor.visit(path)
    const first = firstPage.inertiaProps.captcha
    const { payload } = await cielBleu({
      siret: '73282932000075',
      partnerPhone: '03 21',
      adminLogin: 'Alex 7',
      postalCode: '2A004',
      adminEmail: 'alex7@',
      city: '',
      captcha: 'wrong',
      captchaId: first.id,
    })
    const response = await visitor.post(`${path}/evenements/SUBMIT`, payload)
    response.assertStatus(422)
    const errors = Object.fromEntries(
      response
        .body()
        .errors.map((error: { field: string; message: string }) => [error.field, error.message])
    )
    assert.deepEqual(errors, {
      siret: 'Le champ « SIRET » doit contenir 14 chiffres et une clé valide.',
      partnerPhone:
        'Le champ « Téléphone » doit être un numéro de 10 chiffres au format « nn nn nn nn nn ».',
      adminLogin:
        'Le champ « Login » ne peut contenir que des lettres et des chiffres, sans accent, espace ni caractère spécial.',
      postalCode:
        'Le champ « CP » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
      adminEmail: 'Le champ « Email » doit être une adresse email valide.',
      city: 'Le champ « Nom commune » est obligatoire.',
      captcha:
        'Les caractères saisis ne correspondent pas à l’image : saisissez ceux de la nouvelle image.',
    })
    const again = await visitor.visit(path)
    assert.notEqual(again.inertiaProps.captcha.id, first.id)
    assert.equal(await stateOf(path), 'form')
  })

  test('R4 through Inertia, a refused form goes back to its page with the errors per field', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const { payload } = await cielBleu({ postalCode: '620' })
    const response = await visitor.postInertia(`${path}/evenements/SUBMIT`, payload)
    assert.oneOf(response.status(), [302, 303])
    const page = await visitor.visit(path)
    page.assertInertiaComponent('workflow/step')
    assert.equal(page.inertiaProps.errors.postalCode, 'Le champ « CP » doit contenir 5 chiffres.')
  })

  test('R5 "Enregistrer": confirmation, routed to the chosen caisse, its administrators mailed', async ({
    client,
    assert,
  }) => {
    const visitor = new Visitor(client)
    const path = await visitor.reachForm()
    const { payload, caisse } = await cielBleu({ adminLogin: 'CielBleu5' })
    Visitor.instancePath(await visitor.post(`${path}/evenements/SUBMIT`, payload))

    const instance = await instanceOf(path)
    assert.equal(instance.state, 'submitted')
    assert.equal(instance.caisseId, caisse.id)
    const context = instance.snapshot.context
    assert.containsSubset(context, {
      partnerName: 'Association Ciel Bleu',
      recipient: 'Association Ciel Bleu',
      adminLogin: 'CielBleu5',
      adminPhone: '03 21 00 00 00',
      caisse: caisse.id,
    })
    assert.notProperty(context, 'captcha')
    assert.notProperty(context, 'captchaId')
    const audit = await WorkflowTransition.query()
      .where('instance_id', instance.id)
      .where('event', 'SUBMIT')
      .firstOrFail()
    assert.notProperty(audit.payload, 'captcha')
    assert.notProperty(audit.payload, 'captchaId')

    const rows = await OutboxMessage.query().orderBy('id')
    const mails = rows
      .map((row) => row.payload as MailPayload)
      .filter((mail) => mail.workflowInstanceId === instance.id)
    assert.deepEqual(mails.map((mail) => mail.to).sort(), [
      'alex7@cielbleu.fr',
      'caissehdf@carsat-hdf.demo',
    ])
    const toCaisse = mails.find((mail) => mail.to === 'caissehdf@carsat-hdf.demo')!
    assert.equal(toCaisse.subject, 'PPAS – Préinscription de « Association Ciel Bleu » à valider')
    assert.include(toCaisse.text, 'CARSAT Hauts-de-France')
    assert.include(toCaisse.text, 'Bonjour Claire DUPONT')

    const page = await visitor.visit(path)
    page.assertInertiaComponent('workflow/status')
    const props = page.inertiaProps
    assert.equal(props.screen.title, 'Préinscription en attente de validation')
    assert.include(props.screen.paragraphs[0], 'Votre préinscription est enregistrée')
    assert.lengthOf(props.forms, 0)
    assert.containsSubset(props.screen.display, [
      { label: 'Caisse', value: 'CARSAT Hauts-de-France' },
      { label: 'Nom partenaire', value: 'Association Ciel Bleu' },
    ])
    assert.equal(props.activeStep, 3)
  })
})
