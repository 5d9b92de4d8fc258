/**
 * Whether a server could listen on a host and port, found by binding them for a moment before
 * anything else starts: a mistyped `--host` or a port in use then fails once, with what to use
 * instead, before the lake makes files in its folder or warns about a host it will never serve.
 */
import {createServer} from 'node:net'

/** What `--host` takes, said after every host that cannot be listened on. */
const HOSTS = 'use 127.0.0.1 (this machine only, the default), 0.0.0.0 (every network interface) or an address one of them has'

/** A host as the lake listens on it: `[::1]`, as in a URL, is `::1`. */
export function listenHost(host: string): string {
  return /^\[.*\]$/.test(host) ? host.slice(1, -1) : host
}

/**
 * Why `host`:`port` cannot be listened on, as a sentence naming the option to change (the port's
 * is `portOption`), or null when it can (the socket is closed again at once).
 */
export async function listenProblem(host: string, port: number, portOption = '--port'): Promise<string | null> {
  if (host === '') return `--host is empty: ${HOSTS}`
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `--host "${host}" is a URL: pass the address alone, e.g. --host 127.0.0.1, and the port as --port`
  const error = await new Promise<NodeJS.ErrnoException | null>((done) => {
    const server = createServer()
    server.once('error', done)
    server.listen(port, host, () => server.close(() => done(null)))
  })
  if (!error) return null
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `--host "${host}" is no name this machine resolves (${error.message}): ${HOSTS}`
    case 'EADDRNOTAVAIL':
      return `--host "${host}" is no address of this machine (${error.message}): ${HOSTS}`
    case 'EADDRINUSE':
      return `port ${port} is in use on ${host}: stop the program that listens there, or pass another, e.g. ${portOption} ${port === 65535 ? port - 1 : port + 1}`
    case 'EACCES':
      return `port ${port} needs privileges on this machine (${error.message}): pass one above 1023, e.g. ${portOption} 3900`
    default:
      return `cannot listen on ${host} port ${port} (${error.message}): ${HOSTS}, and a free port`
  }
}
