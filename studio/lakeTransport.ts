/**
 * How the Studio's clients reach the local lake over plain HTTP/1.1 without running out of
 * connections.
 *
 * Browsers open at most 6 HTTP/1.1 connections per host, and the Studio holds one open per
 * listener: the global preview listener, the releases listener, each document list and each
 * open document. With two documents side by side that is 5 or more streams on one host, and
 * the remaining requests (fetching a document, committing an edit) queue behind them: the Studio
 * stalls. Sanity's own mock lake answers with HTTP/2, which browsers only speak over TLS, so
 * every editor would first have to accept a self-signed certificate.
 *
 * Instead, each listener stream goes to its own host name under the lake's: `*.localhost` is
 * loopback in browsers, the lake answers on any of them, and each name gets its own connection
 * pool. Ordinary requests keep the shared host and its keep-alive connections.
 */
import {type ClientConfig, createClient, type SanityClient} from '@sanity/client'

let streams = 0

/** True for a listener request to a `*.localhost` lake (other hosts are left alone). */
function isLocalListen(url: URL): boolean {
  return url.hostname.endsWith('.localhost') && /\/data\/listen\//.test(url.pathname)
}

/** The browser's fetch, sending each listener stream to `listen-<n>.<host>`. */
function fetchWithListenerHosts(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input)
  if (!isLocalListen(url)) return globalThis.fetch(input, init)
  streams += 1
  url.hostname = `listen-${streams}.${url.hostname}`
  return globalThis.fetch(input instanceof Request ? new Request(url, input) : url, init)
}

/** The local workspace's client factory (`unstable_clientFactory`). */
export function createLakeClient(config: ClientConfig): SanityClient {
  return createClient({...config, resolveFetch: () => fetchWithListenerHosts})
}
