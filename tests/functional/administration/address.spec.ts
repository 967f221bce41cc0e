import { test } from '@japa/runner'
import { ADDRESS_UPDATED } from '#controllers/administration/address_controller'
import { RAISON_SOCIALE_FIXED } from '#services/administration/address'
import { addressForm, auditRowsOf, partnerWithAccounts, storedPartner } from './support.js'

type PageProps = {
  tab: string
  address: Record<string, string | null>
  forms: { partner: Record<string, string>; address: Record<string, string> }
  history: Record<
    string,
    Array<{
      actor: string
      action: string
      changes: Array<{ field: string; before: string; after: string }>
    }>
  >
  errors: Record<string, string>
}

const BAD_INPUTS: Array<{
  title: string
  field: string
  typed: string
  message: string
  shownAs?: string
}> = [
  {
    title: 'a CP with letters',
    field: 'postalCode',
    typed: 'ABCDE',
    message: 'Le champ « CP » doit contenir 5 chiffres.',
  },
  {
    title: 'a CP of 4 digits',
    field: 'postalCode',
    typed: '6200',
    message: 'Le champ « CP » doit contenir 5 chiffres.',
  },
  {
    title: 'a CP written with the Corsican department 2A (with the hint)',
    field: 'postalCode',
    typed: '2A004',
    message:
      'Le champ « CP » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
  },
  {
    title: 'a CP written with 2B (with the hint)',
    field: 'postalCode',
    typed: '2B200',
    message:
      'Le champ « CP » doit contenir 5 chiffres : 2A et 2B sont des codes de département ; le code postal d’Ajaccio est 20000, celui de Bastia 20200.',
  },
  {
    title: 'an empty CP',
    field: 'postalCode',
    typed: '',
    message: 'Le champ « CP » est obligatoire.',
  },
  {
    title: 'an empty nom commune',
    field: 'city',
    typed: '',
    message: 'Le champ « Nom commune » est obligatoire.',
  },
  {
    title: 'a nom commune of blanks only',
    field: 'city',
    typed: '  ',
    shownAs: '',
    message: 'Le champ « Nom commune » est obligatoire.',
  },
  {
    title: 'a nom commune longer than 100 characters',
    field: 'city',
    typed: 'A'.repeat(101),
    message: 'Le champ « Nom commune » doit compter au plus 100 caractères.',
  },
  {
    title: 'a boîte postale longer than 50 characters',
    field: 'poBox',
    typed: 'B'.repeat(51),
    message: 'Le champ « Boîte postale » doit compter au plus 50 caractères.',
  },
  {
    title: 'an identité destinataire longer than 150 characters',
    field: 'recipient',
    typed: 'I'.repeat(151),
    message: 'Le champ « Identité destinataire » doit compter au plus 150 caractères.',
  },
  {
    title: 'a voie longer than 150 characters',
    field: 'street',
    typed: 'V'.repeat(151),
    message: 'Le champ « Voie » doit compter au plus 150 caractères.',
  },
  {
    title: 'a complément longer than 150 characters',
    field: 'complement',
    typed: 'C'.repeat(151),
    message: 'Le champ « Complément d’adresse » doit compter au plus 150 caractères.',
  },
]

