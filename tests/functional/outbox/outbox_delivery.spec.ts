import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import { Mailer } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import emitter from '@adonisjs/core/services/emitter'
import OutboxMessage from '#models/outbox_message'
import { sqlDateTime } from '#models/columns'
import OutboxWorker from '#outbox/outbox_worker'
import { mailbox } from '#tests/helpers/mailbox'
import { closedPort } from '#tests/helpers/unreachable_database'

function queueMail(to: string, subject: string) {
  return OutboxMessage.create({
    kind: 'mail',
    payload: { to, subject, text: `Bonjour,\n${subject}`, template: 'test' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: DateTime.utc(),
  })
}

test.group('W outbox delivery', (group) => {
  group.each.setup(async () => {
    await OutboxMessage.query().delete()
  })

  test('W the worker delivers queued mails over SMTP and marks them sent', async ({ assert }) => {
    const queued = await queueMail('destinataire1@example.fr', 'Préinscription enregistrée')
    const handled = await new OutboxWorker(mail.use()).drain()

    assert.equal(handled, 1)
    const received = await mailbox.waitFor((message) =>
      message.to.includes('destinataire1@example.fr')
    )
    assert.equal(received.subject, 'Préinscription enregistrée')
    assert.include(received.text, 'Préinscription enregistrée')
    await queued.refresh()
    assert.equal(queued.status, 'sent')
    assert.isNotNull(queued.sentAt)
  })

  test('W a failing SMTP server: retries with back-off, then failed with the error kept', async ({
    assert,
  }) => {
    const unreachable = new Mailer(
      'unreachable',
      /** No SMTP server listens there: every delivery fails to connect */
      new SMTPTransport({ host: '127.0.0.1', port: await closedPort() }),
      emitter
    )
    const worker = new OutboxWorker(unreachable, { maxAttempts: 3, baseDelaySeconds: 60 })
    const queued = await queueMail('destinataire2@example.fr', 'Jamais remis')

    await worker.drain()
    await queued.refresh()
    assert.equal(queued.status, 'pending')
    assert.equal(queued.attempts, 1)
    assert.match(queued.lastError!, /ECONNREFUSED|connect/i)
    const firstDelay = queued.nextAttemptAt.diff(DateTime.utc(), 'seconds').seconds
    assert.approximately(firstDelay, 60, 5)

    /** Not due yet: nothing happens */
    assert.equal(await worker.drain(), 0)

    /** Second attempt: the delay doubles */
    await OutboxMessage.query()
      .where('id', queued.id)
      .update({ next_attempt_at: sqlDateTime(DateTime.utc()) })
    await worker.drain()
    await queued.refresh()
    assert.equal(queued.attempts, 2)
    assert.approximately(queued.nextAttemptAt.diff(DateTime.utc(), 'seconds').seconds, 120, 5)

    await OutboxMessage.query()
      .where('id', queued.id)
      .update({ next_attempt_at: sqlDateTime(DateTime.utc()) })
    await worker.drain()
    await queued.refresh()
    assert.equal(queued.status, 'failed')
    assert.equal(queued.attempts, 3)
    assert.isNotNull(queued.lastError)
    assert.equal(await worker.drain(), 0)
  })

  test('W several workers at once never send a message twice', async ({ assert }) => {
    const count = 30
    for (let index = 0; index < count; index++) {
      await queueMail(`concurrent${index}@example.fr`, `Message ${index}`)
    }
    const before = mailbox.messages.length
    const workers = [1, 2, 3, 4].map(() => new OutboxWorker(mail.use(), { batchSize: 4 }))
    const handled = await Promise.all(workers.map((worker) => worker.drain()))

    assert.equal(
      handled.reduce((sum, value) => sum + value, 0),
      count
    )
    const delivered = mailbox.messages.slice(before).flatMap((message) => message.to)
    assert.lengthOf(delivered, count)
    assert.lengthOf(new Set(delivered), count)
    const statuses = await OutboxMessage.query().select('status').distinct('status')
    assert.deepEqual(
      statuses.map((row) => row.status),
      ['sent']
    )
  })
})
