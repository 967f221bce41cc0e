import net from 'node:net'
import mysql from 'mysql2/promise'

/**
 * Real driver errors of a database that is not there: mysql2 connecting to
 * a port nobody listens on, or to a server that hangs up at once (as a
 * node killed mid-handshake does)
 */

/** A port that was free a moment ago: nobody listens on it */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The error mysql2 gives when connecting to the port */
export async function connectionError(port: number): Promise<Error> {
  try {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port,
      connectTimeout: 2000,
    })
    await connection.end()
  } catch (error) {
    return error as Error
  }
  throw new Error(`a server answered on ${port}`)
}

/** The error of a server that accepts the connection and closes it at once */
export async function hungUpError(): Promise<Error> {
  const server = net.createServer((socket) => socket.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    return await connectionError((server.address() as net.AddressInfo).port)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}
