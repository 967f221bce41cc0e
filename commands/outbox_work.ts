import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import mail from '@adonisjs/mail/services/main'
import OutboxWorker from '#outbox/outbox_worker'

/** Delivers the outbox (mails) until stopped, or once with --once */
export default class OutboxWork extends BaseCommand {
  static commandName = 'outbox:work'
  static description = 'Deliver the transactional outbox (mails), with retries and back-off'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Deliver what is due now, then exit' })
  declare once: boolean

  @flags.number({ description: 'Milliseconds between two polls', default: 1000 })
  declare interval: number

  async run() {
    const worker = new OutboxWorker(mail.use())
    if (this.once) {
      const handled = await worker.drain()
      this.logger.info(`${handled} message(s) handled`)
      return this.terminate()
    }
    this.app.terminating(() => worker.stop())
    worker.start(this.interval)
    this.logger.info('outbox worker started')
  }
}