test.group('M7 « Adresse »: every field but the raison sociale', () => {
  test('M7 « Valider » saves the address, shows it at once with a confirmation and records who changed what', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)

    const response = await client
      .put('/administration/adresse')
      .json(addressForm())
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/administration?onglet=adresse')
    response.assertFlashMessage('success', ADDRESS_UPDATED)

    const after = await storedPartner(partner.id)
    assert.deepEqual(after.address, {
      companyName: before.address.companyName,
      recipient: 'Association Ciel Bleu',
      street: '12 rue des Lilas',
      complement: 'Bâtiment B',
      poBox: 'BP 42',
      postalCode: '62000',
      city: 'Arras',
    })
    assert.deepEqual(after.partner, before.partner, 'the partner’s data is another form')

    const page = await client
      .get('/administration')
      .qs({ onglet: 'adresse' })
      .loginAs(admin)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as PageProps
    assert.equal(props.tab, 'adresse')
    assert.deepEqual(props.address, after.address)
    assert.deepEqual(props.forms.address, after.address)
    assert.equal(props.forms.address.companyName, before.address.companyName, 'shown read-only')

    const rows = await auditRowsOf(partner.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].actorId, admin.id)
    assert.equal(rows[0].subjectType, 'partner_address')
    assert.equal(rows[0].action, 'update')
    assert.deepEqual(rows[0].changes.poBox, { before: null, after: 'BP 42' })
    assert.notProperty(rows[0].changes, 'companyName')

    const [entry] = props.history.adresse
    assert.equal(entry.action, 'Modification de l’adresse')
    assert.equal(entry.actor, `${admin.firstName} ${admin.lastName} (${admin.login})`)
    assert.deepInclude(entry.changes, { field: 'Boîte postale', before: '(vide)', after: 'BP 42' })
    assert.lengthOf(props.history.partenaires, 0)
  })

  test('M7 optional fields left empty are cleared', async ({ client, assert }) => {
    const { partner, admin } = await partnerWithAccounts()
    await client
      .put('/administration/adresse')
      .json(addressForm())
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)

    const response = await client
      .put('/administration/adresse')
      .json(addressForm({ recipient: '', street: '', complement: '', poBox: '' }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const { address } = await storedPartner(partner.id)
    assert.deepInclude(address, { recipient: null, street: null, complement: null, poBox: null })
    const rows = await auditRowsOf(partner.id)
    assert.deepEqual(rows[1].changes.poBox, { before: 'BP 42', after: null })
  })

  test('M7 a request that changes the raison sociale is refused (422 in French), nothing changed', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)

    const response = await client
      .put('/administration/adresse')
      .json(addressForm({ companyName: 'Une autre raison sociale' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    response.assertInertiaComponent('administration/show')
    const props = response.inertiaProps as PageProps
    assert.equal(props.tab, 'adresse')
    assert.deepEqual(props.errors, { companyName: RAISON_SOCIALE_FIXED })
    assert.equal(
      RAISON_SOCIALE_FIXED,
      'La raison sociale ne peut pas être modifiée : elle est fixée lors de l’inscription du partenaire.'
    )
    /** The other fields were valid: they are not saved either, but kept in the form */
    assert.equal(props.forms.address.poBox, 'BP 42')
    assert.equal(props.forms.address.companyName, before.address.companyName)
    assert.deepEqual(await storedPartner(partner.id), before)
    assert.lengthOf(await auditRowsOf(partner.id), 0)
  })

  test('M7 the raison sociale sent unchanged is accepted (and still not written)', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)
    const response = await client
      .put('/administration/adresse')
      .json(addressForm({ companyName: before.address.companyName }))
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const after = await storedPartner(partner.id)
    assert.equal(after.address.companyName, before.address.companyName)
    assert.equal(after.address.poBox, 'BP 42')
  })

  for (const bad of BAD_INPUTS) {
    test(`M7 ${bad.title} is refused (422) with its French message, what was typed kept, nothing changed`, async ({
      client,
      assert,
    }) => {
      const { partner, admin } = await partnerWithAccounts()
      const before = await storedPartner(partner.id)
      const form = addressForm({ [bad.field]: bad.typed })

      const response = await client
        .put('/administration/adresse')
        .json(form)
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      response.assertStatus(422)
      response.assertInertiaComponent('administration/show')
      const props = response.inertiaProps as PageProps
      assert.equal(props.tab, 'adresse')
      assert.deepEqual(props.errors, { [bad.field]: bad.message })
      assert.deepEqual(props.forms.address, {
        ...form,
        [bad.field]: bad.shownAs ?? bad.typed,
        companyName: before.address.companyName,
      })
      assert.deepEqual(await storedPartner(partner.id), before)
      assert.lengthOf(await auditRowsOf(partner.id), 0)
    })
  }
})
