/**
 * `node --import ./scripts/lib/localhostDns.ts ...`: names under `.localhost` resolve to the
 * loopback address in this process, as browsers resolve them (RFC 6761). A client configured
 * exactly as for a hosted project (`projectId: 'local'`, `useProjectHostname: true`,
 * `apiHost: 'http://localhost:3900'`) asks for `local.localhost:3900`, which Node's resolver (the
 * system's getaddrinfo) does not know; with this module it reaches the local lake. Every other
 * name goes to the resolver untouched. `fetch`, `http` and `net` all look names up through
 * `dns.lookup`, which is why patching that one function covers them.
 */
import dns from 'node:dns'

type LookupCallback = (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void

/** True for `localhost` and any name under it (`local.localhost`, `listen-1.local.localhost.`). */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/** The loopback answer in the shape `dns.lookup` gives for `options` (`all`, `family`). */
export function loopbackAnswer(options: dns.LookupOptions): {address: string; family: number}[] {
  const v4 = {address: '127.0.0.1', family: 4}
  const v6 = {address: '::1', family: 6}
  if (options.family === 6 || options.family === 'IPv6') return [v6]
  if (options.family === 4 || options.family === 'IPv4' || !options.all) return [v4]
  return [v4, v6]
}

const original = dns.lookup

function lookup(hostname: string, ...rest: unknown[]): void {
  const callback = rest.at(-1)
  if (typeof callback !== 'function' || !isLocalhostName(hostname)) {
    return Reflect.apply(original, dns, [hostname, ...rest])
  }
  const given = rest.length > 1 ? rest[0] : {}
  const options: dns.LookupOptions = typeof given === 'number' ? {family: given} : typeof given === 'object' && given !== null ? given : {}
  const answers = loopbackAnswer(options)
  const reply: LookupCallback = (error, address, family) => Reflect.apply(callback, undefined, [error, address, family])
  const [first] = answers
  process.nextTick(() => (options.all ? reply(null, answers) : reply(null, first?.address, first?.family)))
}

// One function stands for all of `dns.lookup`'s overloads, which TypeScript cannot check: hence the casts.
dns.lookup = lookup as typeof dns.lookup
const promisesLookup = dns.promises.lookup
dns.promises.lookup = ((hostname: string, options?: dns.LookupOptions | number) => {
  if (!isLocalhostName(hostname)) return Reflect.apply(promisesLookup, dns.promises, [hostname, options])
  const opts: dns.LookupOptions = typeof options === 'number' ? {family: options} : options ?? {}
  const answers = loopbackAnswer(opts)
  return Promise.resolve(opts.all ? answers : answers[0])
}) as typeof dns.promises.lookup
