import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { PARTNER_UPDATED } from '#controllers/administration/partner_controller'
import { NOTHING_CHANGED } from '#services/administration/administered_partner'
import { auditRowsOf, partnerForm, partnerWithAccounts, storedPartner } from './support.js'

type PageProps = {
  tab: string
  partner: { name: string; siret: string | null; email: string | null; phone: string | null }
  forms: { partner: Record<string, string>; address: Record<string, string> }
  history: Record<
    string,
    Array<{
      at: string
      atIso: string
      actor: string
      action: string
      changes: Array<{ field: string; before: string; after: string }>
    }>
  >
  errors: Record<string, string>
}

const SIRET_MESSAGE = 'Le champ « SIRET » doit contenir 14 chiffres et une clé valide.'
const PHONE_MESSAGE =
  'Le champ « Téléphone » doit être un numéro de 10 chiffres au format « nn nn nn nn nn ».'

/**
 * Each refused input: the field, what was typed and the French message
 * shown next to it (the onboarding rules of app/validators/rules/fields.ts).
 */
const BAD_INPUTS: Array<{
  title: string
  field: string
  typed: string
  message: string
  /** How the form shows it again, when not as typed (the body parser trims) */
  shownAs?: string
}> = [
  {
    title: 'a SIRET with a wrong Luhn key',
    field: 'siret',
    typed: '73282932000075',
    message: SIRET_MESSAGE,
  },
  { title: 'a SIRET of 13 digits', field: 'siret', typed: '7328293200007', message: SIRET_MESSAGE },
  {
    title: 'a SIRET of 15 digits',
    field: 'siret',
    typed: '732829320000740',
    message: SIRET_MESSAGE,
  },
  {
    title: 'a SIRET with letters',
    field: 'siret',
    typed: '7328293200007A',
    message: SIRET_MESSAGE,
  },
  { title: 'a phone of 8 digits', field: 'phone', typed: '03 21 45 67', message: PHONE_MESSAGE },
  {
    title: 'a phone with letters',
    field: 'phone',
    typed: '03 21 AB 67 89',
    message: PHONE_MESSAGE,
  },
  {
    title: 'a phone longer than 14 characters',
    field: 'phone',
    typed: '03 21 45 67 89 10',
    message: 'Le champ « Téléphone » doit compter au plus 14 caractères.',
  },
  {
    title: 'a bad email',
    field: 'email',
    typed: 'contact@',
    message: 'Le champ « Email » doit être une adresse email valide.',
  },
  {
    title: 'an email longer than 254 characters',
    field: 'email',
    typed: `${'a'.repeat(64)}@${'b'.repeat(190)}.fr`,
    message: 'Le champ « Email » doit compter au plus 254 caractères.',
  },
  {
    title: 'an empty nom',
    field: 'name',
    typed: '',
    message: 'Le champ « Nom partenaire » est obligatoire.',
  },
  {
    title: 'a nom of blanks only',
    field: 'name',
    typed: '   ',
    shownAs: '',
    message: 'Le champ « Nom partenaire » est obligatoire.',
  },
  {
    title: 'a nom longer than 150 characters',
    field: 'name',
    typed: 'A'.repeat(151),
    message: 'Le champ « Nom partenaire » doit compter au plus 150 caractères.',
  },
]

