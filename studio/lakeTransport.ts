/**
 * How the Studio's clients reach the local lake over plain HTTP/1.1 without running out of
 * connections.
 *
 * Browsers open at most 6 HTTP/1.1 connections per host, and the Studio holds one open per
 * listener: the global preview listener, the releases listener, each document list, each open
 * document and its version set, comments. One open document already makes 7 streams on one host,
 * and the remaining requests (previews, fetching a document, committing an edit) queue behind
 * them: the Studio stalls. Sanity's own mock lake answers with HTTP/2, which browsers only speak
 * over TLS, so every editor would first have to accept a self-signed certificate.
 *
 * Instead, each listener stream goes to its own host name under the lake's: `*.localhost` is
 * loopback in browsers, the lake answers on any of them, and each name gets its own connection
 * pool. Ordinary requests keep the shared host and its keep-alive connections.
 */
import {type ClientConfig, createClient, type SanityClient} from '@sanity/client'

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** True for a listener request to a `*.localhost` lake (other hosts are left alone). */
function isLocalListen(url: URL): boolean {
  return url.hostname.endsWith('.localhost') && url.pathname.includes('/data/listen/')
}

/**
 * A fetch that sends each listener stream to `listen-<n>.<host>` through `baseFetch` and every
 * other request unchanged.
 */
export function createListenerHostFetch(baseFetch: Fetch): Fetch {
  let streams = 0
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input)
    if (!isLocalListen(url)) return baseFetch(input, init)
    streams += 1
    url.hostname = `listen-${streams}.${url.hostname}`
    return baseFetch(input instanceof Request ? new Request(url, input) : url, init)
  }
}

const browserFetch = createListenerHostFetch((input, init) => globalThis.fetch(input, init))

/** The local workspace's client factory (`unstable_clientFactory`). */
export function createLakeClient(config: ClientConfig): SanityClient {
  return createClient({...config, resolveFetch: () => browserFetch})
}
