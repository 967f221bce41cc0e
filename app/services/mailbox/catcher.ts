/*
|--------------------------------------------------------------------------
| Mail catcher
|--------------------------------------------------------------------------
|
| A small SMTP server that keeps every mail it receives instead of relaying
| it. The embedded demo (MAIL_TRANSPORT=catcher, start/mail_catcher.ts) runs
| one inside the web server and writes each mail as JSON under tmp/mailbox/
| for the development mailbox page; the tests run one in-process to assert
| what @adonisjs/mail really sent over SMTP. It needs no AdonisJS container.
|
*/
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import { simpleParser, type AddressObject } from 'mailparser'

/** One received mail, as stored in memory and in <folder>/<id>.json */
export type CaughtMail = {
  id: string
  from: string
  /** The envelope recipients: every address the mail was delivered to, Bcc included */
  to: string[]
  subject: string
  /** The Reply-To address, if the mail has one */
  replyTo: string | null
  text: string
  html: string | null
  /** When the catcher received it (ISO 8601) */
  date: string
  /** The Message-ID header (the outbox's is <outbox-<row id>@ppas>): tells a resend apart */
  messageId?: string | null
}

export type MailCatcherOptions = {
  host?: string
  /** 0 picks a free port: read it from `port` once `listen()` resolved */
  port?: number
  /** Also write each mail as <id>.json in this folder, for other processes */
  folder?: string
  /** Largest accepted message, in bytes */
  maxSize?: number
}

const DEFAULT_MAX_SIZE = 10 * 1024 * 1024

/** Ids name files and URLs: only this shape is ever read back */
const ID_PATTERN = /^[0-9]{13}-[0-9a-f]{8}$/

/**
 * Sortable by time (the file names order the mailbox): the millisecond
 * stamp never repeats within a process, the random part keeps two
 * processes sharing a folder apart.
 */
let lastStamp = 0
function newId() {
  lastStamp = Math.max(Date.now(), lastStamp + 1)
  return `${lastStamp}-${randomBytes(4).toString('hex')}`
}

function addressText(address: AddressObject | AddressObject[] | undefined) {
  if (!address) return ''
  return (Array.isArray(address) ? address : [address]).map((entry) => entry.text).join(', ')
}

export class MailCatcher {
  readonly messages: CaughtMail[] = []
  #options: Required<Omit<MailCatcherOptions, 'folder'>> & { folder?: string }
  #server: SMTPServer
  #received = new EventEmitter<{ mail: [CaughtMail] }>()
  #port: number | null = null

  constructor(options: MailCatcherOptions = {}) {
    this.#options = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      maxSize: options.maxSize ?? DEFAULT_MAX_SIZE,
      folder: options.folder,
    }
    this.#server = new SMTPServer({
      /** Local and plain text on purpose: a sender's credentials are accepted, never checked */
      authOptional: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'catcher' }),
      disabledCommands: ['STARTTLS'],
      size: this.#options.maxSize,
      logger: false,
      /** Local senders only: a reverse DNS lookup would only add delay */
      disableReverseLookup: true,
      /** Shut down quickly even if a pooled sender keeps its connection open */
      closeTimeout: 1000,
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(error)
        )
      },
    })
    /** A broken client connection must not take the host process down */
    this.#server.on('error', () => {})
  }

  /** The bound port (the real one when 0 was asked for) */
  get port(): number {
    if (this.#port === null) throw new Error('The mail catcher is not listening')
    return this.#port
  }

  get host() {
    return this.#options.host
  }

  async listen(): Promise<this> {
    const server = this.#server.server
    /** A bind failure (e.g. EADDRINUSE) rejects instead of crashing the process */
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      this.#server.listen(this.#options.port, this.#options.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    this.#port = (server.address() as AddressInfo).port
    return this
  }

  async close() {
    if (this.#port === null) return
    this.#port = null
    await new Promise<void>((resolve) => this.#server.close(resolve))
  }

  /** Forgets the mails kept in memory (not the files) */
  clear() {
    this.messages.length = 0
  }

  /**
   * The newest mail already received that matches, or else the first to
   * come: when a step sends again what an earlier one sent, the latest is
   * the one it caused.
   */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs = 5000): Promise<CaughtMail> {
    const found = this.messages.findLast(predicate)
    if (found) return Promise.resolve(found)

    return new Promise((resolve, reject) => {
      const onMail = (mail: CaughtMail) => {
        if (!predicate(mail)) return
        clearTimeout(timer)
        this.#received.off('mail', onMail)
        resolve(mail)
      }
      const timer = setTimeout(() => {
        this.#received.off('mail', onMail)
        const subjects = this.messages.map((mail) => `"${mail.subject}"`).join(', ') || 'none'
        reject(new Error(`No matching mail within ${timeoutMs} ms (received: ${subjects})`))
      }, timeoutMs)
      this.#received.on('mail', onMail)
    })
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession) {
    const parsed = await simpleParser(stream)
    if (stream.sizeExceeded) {
      throw Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 })
    }

    const envelopeFrom = session.envelope.mailFrom
    const mail: CaughtMail = {
      id: newId(),
      from: addressText(parsed.from) || (envelopeFrom ? envelopeFrom.address : ''),
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject ?? '',
      replyTo: addressText(parsed.replyTo) || null,
      text: parsed.text ?? '',
      html: parsed.html || null,
      date: new Date().toISOString(),
      messageId: parsed.messageId ?? null,
    }

    /** Written before the SMTP reply: once the sender got "250", readers find the file */
    if (this.#options.folder) {
      await mkdir(this.#options.folder, { recursive: true })
      await writeFile(join(this.#options.folder, `${mail.id}.json`), JSON.stringify(mail, null, 2))
    }
    this.messages.push(mail)
    this.#received.emit('mail', mail)
  }
}

/**
 * The mails a catcher wrote to `folder`, newest first. A missing folder is
 * an empty mailbox; a file that does not parse is skipped.
 */
export async function readMailbox(folder: string, limit = 200): Promise<CaughtMail[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }

  const ids = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => ID_PATTERN.test(id))
    .sort()
    .reverse()
    .slice(0, limit)

  const mails = await Promise.all(ids.map((id) => readMail(folder, id)))
  return mails.filter((mail): mail is CaughtMail => mail !== null)
}

/** One mail of `folder` by id, or null (unknown id, unreadable file) */
export async function readMail(folder: string, id: string): Promise<CaughtMail | null> {
  /** The id comes from a URL: anything else than our own shape could escape the folder */
  if (!ID_PATTERN.test(id)) return null
  try {
    return JSON.parse(await readFile(join(folder, `${id}.json`), 'utf8')) as CaughtMail
  } catch {
    return null
  }
}