test.group('M1 « Partenaires »: nom, SIRET, email, téléphone', () => {
  test('M1 « Valider » saves the partner’s data, shows it at once with a confirmation and records who changed what', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)
    const startedAt = DateTime.now().minus({ seconds: 1 })

    const response = await client
      .put('/administration/partenaire')
      .json(partnerForm({ phone: '0321456789' }))
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/administration?onglet=partenaires')
    response.assertFlashMessage('success', PARTNER_UPDATED)

    const after = await storedPartner(partner.id)
    assert.deepEqual(after.partner, {
      name: 'Association Ciel Bleu',
      siret: '73282932000074',
      email: 'contact@cielbleu.fr',
      phone: '03 21 45 67 89',
    })
    assert.deepEqual(after.address, before.address, 'the address is another form')

    /** The page on the same tab shows the stored values */
    const page = await client
      .get('/administration')
      .qs({ onglet: 'partenaires' })
      .loginAs(admin)
      .withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('administration/show')
    const props = page.inertiaProps as PageProps
    assert.equal(props.tab, 'partenaires')
    assert.deepEqual(props.partner, after.partner)
    assert.deepEqual(props.forms.partner, {
      name: 'Association Ciel Bleu',
      siret: '73282932000074',
      email: 'contact@cielbleu.fr',
      phone: '03 21 45 67 89',
    })

    /** The audit: who, what (before/after of the changed fields), when */
    const rows = await auditRowsOf(partner.id)
    assert.lengthOf(rows, 1)
    const [row] = rows
    assert.equal(row.actorId, admin.id)
    assert.equal(row.subjectType, 'partner')
    assert.equal(row.subjectId, partner.id)
    assert.equal(row.action, 'update')
    assert.deepEqual(row.changes, {
      name: { before: before.partner.name, after: 'Association Ciel Bleu' },
      siret: { before: before.partner.siret, after: '73282932000074' },
      email: { before: before.partner.email, after: 'contact@cielbleu.fr' },
      phone: { before: before.partner.phone, after: '03 21 45 67 89' },
    })

    /** « Historique des modifications » under the tab, French date in Paris time */
    const [entry] = props.history.partenaires
    assert.equal(entry.actor, `${admin.firstName} ${admin.lastName} (${admin.login})`)
    assert.equal(entry.action, 'Modification des informations du partenaire')
    assert.deepInclude(entry.changes, {
      field: 'Email',
      before: before.partner.email!,
      after: 'contact@cielbleu.fr',
    })
    assert.match(entry.at, /^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/)
    const at = DateTime.fromISO(entry.atIso)
    assert.isTrue(at >= startedAt.startOf('minute'))
    assert.match(entry.atIso, /\+0[12]:00$/)
    assert.equal(
      entry.at,
      at.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH:mm"),
      'the date is Paris time'
    )
    assert.lengthOf(props.history.adresse, 0, 'each tab lists its own changes')
  })

  test('M1 only the changed fields are recorded; a « Valider » that changes nothing records nothing', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)

    const changed = await client
      .put('/administration/partenaire')
      .json({ ...before.partner, email: 'nouvelle@adresse.fr' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    changed.assertStatus(302)
    const rows = await auditRowsOf(partner.id)
    assert.lengthOf(rows, 1)
    assert.deepEqual(rows[0].changes, {
      email: { before: before.partner.email, after: 'nouvelle@adresse.fr' },
    })

    const same = await client
      .put('/administration/partenaire')
      .json({ ...before.partner, email: 'nouvelle@adresse.fr' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    same.assertStatus(302)
    same.assertFlashMessage('success', NOTHING_CHANGED)
    assert.lengthOf(await auditRowsOf(partner.id), 1)
  })

  test('M1 SIRET, email and téléphone may be left empty: they are cleared', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const response = await client
      .put('/administration/partenaire')
      .json({ name: 'Association Sans Contact', siret: '', email: '', phone: '' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const after = await storedPartner(partner.id)
    assert.deepEqual(after.partner, {
      name: 'Association Sans Contact',
      siret: null,
      email: null,
      phone: null,
    })
  })

  for (const bad of BAD_INPUTS) {
    test(`M1 ${bad.title} is refused (422) with its French message, what was typed kept, nothing changed`, async ({
      client,
      assert,
    }) => {
      const { partner, admin } = await partnerWithAccounts()
      const before = await storedPartner(partner.id)
      const form = partnerForm({ [bad.field]: bad.typed })

      const response = await client
        .put('/administration/partenaire')
        .json(form)
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      response.assertStatus(422)
      response.assertInertiaComponent('administration/show')
      const props = response.inertiaProps as PageProps
      assert.equal(props.tab, 'partenaires')
      assert.equal(props.errors[bad.field], bad.message)
      assert.deepEqual(Object.keys(props.errors), [bad.field], 'the other fields were fine')
      /** What was typed is shown again, every field of the form */
      assert.deepEqual(props.forms.partner, { ...form, [bad.field]: bad.shownAs ?? bad.typed })
      /** The summary at the top still shows what is stored */
      assert.deepEqual(props.partner, before.partner)

      assert.deepEqual(await storedPartner(partner.id), before)
      assert.lengthOf(await auditRowsOf(partner.id), 0)
    })
  }

  test('M1 several wrong fields are refused together, one message each', async ({
    client,
    assert,
  }) => {
    const { partner, admin } = await partnerWithAccounts()
    const before = await storedPartner(partner.id)
    const response = await client
      .put('/administration/partenaire')
      .json({ name: '', siret: '123', email: 'x', phone: '12' })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(422)
    const props = response.inertiaProps as PageProps
    assert.deepEqual(props.errors, {
      name: 'Le champ « Nom partenaire » est obligatoire.',
      siret: SIRET_MESSAGE,
      email: 'Le champ « Email » doit être une adresse email valide.',
      phone: PHONE_MESSAGE,
    })
    assert.deepEqual(await storedPartner(partner.id), before)
  })
})
