import { createServer } from 'node:net'

/**
 * A TCP port free on 127.0.0.1 now, for a process that listens on it next
 * (each test run's HTTP and SMTP servers, the benches' and the Galera
 * suite's app processes).
 *
 * Drawn below Linux's ephemeral range (32768–60999), which outgoing
 * connections draw from: a port the kernel hands out to a probe on port 0
 * and that the probe closes can be taken by one of the machine's MariaDB
 * client sockets before the process listens on it, and that process dies
 * with EADDRINUSE. Here only another run picking the same random port in
 * the same instant could collide; a port in use is skipped.
 */
const LOWEST_PORT = 15_000
const PORTS = 17_000
const ATTEMPTS = 100

function isFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

export async function freePort() {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * PORTS)
    if (await isFree(port)) return port
  }
  throw new Error(`no free port between ${LOWEST_PORT} and ${LOWEST_PORT + PORTS}`)
}
