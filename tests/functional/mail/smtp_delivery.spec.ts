import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import { mailbox } from '#tests/helpers/mailbox'

test.group('Mail delivery over SMTP', () => {
  test('a mail sent with @adonisjs/mail reaches an in-process SMTP server', async ({ assert }) => {
    const subject = `Votre préinscription est validée (${Date.now()})`
    await mail.use('smtp').send((message) => {
      message
        .to('partenaire.demo@example.fr')
        .subject(subject)
        .text('Bonjour,\n\nVotre préinscription au portail est validée.\n\nL’équipe PPAS')
    })

    const received = await mailbox.waitFor((caught) => caught.subject === subject)
    assert.deepEqual(received.to, ['partenaire.demo@example.fr'])
    assert.include(received.from, env.get('MAIL_FROM_ADDRESS')!)
    assert.include(received.text, 'Votre préinscription au portail est validée.')
    assert.isNull(received.html)
  })

  test('the caught mail keeps every envelope recipient and the HTML body', async ({ assert }) => {
    const subject = `Nouvelle demande de convention (${Date.now()})`
    await mail.send((message) => {
      message
        .to('caisse@example.fr')
        .cc('analyste@example.fr')
        .bcc('archives@example.fr')
        .subject(subject)
        .html('<p>Une <strong>nouvelle demande</strong> attend votre avis.</p>')
        .text('Une nouvelle demande attend votre avis.')
    })

    const received = await mailbox.waitFor((caught) => caught.subject === subject)
    assert.sameMembers(received.to, [
      'caisse@example.fr',
      'analyste@example.fr',
      'archives@example.fr',
    ])
    assert.include(received.html ?? '', '<strong>nouvelle demande</strong>')
    assert.equal(received.text.trim(), 'Une nouvelle demande attend votre avis.')
  })
})
