import { test } from '@japa/runner'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { MailCatcher, readMail, readMailbox, type CaughtMail } from '#services/mailbox/catcher'

/** A catcher on a free port writing to a fresh folder, closed and removed after the test */
async function catcherWithFolder(cleanup: (fn: () => Promise<void>) => void) {
  const folder = await mkdtemp(join(tmpdir(), 'ppas-mailbox-'))
  const catcher = await new MailCatcher({ port: 0, folder }).listen()
  cleanup(async () => {
    await catcher.close()
    await rm(folder, { recursive: true, force: true })
  })
  const transport = new SMTPTransport({ host: '127.0.0.1', port: catcher.port })
  const send = (to: string, subject: string, text: string) =>
    transport.send({ from: 'no-reply@ppas.test', to: [to], subject, text })
  return { catcher, folder, send }
}

test.group('MailCatcher', () => {
  test('listening on port 0 binds a free port it exposes', async ({ assert, cleanup }) => {
    const catcher = await new MailCatcher({ port: 0 }).listen()
    cleanup(() => catcher.close())
    assert.isAbove(catcher.port, 0)
  })

  test('writes each received mail as JSON in its folder', async ({ assert, cleanup }) => {
    const { catcher, folder, send } = await catcherWithFolder(cleanup)
    await send('analyste@example.fr', 'Accès à votre compte', 'Votre identifiant : analyste')

    const files = await readdir(folder)
    assert.lengthOf(files, 1)
    const stored = JSON.parse(await readFile(join(folder, files[0]), 'utf8')) as CaughtMail
    assert.equal(`${stored.id}.json`, files[0])
    assert.deepEqual(stored.to, ['analyste@example.fr'])
    assert.equal(stored.subject, 'Accès à votre compte')
    assert.equal(stored.text.trim(), 'Votre identifiant : analyste')
    assert.include(stored.from, 'no-reply@ppas.test')
    assert.deepEqual(stored, catcher.messages[0])
  })

  test('readMailbox lists the stored mails newest first', async ({ assert, cleanup }) => {
    const { folder, send } = await catcherWithFolder(cleanup)
    await send('a@example.fr', 'Premier', 'un')
    await send('b@example.fr', 'Deuxième', 'deux')
    await send('c@example.fr', 'Troisième', 'trois')

    const mails = await readMailbox(folder)
    assert.deepEqual(
      mails.map((mail) => mail.subject),
      ['Troisième', 'Deuxième', 'Premier']
    )
    const second = await readMail(folder, mails[1].id)
    assert.equal(second?.text.trim(), 'deux')
  })

  test('readMail refuses ids that are not its own, so a URL cannot leave the folder', async ({
    assert,
    cleanup,
  }) => {
    const { folder } = await catcherWithFolder(cleanup)
    await writeFile(join(folder, 'secret.json'), JSON.stringify({ subject: 'secret' }))

    assert.isNull(await readMail(folder, 'secret'))
    assert.isNull(await readMail(folder, '../../.env'))
    assert.isNull(await readMail(folder, '1764495000000-0123abcd'))
    assert.deepEqual(await readMailbox(folder), [])
  })

  test('a missing folder is an empty mailbox', async ({ assert }) => {
    assert.deepEqual(await readMailbox(join(tmpdir(), 'ppas-no-such-mailbox')), [])
  })

  test('waitFor resolves with a mail to come and rejects after its timeout', async ({
    assert,
    cleanup,
  }) => {
    const { catcher, send } = await catcherWithFolder(cleanup)
    const waiting = catcher.waitFor((mail) => mail.subject === 'Attendu', 5000)
    await send('x@example.fr', 'Autre', 'x')
    await send('y@example.fr', 'Attendu', 'y')
    const awaited = await waiting
    assert.deepEqual(awaited.to, ['y@example.fr'])

    await assert.rejects(
      () => catcher.waitFor((mail) => mail.subject === 'Jamais', 50),
      /No matching mail/
    )
  })

  test('rejects a message over the size limit', async ({ assert, cleanup }) => {
    const catcher = await new MailCatcher({ port: 0, maxSize: 1024 }).listen()
    cleanup(() => catcher.close())
    const transport = new SMTPTransport({ host: '127.0.0.1', port: catcher.port })

    await assert.rejects(() =>
      transport.send({
        from: 'a@example.fr',
        to: ['b@example.fr'],
        subject: 'Gros',
        text: 'x'.repeat(4096),
      })
    )
    assert.lengthOf(catcher.messages, 0)
  })
})
