/**
 * Whether the program at the other end of a loopback connection runs as the same operating-system
 * user as the lake: the one thing that sets the editor's browser apart from another user's program
 * on the same machine, which can send any header a browser sends. Linux says who owns each TCP
 * socket in /proc/net/tcp and tcp6; elsewhere the answer is unknown.
 */
import {readFileSync} from 'node:fs'

/** The two ports of a connection, as the lake's side sees them. */
export interface ConnectionPorts {
  /** The client's port. */
  remotePort: number
  /** The lake's port. */
  localPort: number
}

const SOCKET_TABLES = ['/proc/net/tcp', '/proc/net/tcp6']

/**
 * True when the client's socket belongs to the lake's user, false when to another user (or the
 * socket is not listed), null when the system does not say (no /proc/net/tcp: not Linux).
 */
export function isSameUser(ports: ConnectionPorts): boolean | null {
  const uid = process.getuid?.()
  if (uid === undefined) return null
  let readAny = false
  for (const table of SOCKET_TABLES) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    readAny = true
    const owner = clientSocketOwner(text, ports)
    if (owner !== null) return owner === uid
  }
  return readAny ? false : null
}

/**
 * The uid of the established socket whose own port is the client's and whose peer port is the
 * lake's, from a /proc/net/tcp table (`sl local_address rem_address st … uid …`, ports in hex).
 */
export function clientSocketOwner(table: string, ports: ConnectionPorts): number | null {
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/)
    const local = fields[1]?.split(':')[1]
    const remote = fields[2]?.split(':')[1]
    // Established connections only: a closed one may linger (TIME_WAIT) with the same ports and another owner.
    if (local === undefined || remote === undefined || fields[7] === undefined || fields[3] !== '01') continue
    if (Number.parseInt(local, 16) === ports.remotePort && Number.parseInt(remote, 16) === ports.localPort) return Number(fields[7])
  }
  return null
}
