import { test } from '@japa/runner'
import User from '#models/user'
import Partner from '#models/partner'
import PartnerAddress from '#models/partner_address'
import Convention from '#models/convention'
import WorkflowInstance from '#models/workflow_instance'
import WorkflowTransition from '#models/workflow_transition'
import OutboxMessage, { type MailPayload } from '#models/outbox_message'
import AccountLifecycleService from '#services/accounts/lifecycle'
import { loginTakenMessage } from '#services/onboarding/partner'
import { mailbox } from '#tests/helpers/mailbox'
import {
  caisseHdf,
  counts,
  decide,
  deliverOutbox,
  submitCielBleu,
  temporaryPasswordIn,
  unique,
} from '#tests/functional/onboarding/support'

/**
 * R6: the caisse's decision on a pre-registration, from the back-office
 * item page, and what it creates (or not), on whichever engine the run uses.
 */
test.group('R6 decision on a pre-registration', () => {
  test('R6 validation creates the partner, its address, its validated convention and its administrator in password change required', async ({
    client,
    assert,
  }) => {
    const admin = await caisseHdf()
    const { instance, payload } = await submitCielBleu(client, {
      siret: '73282932000074',
      partnerEmail: 'contact@cielbleu.fr',
      partnerPhone: '03-21-00-00-00',
      street: '12 rue des Trois Visages',
      complement: 'Bâtiment B',
      poBox: 'BP 12',
    })
    const login = String(payload.adminLogin)
    const email = String(payload.adminEmail)

    const response = await decide(client, admin, instance, 'VALIDATE')
    response.assertStatus(302)
    response.assertHeader('location', `/caisse/dossiers/${instance.id}`)

    await instance.refresh()
    assert.equal(instance.state, 'validated')
    assert.equal(instance.status, 'done')

    /** The partner, as typed (phone normalised) */
    assert.isNotNull(instance.partnerId, 'the record is linked to its partner')
    const partner = await Partner.findOrFail(instance.partnerId)
    assert.equal(partner.name, 'Association Ciel Bleu')
    assert.equal(instance.subjectType, 'partner')
    assert.equal(instance.subjectId, partner.id)
    assert.equal(partner.siret, '73282932000074')
    assert.equal(partner.email, 'contact@cielbleu.fr')
    assert.equal(partner.phone, '03 21 00 00 00')
    assert.equal(partner.partnerTypeId, Number(payload.partnerType))

    const address = await PartnerAddress.findByOrFail('partnerId', partner.id)
    assert.equal(address.companyName, 'Association Ciel Bleu', 'raison sociale = nom partenaire')
    assert.equal(address.recipient, 'Association Ciel Bleu', 'identité destinataire')
    assert.equal(address.postalCode, '62000')
    assert.equal(address.city, 'Arras')
    assert.equal(address.street, '12 rue des Trois Visages')
    assert.equal(address.complement, 'Bâtiment B')
    assert.equal(address.poBox, 'BP 12')

    const conventions = await Convention.query().where('partner_id', partner.id)
    assert.lengthOf(conventions, 1)
    assert.equal(conventions[0].caisseId, Number(payload.caisse))
    assert.equal(conventions[0].code, '757300')
    assert.equal(conventions[0].state, 'validated')
    assert.isNull(conventions[0].conventionTypeId, 'the form asks no convention type')

    /** The administrator: login as typed, names, phone normalised, role partner_admin */
    const user = await User.findByOrFail('login_key', login.toLowerCase())
    assert.equal(user.login, login)
    assert.equal(user.lastName, 'GRIZZI')
    assert.equal(user.firstName, 'Alexandre')
    assert.equal(user.phone, '03 21 00 00 00')
    assert.equal(user.email, email)
    assert.equal(user.role, 'partner_admin')
    assert.equal(user.partnerId, partner.id)
    assert.isTrue(user.mustChangePassword)
    assert.isNotNull(user.temporaryPasswordExpiresAt)
    assert.isAbove(user.temporaryPasswordExpiresAt!.toMillis(), Date.now())

    /** Its user-lifecycle record waits for the password change */
    const lifecycle = await new AccountLifecycleService().instanceOf(user)
    assert.equal(lifecycle?.state, 'password_change_required')
    assert.equal(lifecycle?.partnerId, partner.id)

    /** The temporary password is in no audit row and no record context */
    const audit = await WorkflowTransition.query().whereIn('instance_id', [
      instance.id,
      lifecycle!.id,
    ])
    const validation = audit.find((row) => row.event === 'VALIDATE')!
    assert.equal(validation.actorId, admin.id)
    assert.deepEqual(validation.payload, {})

    /** Mails over SMTP: the temporary password, and the validation with the login */
    await deliverOutbox()
    const passwordMail = await mailbox.waitFor(
      (mail) => mail.to.includes(email) && mail.subject === 'PPAS – Votre compte'
    )
    const password = temporaryPasswordIn(passwordMail.text)
    assert.include(passwordMail.text, login)
    const validatedMail = await mailbox.waitFor(
      (mail) => mail.to.includes(email) && mail.subject === 'PPAS – Préinscription validée'
    )
    assert.include(validatedMail.text, login)
    for (const row of audit) {
      assert.notInclude(JSON.stringify(row.payload), password)
    }
    const records = await WorkflowInstance.query().whereIn('id', [instance.id, lifecycle!.id])
    for (const record of records) {
      assert.notInclude(JSON.stringify(record.snapshot), password)
    }

    /** The temporary password signs in, straight to « Changer mon mot de passe » */
    const signIn = await client
      .post('/connexion')
      .form({ login, password })
      .withCsrfToken()
      .redirects(0)
    signIn.assertStatus(302)
    signIn.assertHeader('location', '/mot-de-passe')
  })

  test('R6 invalidation mails the reason and creates nothing', async ({ client, assert }) => {
    const admin = await caisseHdf()
    const { instance, payload } = await submitCielBleu(client)
    const email = String(payload.adminEmail)
    const before = await counts()
    const reason = 'Le code convention 757300 ne correspond à aucune convention de la caisse.'

    /** A reason is required */
    const missing = await decide(client, admin, instance, 'INVALIDATE', { reason: '' })
    missing.assertStatus(422)
    assert.equal(
      missing.inertiaProps.errors.reason,
      "Le champ « Motif de l'invalidation » est obligatoire."
    )

    const response = await decide(client, admin, instance, 'INVALIDATE', { reason })
    response.assertStatus(302)
    await instance.refresh()
    assert.equal(instance.state, 'invalidated')
    assert.equal(instance.status, 'done', 'the record ends: a new pre-registration is a new record')
    assert.isNull(instance.partnerId)
    assert.deepEqual(await counts(), before, 'no partner, address, convention or user')
    assert.isNull(await User.findBy('login_key', String(payload.adminLogin).toLowerCase()))

    await deliverOutbox()
    const received = await mailbox.waitFor(
      (mail) => mail.to.includes(email) && mail.subject === 'PPAS – Préinscription invalidée'
    )
    assert.include(received.text, reason)
    assert.include(received.text, 'devra être à nouveau saisi dans sa globalité')

    /** The record takes no other decision */
    const again = await decide(client, admin, instance, 'VALIDATE')
    again.assertStatus(409)
    assert.deepEqual(await counts(), before)
  })

  test('R6 a login taken meanwhile blocks the validation with a message', async ({
    client,
    assert,
  }) => {
    const admin = await caisseHdf()
    const { instance, payload } = await submitCielBleu(client)
    const login = String(payload.adminLogin)

    /** Someone else takes the login, in another case, after the submission */
    await User.create({
      login: login.toUpperCase(),
      lastName: 'AUTRE',
      firstName: 'Compte',
      email: `autre${unique()}@example.fr`,
      password: 'Secret2026',
      role: 'partner_user',
    })
    const before = await counts()
    const outboxBefore = await OutboxMessage.query().count('* as total')

    const response = await decide(client, admin, instance, 'VALIDATE')
    response.assertStatus(422)
    response.assertInertiaComponent('back_office/items/show')
    assert.equal(response.inertiaProps.alert, loginTakenMessage(login))
    assert.include(response.inertiaProps.alert, `Le login « ${login} »`)
    assert.isTrue(response.inertiaProps.item.pending, 'the record still waits for a decision')

    await instance.refresh()
    assert.equal(instance.state, 'submitted')
    assert.isNull(instance.partnerId)
    assert.deepEqual(await counts(), before, 'nothing created')
    const outboxAfter = await OutboxMessage.query().count('* as total')
    assert.equal(outboxAfter[0].$extras.total, outboxBefore[0].$extras.total, 'no mail queued')

    /** The caisse can still invalidate it with that reason */
    const invalidated = await decide(client, admin, instance, 'INVALIDATE', {
      reason: 'Le login choisi est déjà utilisé : recommencez avec un autre login.',
    })
    invalidated.assertStatus(302)
    const last = await OutboxMessage.query().orderBy('id', 'desc').firstOrFail()
    assert.equal((last.payload as MailPayload).template, 'preinscription_invalidated')
    assert.deepEqual(await counts(), before)
  })
})
