import {describe, expect, it} from 'vitest'

import {createListenerHostFetch} from '../../studio/lakeTransport.ts'

function recordingFetch() {
  const urls: string[] = []
  const fetch = createListenerHostFetch(async (input) => {
    urls.push(input instanceof Request ? input.url : String(input))
    return new Response('{}')
  })
  return {fetch, urls}
}

describe('listener host names', () => {
  it('gives every listener stream a host name of its own and leaves other requests alone', async () => {
    const {fetch, urls} = recordingFetch()
    await fetch('http://local.localhost:3900/v2025-02-19/data/listen/production?query=*')
    await fetch('http://local.localhost:3900/v2025-02-19/data/query/production?query=*')
    await fetch(new URL('http://local.localhost:3900/v2025-02-19/data/listen/production?query=*[_id%20in%20$ids]'))
    expect(urls).toEqual([
      'http://listen-1.local.localhost:3900/v2025-02-19/data/listen/production?query=*',
      'http://local.localhost:3900/v2025-02-19/data/query/production?query=*',
      'http://listen-2.local.localhost:3900/v2025-02-19/data/listen/production?query=*[_id%20in%20$ids]',
    ])
  })

  it('keeps hosted projects and plain loopback addresses as they are', async () => {
    const {fetch, urls} = recordingFetch()
    await fetch('https://abc123.api.sanity.io/v2025-02-19/data/listen/production?query=*')
    await fetch('http://127.0.0.1:3900/v2025-02-19/data/listen/production?query=*')
    expect(urls).toEqual([
      'https://abc123.api.sanity.io/v2025-02-19/data/listen/production?query=*',
      'http://127.0.0.1:3900/v2025-02-19/data/listen/production?query=*',
    ])
  })

  it('keeps the method and headers of a Request', async () => {
    const seen: Request[] = []
    const fetch = createListenerHostFetch(async (input) => {
      if (input instanceof Request) seen.push(input)
      return new Response('')
    })
    await fetch(new Request('http://local.localhost:3900/v1/data/listen/production?query=*', {headers: {authorization: 'Bearer t'}}))
    expect(seen[0]?.url).toBe('http://listen-1.local.localhost:3900/v1/data/listen/production?query=*')
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer t')
  })
})
