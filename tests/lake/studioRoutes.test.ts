/**
 * The endpoints Sanity Studio calls besides the data API: current user, settings, project,
 * permissions and the silent presence socket (the local login provider: studioLogin.test.ts).
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {startTestLake, type TestLake} from '../helpers/lake.ts'

const STUDIO = 'http://localhost:3333'

let lake: TestLake

beforeEach(async () => {
  lake = await startTestLake()
})

afterEach(async () => {
  await lake.close()
})

async function call(path: string, init: RequestInit & {token?: string | null} = {}) {
  const token = init.token === undefined ? lake.token : init.token
  const response = await fetch(`${lake.url}${path}`, {
    ...init,
    redirect: 'manual',
    headers: {
      origin: STUDIO,
      'content-type': 'application/json',
      ...(token ? {authorization: `Bearer ${token}`} : {}),
    },
  })
  const text = await response.text()
  return {status: response.status, headers: response.headers, text, body: text.startsWith('<') ? null : JSON.parse(text || 'null')}
}

describe('Studio endpoints', () => {
  it('answers users/me with the local editor, or {} when logged out', async () => {
    expect((await call('/v2026-05-04/users/me')).body).toEqual({
      id: 'p-local-editor',
      name: 'Local Editor',
      email: 'p-local-editor@localhost',
      profileImage: null,
      provider: 'local',
      role: 'administrator',
      roles: [{name: 'administrator', title: 'Administrator'}],
    })
    expect(await call('/v2026-05-04/users/me', {token: null})).toMatchObject({status: 200, body: {}})
    expect(await call('/v2026-05-04/auth/id', {token: null})).toMatchObject({status: 200, body: {}})
    expect((await call('/v2026-05-04/auth/id')).body.id).toBe('p-local-editor')
  })

  it('looks users up by id, one or many', async () => {
    expect((await call('/v2021-06-07/users/p-local-editor')).body).toEqual({
      id: 'p-local-editor',
      displayName: 'Local Editor',
      imageUrl: null,
      email: 'p-local-editor@localhost',
    })
    const many = await call('/v2021-06-07/users/p-local-editor,p-someone')
    expect(many.body.map((user: {displayName: string}) => user.displayName)).toEqual(['Local Editor', 'p-someone'])
  })

  it('keeps key-value settings per user across restarts', async () => {
    const layout = {key: 'studio.structure-tool.layout.article', value: 'detail'}
    expect((await call('/v2025-02-19/users/me/keyvalue', {method: 'PUT', body: JSON.stringify([layout])})).body).toEqual([layout])
    await lake.running.close()
    const reopened = await startTestLake({dir: lake.dir})
    try {
      const read = await fetch(`${reopened.url}/v2025-02-19/users/me/keyvalue/${layout.key},missing`, {
        headers: {authorization: `Bearer ${reopened.token}`},
      })
      expect(await read.json()).toEqual([layout, {key: 'missing', value: null}])
    } finally {
      await reopened.close()
    }
    lake = await startTestLake()
  })

  it('refuses malformed key-value writes and anonymous settings', async () => {
    expect(await call('/v2025-02-19/users/me/keyvalue', {method: 'PUT', body: '[{"value":1}]'})).toMatchObject({
      status: 400,
      body: {message: 'Key-value item 0 needs a non-empty string "key"'},
    })
    expect((await call('/v2025-02-19/users/me/keyvalue/a', {token: null})).status).toBe(401)
  })

  it('describes the project, its datasets and full grants for the editor', async () => {
    await lake.client().create({_id: 'x', _type: 'note'})
    const project = (await call('/v2021-12-15/projects/local')).body
    expect(project).toMatchObject({id: 'local', organizationId: null, isDisabled: false})
    expect((await call('/v2025-02-19/projects/local/grants')).body).toEqual({})
    expect((await call('/v2025-02-19/projects/local/datasets')).body).toEqual([{name: 'production', aclMode: 'public'}])
    expect((await call('/v2025-02-19/projects/local/datasets?datasetProfile=comments&addonFor=production')).body).toEqual([])
    expect((await call('/v2021-06-07/projects/local/datasets/production/acl')).body).toEqual([
      {filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history', 'editHistory']},
    ])
    expect((await call('/v2021-06-07/projects/local/datasets/production/acl', {token: null})).body[0].permissions).toEqual(['read'])
  })

  it('advertises the features the lake implements: releases and scheduled drafts', async () => {
    expect(await call('/v2025-02-19/features')).toMatchObject({status: 200, body: ['contentReleases', 'singleDocRelease']})
  })

  it('answers the fail-soft extras and 404s what it does not know', async () => {
    expect((await call('/v2024-11-12/intake/telemetry-status')).body).toEqual({status: 'denied'})
    expect((await call('/v2025-02-19/journey/announcements')).body).toBeNull()
    expect((await call('/v2025-02-19/check/cors')).body).toEqual({result: {allowed: true, withCredentials: true}})
    expect((await call('/v2025-02-19/data/references/production/documents/x/to')).body).toEqual({totalCount: 0, references: []})
    expect((await call('/vX/projects/local/new-content-release-allowed')).body.data).toMatchObject({
      orgActiveReleaseCount: 0,
      orgActiveReleaseLimit: null,
    })
    // It counts releases, which are private: answered to anonymous callers before.
    expect(await call('/vX/projects/local/new-content-release-allowed', {token: null})).toMatchObject({status: 401})
    expect(await call('/v2025-02-19/no/such/endpoint')).toMatchObject({
      status: 404,
      body: {error: 'Not Found', message: 'No route for GET /no/such/endpoint', statusCode: 404},
    })
  })
})

describe('presence socket', () => {
  // That it stays silent is proven in abusePresence.test.ts, where the lake's first ping is the
  // ordering signal: a reply to the authorization would have to arrive before it.
  it('accepts the WebSocket of a token holder and does not keep the lake from closing', async () => {
    const socket = new WebSocket(`${lake.url.replace('http', 'ws')}/v2022-06-30/socket/production?tag=sanity.studio`)
    const messages: unknown[] = []
    socket.addEventListener('message', (event) => messages.push(event.data))
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve)
      socket.addEventListener('error', reject)
    })
    socket.send(JSON.stringify({jsonrpc: '2.0', method: 'authorization', params: {authorization: `Bearer ${lake.token}`}, id: '1'}))
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve))
    await lake.running.close()
    await closed
    expect(messages).toEqual([])
  })

  it('refuses other upgrades', async () => {
    const socket = new WebSocket(`${lake.url.replace('http', 'ws')}/v1/somewhere-else`)
    await expect(
      new Promise((resolve, reject) => {
        socket.addEventListener('open', resolve)
        socket.addEventListener('error', () => reject(new Error('refused')))
      }),
    ).rejects.toThrow('refused')
  })
})
