/**
 * Whether the program at the other end of a loopback connection runs as the same operating-system
 * user as the lake: the one thing that sets the editor's browser apart from another user's program
 * on the same machine, which can send any header a browser sends. Linux says who owns each TCP
 * socket in /proc/net/tcp and tcp6; elsewhere the answer is unknown.
 */
import {readFileSync} from 'node:fs'

/** The two ends of a connection, as the lake's side sees them. */
export interface ConnectionPorts {
  /** The client's address (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`) and port. */
  remoteAddress: string
  remotePort: number
  /** The lake's address and port. */
  localAddress: string
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
 * The uid of the established socket whose own end is the client's address and port and whose peer
 * is the lake's, from a /proc/net/tcp or tcp6 table (`sl local_address rem_address st … uid …`,
 * addresses and ports in hex). Both addresses count: another user may bind the editor's client
 * port on another loopback address (127.0.0.2). Null when no line, or lines of two owners, match.
 */
export function clientSocketOwner(table: string, ports: ConnectionPorts): number | null {
  const client = procAddress(ports.remoteAddress, ports.remotePort)
  const lake = procAddress(ports.localAddress, ports.localPort)
  if (!client || !lake) return null
  let owner: number | null = null
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/)
    // Established connections only: a closed one may linger (TIME_WAIT) with the same ends and another owner.
    if (fields[3] !== '01' || fields[7] === undefined) continue
    if (!client.has(fields[1]?.toUpperCase() ?? '') || !lake.has(fields[2]?.toUpperCase() ?? '')) continue
    const uid = Number(fields[7])
    if (owner !== null && owner !== uid) return null
    owner = uid
  }
  return owner
}

/**
 * How /proc/net/tcp (IPv4: four bytes, least significant first) and tcp6 (four 32-bit words, each
 * least significant byte first) write an address and port; an IPv4-mapped address both ways.
 */
function procAddress(address: string, port: number): Set<string> | null {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0')
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(address)
  if (v4) {
    const bytes = v4.slice(1, 5).map(Number)
    const word = [...bytes].reverse().map(hexByte).join('')
    return new Set([`${word}:${portHex}`, `0000000000000000FFFF0000${word}:${portHex}`])
  }
  const bytes = ipv6Bytes(address)
  if (!bytes) return null
  const words = [0, 4, 8, 12].map((at) => bytes.slice(at, at + 4).reverse().map(hexByte).join(''))
  return new Set([`${words.join('')}:${portHex}`])
}

function hexByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0')
}

/** The 16 bytes of an IPv6 address (`::1`, `fe80::1`), or null. */
function ipv6Bytes(address: string): number[] | null {
  const [head = '', tail, extra] = address.split('::')
  if (extra !== undefined) return null
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const missing = 8 - left.length - right.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return null
  const all = [...left, ...Array.from({length: missing}, () => '0'), ...right]
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null
  return all.flatMap((group) => {
    const value = Number.parseInt(group, 16)
    return [value >> 8, value & 0xff]
  })
}
