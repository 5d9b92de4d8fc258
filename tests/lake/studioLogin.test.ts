/**
 * The local login provider (issue 11, item 4): the lake asks the editor to confirm on its own
 * page, for the Studio origins it was started for only, and the confirmation cannot be posted
 * from another site; a lake bound to a non-loopback address has no login provider.
 */
import {request} from 'node:http'
import {connect} from 'node:net'

import {afterEach, describe, expect, it} from 'vitest'

import {clientSocketOwner, isSameUser} from '../../lake/peerUser.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const STUDIO = 'http://localhost:3333'

let lake: TestLake

afterEach(async () => {
  await lake?.close()
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** One raw HTTP request, so that every header (Host, Origin, Sec-Fetch-Site) is exactly what a test says. */
function send(path: string, options: {method?: string; headers?: Record<string, string>; body?: string} = {}): Promise<Answer> {
  const url = new URL(path, lake.url)
  return new Promise((done, fail) => {
    const req = request(url, {method: options.method ?? 'GET', headers: options.headers}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => done({status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8')}))
    })
    req.on('error', fail)
    req.end(options.body)
  })
}

const loginUrl = (origin: string) => `/v1/auth/login/local?origin=${encodeURIComponent(origin)}&projectId=local&withSid=true`

/** The confirmation page's one-time token. */
function csrfOf(page: Answer): string {
  const token = /name="csrf" value="([\w-]+)"/.exec(page.text)?.[1]
  if (!token) throw new Error(`no confirmation form in: ${page.text}`)
  return token
}

/** The post the confirmation page's button makes in a browser. */
function confirm(csrf: string | null, headers: Record<string, string> = {}): Promise<Answer> {
  return send('/v1/auth/login/local', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: lake.url,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: csrf === null ? '' : `csrf=${csrf}`,
  })
}

describe('local login provider', () => {
  it('lists itself for the Studio', async () => {
    lake = await startTestLake()
    expect(JSON.parse((await send('/v2026-05-04/auth/providers')).text)).toEqual({
      providers: [{name: 'local', title: 'Local Content Lake (this computer)', url: `${lake.url}/v1/auth/login/local`, logo: null}],
      thirdPartyLogin: false,
    })
  })

  it('answers the issue\'s curl flow with a refusal page, and its own Studio with a page to confirm, never a session id', async () => {
    lake = await startTestLake()
    const foreign = await send(loginUrl('http://localhost:1/'))
    expect(foreign.status).toBe(403)
    expect(foreign.headers.location).toBeUndefined()
    expect(foreign.text).toContain('http://localhost:1 may not log in to the local Content Lake: it only logs in the Studios ' +
      'it was started for (http://localhost:3333). Open the Studio there, or restart the lake with --studio-origin http://localhost:1.')

    const page = await send(loginUrl(`${STUDIO}/local`), {headers: {origin: 'http://evil.localhost:4000'}})
    expect(page.status).toBe(200)
    expect(page.headers.location).toBeUndefined()
    expect(page.text).toContain('<strong>http://localhost:3333</strong> asks to log in')
    expect(page.text).toContain('<button type="submit">Log in</button>')
    expect(page.text).not.toContain('sid=')
    // Not in a frame (clickjacking), not readable by another origin's script.
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('sends the Studio back with a one-time session id once the editor confirms; the id trades for the token once', async () => {
    lake = await startTestLake()
    const page = await send(loginUrl(`${STUDIO}/local`))
    const confirmed = await confirm(csrfOf(page))
    expect(confirmed.status).toBe(303)
    const location = String(confirmed.headers.location)
    expect(location).toMatch(/^http:\/\/localhost:3333\/local#sid=[\w-]{20,}$/)
    const sid = location.split('#sid=')[1]
    expect(await send(`/v2026-05-04/auth/fetch?sid=${sid}`)).toMatchObject({status: 200, text: JSON.stringify({token: lake.token})})
    expect(JSON.parse((await send(`/v2026-05-04/auth/fetch?sid=${sid}`)).text)).toEqual({
      error: 'Unauthorized',
      message: 'This login link is unknown, used or expired: log in again from the Studio.',
      statusCode: 401,
    })
    // The page's token is spent too.
    expect((await confirm(csrfOf(page))).status).toBe(403)
  })

  it('refuses a confirmation without the page\'s token, from another site, or through a non-loopback host name', async () => {
    lake = await startTestLake()
    const csrf = csrfOf(await send(loginUrl(`${STUDIO}/local`)))
    const refusals = [
      await confirm(null),
      await confirm('made-up-token'),
      await confirm(csrf, {origin: 'http://evil.localhost:4000', 'sec-fetch-site': 'same-site'}),
      await confirm(csrf, {'sec-fetch-site': 'cross-site'}),
      // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1.
      await confirm(csrf, {host: 'evil.example:3900', origin: 'http://evil.example:3900'}),
    ]
    expect(refusals.map((answer) => [answer.status, answer.headers.location, /<p>(.*)<\/p>/.exec(answer.text)?.[1]])).toEqual([
      [403, undefined, 'This login page is unknown, used or expired. Choose &quot;Local Content Lake&quot; on the Studio&#39;s login screen again.'],
      [403, undefined, 'This login page is unknown, used or expired. Choose &quot;Local Content Lake&quot; on the Studio&#39;s login screen again.'],
      [403, undefined, 'This login was not confirmed on the local Content Lake&#39;s own page. Choose &quot;Local Content Lake&quot; on the Studio&#39;s login screen again.'],
      [403, undefined, 'This login was not confirmed on the local Content Lake&#39;s own page. Choose &quot;Local Content Lake&quot; on the Studio&#39;s login screen again.'],
      [403, undefined, 'The local Content Lake only logs in through its loopback names (localhost, 127.0.0.1), not evil.example.'],
    ])
    // None of these spent the page's token: the editor's own click still works.
    expect((await confirm(csrf)).status).toBe(303)
  })

  it('logs in the Studio origins the lake was started for', async () => {
    lake = await startTestLake({studioOrigins: ['http://localhost:4444/']})
    expect((await send(loginUrl(`${STUDIO}/local`))).status).toBe(403)
    const confirmed = await confirm(csrfOf(await send(loginUrl('http://localhost:4444/local'))))
    expect(String(confirmed.headers.location)).toMatch(/^http:\/\/localhost:4444\/local#sid=/)
  })

  it('is off, with a loud warning, when the lake listens on a non-loopback address', async () => {
    const log: string[] = []
    lake = await startTestLake({host: '0.0.0.0', log: (line) => log.push(line)})
    expect(log).toEqual([
      'WARNING: the lake listens on 0.0.0.0, which other machines can reach: anyone who reaches it can read ' +
        'published documents, and anyone who learns the token can write. The local login provider is OFF; ' +
        'give editors the token (Studio URL #token=...). Use --host 127.0.0.1 unless you mean it.',
    ])
    expect(JSON.parse((await send('/v1/auth/providers')).text)).toEqual({providers: [], thirdPartyLogin: false})
    const page = await send(loginUrl(`${STUDIO}/local`))
    expect(page.status).toBe(403)
    expect(page.text).toContain('<h1>The local login provider is off</h1>')
  })
})

describe('another user of this computer', () => {
  const OTHER_USER = 'This request comes from a program run by another user of this computer: the local login provider logs in ' +
    'only the user who runs the lake. Use the Studio from that user&#39;s browser, or give the token to the other user yourself.'

  it('cannot confirm a login, whatever headers its program sends, nor trade a session id for the token', async () => {
    let other = false
    lake = await startTestLake({sameUser: () => !other})
    const page = await send(loginUrl(`${STUDIO}/local`))
    other = true
    const refused = await confirm(csrfOf(page))
    expect([refused.status, refused.headers.location, /<p>(.*)<\/p>/.exec(refused.text)?.[1]]).toEqual([403, undefined, OTHER_USER])
    // The editor's own click still works: the refusal spent nothing.
    other = false
    const confirmed = await confirm(csrfOf(page))
    const sid = String(confirmed.headers.location).split('#sid=')[1]
    other = true
    const stolen = await send(`/v2026-05-04/auth/fetch?sid=${sid}`)
    expect(stolen.status).toBe(403)
    expect(stolen.text).not.toContain(lake.token)
    other = false
    expect(await send(`/v2026-05-04/auth/fetch?sid=${sid}`)).toMatchObject({status: 200, text: JSON.stringify({token: lake.token})})
  })

  it('is told apart by who owns the connection: this process\'s own connection is its user\'s', async () => {
    lake = await startTestLake()
    const lakePort = Number(new URL(lake.url).port)
    const socket = connect(lakePort, '127.0.0.1')
    await new Promise((done) => socket.once('connect', done))
    try {
      const ends = {remoteAddress: socket.localAddress ?? '', remotePort: socket.localPort ?? 0, localAddress: '127.0.0.1', localPort: lakePort}
      expect(isSameUser(ends)).toBe(true)
      // A connection that does not exist is nobody's: refused, not let through.
      expect(isSameUser({...ends, remotePort: 1})).toBe(false)
      // The same port on another loopback address is another connection (another user may bind it).
      expect(isSameUser({...ends, remoteAddress: '127.0.0.2'})).toBe(false)
    } finally {
      socket.destroy()
    }
  })

  it('reads the owner of the established socket with both ends the same, addresses included', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0F3C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0',
      '   1: 0100007F:A1B2 0100007F:0F3C 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0',
      // The editor's connection, from 127.0.0.1:A1B2 (root) ...
      '   2: 0100007F:A1B2 0100007F:0F3C 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0',
      // ... and another user's, bound to the same port on 127.0.0.4.
      '   3: 0400007F:A1B2 0100007F:0F3C 01 00000000:00000000 00:00000000 00000000  65534        0 3 1 0',
      '   4: 0100007F:0F3C 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0',
    ].join('\n')
    const lake = {localAddress: '127.0.0.1', localPort: 0x0f3c}
    expect(clientSocketOwner(table, {...lake, remoteAddress: '127.0.0.1', remotePort: 0xa1b2})).toBe(0)
    expect(clientSocketOwner(table, {...lake, remoteAddress: '127.0.0.4', remotePort: 0xa1b2})).toBe(65534)
    expect(clientSocketOwner(table, {...lake, remoteAddress: '::ffff:127.0.0.4', remotePort: 0xa1b2})).toBe(65534)
    expect(clientSocketOwner(table, {...lake, remoteAddress: '127.0.0.1', remotePort: 0xa1b3})).toBeNull()
    const table6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000001000000:A1B2 00000000000000000000000001000000:0F3C 01 00000000:00000000 00:00000000 00000000  1000        0 1 1 0',
    ].join('\n')
    expect(clientSocketOwner(table6, {localAddress: '::1', localPort: 0x0f3c, remoteAddress: '::1', remotePort: 0xa1b2})).toBe(1000)
  })
})
