/*
|--------------------------------------------------------------------------
| Several MySQL/MariaDB hosts (a Galera cluster)
|--------------------------------------------------------------------------
|
| Neither knex nor Lucid has a pool over several servers (knex issues
| #794, #1030: a pool cluster is not reachable through knex), and Lucid's
| knex-dynamic-connection patch hands mysql2 the configured `connection`
| object for every new connection. So the choice of host is made by
| mysql2's `stream` option, a function called for each new connection:
| it opens the socket to the current host. A socket that fails (refused,
| reset, timed out: the node died) moves the current host to the next in
| the list, so the pool's next attempt goes there; a process stays on one
| node while it lives, which keeps its own transactions from conflicting
| with each other on two nodes. docs/decisions/0031-galera-certification-conflicts.md.
|
*/
import net from 'node:net'
import { NODE_DOWN_CODES } from '#database/errors'

export type ClusterHost = { host: string; port: number }

/** "127.0.0.1:3311,127.0.0.1:3312" → hosts, in order; a host without port takes `defaultPort` */
export function parseHosts(list: string, defaultPort = 3306): ClusterHost[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(.+?)(?::(\d+))?$/.exec(item)
      const port = match?.[2] ? Number(match[2]) : defaultPort
      if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`MYSQL_HOSTS: "${item}" is not host[:port]`)
      }
      return { host: match[1], port }
    })
}

export class ClusterHosts {
  readonly hosts: ClusterHost[]
  #current = 0

  constructor(hosts: ClusterHost[]) {
    if (!hosts.length) throw new Error('MYSQL_HOSTS names no host')
    this.hosts = hosts
  }

  /** The host new connections go to */
  get current(): ClusterHost {
    return this.hosts[this.#current]
  }

  /** Leaves `failed` for the next host, unless another failure already did */
  #leave(failed: number) {
    if (this.#current === failed) this.#current = (failed + 1) % this.hosts.length
  }

  /** mysql2's `stream` option: the socket of one new connection, to the current host */
  openSocket = (): net.Socket => {
    const index = this.#current
    const { host, port } = this.hosts[index]
    const socket = net.connect({ host, port })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code && NODE_DOWN_CODES.has(error.code)) this.#leave(index)
    })
    return socket
  }
}
