import type {SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startTestLake} from '../helpers/lake.ts'

type Lake = Awaited<ReturnType<typeof startTestLake>>
let lake: Lake
let client: SanityClient
/** Transaction ids of the `hist-a` story: create, set, set, delete. */
const revs: string[] = []

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
  revs.push((await client.create({_id: 'hist-a', _type: 'note', n: 1}))._rev)
  revs.push((await client.patch('hist-a').set({n: 2}).commit())._rev)
  const both = await client
    .transaction()
    .patch('hist-a', (patch) => patch.set({n: 3, title: 'مرحبا'}))
    .create({_id: 'hist-b', _type: 'note'})
    .commit()
  revs.push(both.transactionId)
  revs.push((await client.delete('hist-a')).transactionId)
})
afterAll(async () => {
  await lake.close()
})

interface LogEntry {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, {apply: unknown[]; revert: unknown[]}>
  mutations?: unknown[]
}

async function log(ids: string, query = ''): Promise<{contentType: string | null; entries: LogEntry[]}> {
  const response = await fetch(`${client.config().url}/data/history/production/transactions/${ids}?${query}`, {
    headers: {authorization: `Bearer ${lake.token}`},
  })
  expect(response.status).toBe(200)
  const text = await response.text()
  return {
    contentType: response.headers.get('content-type'),
    entries: text.split('\n').filter(Boolean).map((line) => JSON.parse(line)),
  }
}

function historyDocs(ids: string, query: string): Promise<{documents: Array<Record<string, unknown>>}> {
  return client.request({url: `/data/history/production/documents/${ids}?${query}`})
}

describe('data/history documents', () => {
  it('returns documents as of a revision', async () => {
    const {documents} = await historyDocs('hist-a,hist-b', `revision=${revs[1]}`)
    expect(documents).toEqual([
      {_id: 'hist-a', _type: 'note', n: 2, _rev: revs[1], _createdAt: expect.any(String), _updatedAt: expect.any(String)},
    ])
  })

  it('returns documents as of a time', async () => {
    const {entries} = await log('hist-a')
    const time = entries[1]!.timestamp
    const {documents} = await historyDocs('hist-a', `time=${encodeURIComponent(time)}`)
    // The state after the last transaction at or before `time` (two may share a millisecond).
    const last = entries.filter((entry) => entry.timestamp <= time).at(-1)!.id
    expect(documents).toEqual((await historyDocs('hist-a', `revision=${last}`)).documents)
    expect(documents).toMatchObject([{_id: 'hist-a'}])
    expect((await historyDocs('hist-a', 'time=2000-01-01T00:00:00Z')).documents).toEqual([])
  })

  it('returns the last existing revision of a deleted document', async () => {
    const {documents} = await historyDocs('hist-a', 'lastRevision=true')
    expect(documents).toMatchObject([{_id: 'hist-a', n: 3, _rev: revs[2]}])
  })

  it('answers an id named many times once (each copy was read and sent before)', async () => {
    const {documents} = await historyDocs(Array.from({length: 50}, () => 'hist-a').join(','), 'lastRevision=true')
    expect(documents).toMatchObject([{_id: 'hist-a', n: 3}])
  })

  it('needs a token', async () => {
    const response = await fetch(`${client.config().url}/data/history/production/documents/hist-a?lastRevision=true`)
    expect(response.status).toBe(401)
  })
})

describe('data/history transactions', () => {
  it('streams NDJSON, oldest first, with authors and document ids', async () => {
    const {contentType, entries} = await log('hist-a')
    expect(contentType).toBe('application/x-ndjson')
    expect(entries.map((entry) => [entry.id, entry.documentIDs])).toEqual([
      [revs[0], ['hist-a']],
      [revs[1], ['hist-a']],
      [revs[2], ['hist-a', 'hist-b']],
      [revs[3], ['hist-a']],
    ])
    expect(entries[1]).toEqual({
      id: revs[1],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      author: expect.any(String),
      documentIDs: ['hist-a'],
      mutations: [{patch: {id: 'hist-a', set: {n: 2}}}],
    })
  })

  it('honours inclusive from/to bounds, reverse, limit and identified documents only', async () => {
    const ids = (entries: LogEntry[]) => entries.map((entry) => entry.id)
    expect(ids((await log('hist-a', `fromTransaction=${revs[1]}&toTransaction=${revs[2]}`)).entries)).toEqual([revs[1], revs[2]])
    expect(ids((await log('hist-a', 'reverse=true&limit=2')).entries)).toEqual([revs[3], revs[2]])
    const only = (await log('hist-a', `fromTransaction=${revs[2]}&toTransaction=${revs[2]}&includeIdentifiedDocumentsOnly=true`)).entries
    expect(only.map((entry) => entry.documentIDs)).toEqual([['hist-a']])
    expect((await log('hist-a', 'excludeMutations=true')).entries[0]).not.toHaveProperty('mutations')
  })

  it('filters by time and author', async () => {
    const all = (await log('hist-a')).entries
    const time = all[2]!.timestamp
    // Bounds are inclusive; two transactions may share a millisecond, so expectations follow the log.
    const ids = (keep: (t: string) => boolean) => all.filter((entry) => keep(entry.timestamp)).map((entry) => entry.id)
    const from = (await log('hist-a', `fromTime=${encodeURIComponent(time)}`)).entries.map((entry) => entry.id)
    const to = (await log('hist-a', `toTime=${encodeURIComponent(time)}`)).entries.map((entry) => entry.id)
    expect(from).toEqual(ids((t) => t >= time))
    expect(to).toEqual(ids((t) => t <= time))
    expect(from).toContain(revs[3])
    expect(to).toContain(revs[0])
    expect((await log('hist-a', `authors=${all[0]!.author}`)).entries).toHaveLength(4)
    expect((await log('hist-a', 'authors=someone-else')).entries).toEqual([])
  })

  it('refuses a from/to time that is not one, naming it (it selected nothing, or everything, without a word)', async () => {
    for (const name of ['fromTime', 'toTime']) {
      const response = await fetch(`${client.config().url}/data/history/production/transactions/hist-a?${name}=zzz`, {headers: {authorization: `Bearer ${lake.token}`}})
      expect({status: response.status, body: await response.json()}).toMatchObject({
        status: 400,
        body: {message: `"${name}" must be an ISO 8601 timestamp, got zzz`},
      })
    }
  })

  it('sends mendoza effects that replay the document from nothing to deleted', async () => {
    const {entries} = await log('hist-a', 'effectFormat=mendoza&excludeMutations=true')
    let doc: unknown = null
    const states = entries.map((entry) => (doc = applyPatch(doc, entry.effects!['hist-a']!.apply)))
    expect(states).toMatchObject([{n: 1}, {n: 2}, {n: 3, title: 'مرحبا'}, null])
    for (const entry of [...entries].reverse()) doc = applyPatch(doc, entry.effects!['hist-a']!.revert)
    expect(doc).toBeNull()
  })

  it('answers an empty body when there is no history', async () => {
    expect((await log('hist-never')).entries).toEqual([])
  })
})

describe('data/history events', () => {
  it('derives document group events from the transaction log, newest first', async () => {
    await client.action({actionType: 'sanity.action.document.create', publishedId: 'hist-ev', attributes: {_id: 'drafts.hist-ev', _type: 'note'}, ifExists: 'fail'}, {transactionId: 'ev1'})
    await client.action({actionType: 'sanity.action.document.publish', publishedId: 'hist-ev', draftId: 'drafts.hist-ev'}, {transactionId: 'ev2'})
    await client.action({actionType: 'sanity.action.document.edit', publishedId: 'hist-ev', draftId: 'drafts.hist-ev', patch: {set: {n: 1}}}, {transactionId: 'ev3'})
    await client.action({actionType: 'sanity.action.document.unpublish', publishedId: 'hist-ev', draftId: 'drafts.hist-ev'}, {transactionId: 'ev4'})
    await client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.hist-ev'}, {transactionId: 'ev5'})
    const answer = await client.request<{events: Record<string, Array<Record<string, unknown>>>; nextCursor: string}>({
      url: '/data/history/production/events/documents/drafts.hist-ev?limit=100',
    })
    expect(answer.nextCursor).toBe('')
    expect(answer.events['drafts.hist-ev']!.map(({timestamp, author, ...event}) => event)).toEqual([
      {type: 'deleteDocumentGroup', documentId: 'hist-ev'},
      {type: 'unpublishDocument', documentId: 'hist-ev', versionId: 'drafts.hist-ev', versionRevisionId: 'ev3'},
      {type: 'createDocumentVersion', documentId: 'hist-ev', versionId: 'drafts.hist-ev', versionRevisionId: 'ev3'},
      {type: 'publishDocumentVersion', documentId: 'hist-ev', revisionId: 'ev2', versionId: 'drafts.hist-ev', versionRevisionId: 'ev1', publishCause: 'document.publish'},
      {type: 'createDocumentVersion', documentId: 'hist-ev', versionId: 'drafts.hist-ev', versionRevisionId: 'ev1'},
    ])
    const page = await client.request<{events: Record<string, unknown[]>; nextCursor: string}>({
      url: '/data/history/production/events/documents/hist-ev?limit=2',
    })
    expect([page.events['hist-ev']!.length, page.nextCursor]).toEqual([2, '2'])
  })

  it('finds versions of published releases and reports release publishes', async () => {
    const created = await client.create({_id: 'hist-rel', _type: 'note'})
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rHist1234'}, {transactionId: 'rel2'})
    await client.action(
      {actionType: 'sanity.action.document.version.create', publishedId: 'hist-rel', baseId: 'hist-rel', versionId: 'versions.rHist1234.hist-rel'},
      {transactionId: 'rel3'},
    )
    await client.action({actionType: 'sanity.action.release.publish', releaseId: 'rHist1234'}, {transactionId: 'rel4'})
    const answer = await client.request<{events: Record<string, Array<Record<string, unknown>>>}>({
      url: '/data/history/production/events/documents/hist-rel',
    })
    expect(answer.events['hist-rel']!.map(({timestamp, author, ...event}) => event)).toEqual([
      {
        type: 'publishDocumentVersion',
        documentId: 'hist-rel',
        revisionId: 'rel4',
        versionId: 'versions.rHist1234.hist-rel',
        versionRevisionId: 'rel3',
        releaseId: 'rHist1234',
        publishCause: 'release.publish',
      },
      // The release copy (rel3) is not a creation of the published document: left out here.
      {type: 'createLiveDocument', documentId: 'hist-rel', revisionId: created._rev},
    ])
    const version = await client.request<{events: Record<string, Array<Record<string, unknown>>>}>({
      url: '/data/history/production/events/documents/versions.rHist1234.hist-rel',
    })
    expect(version.events['versions.rHist1234.hist-rel']!.map((event) => event.type)).toEqual([
      'publishDocumentVersion',
      'createDocumentVersion',
      'createLiveDocument',
    ])
  })

  it('gives the published document one "Created": later drafts are not its creation', async () => {
    await client.action({actionType: 'sanity.action.document.create', publishedId: 'hist-once', attributes: {_id: 'drafts.hist-once', _type: 'note'}, ifExists: 'fail'}, {transactionId: 'once1'})
    await client.action({actionType: 'sanity.action.document.publish', publishedId: 'hist-once', draftId: 'drafts.hist-once'}, {transactionId: 'once2'})
    await client.action({actionType: 'sanity.action.document.edit', publishedId: 'hist-once', draftId: 'drafts.hist-once', patch: {set: {n: 1}}}, {transactionId: 'once3'})
    await client.action({actionType: 'sanity.action.document.publish', publishedId: 'hist-once', draftId: 'drafts.hist-once'}, {transactionId: 'once4'})
    const events = async (id: string) =>
      (await client.request<{events: Record<string, Array<{type: string}>>}>({url: `/data/history/production/events/documents/${id}`})).events[id]!.map(
        (event) => event.type,
      )
    expect(await events('hist-once')).toEqual(['publishDocumentVersion', 'publishDocumentVersion', 'createDocumentVersion'])
    expect(await events('drafts.hist-once')).toEqual(['publishDocumentVersion', 'createDocumentVersion', 'publishDocumentVersion', 'createDocumentVersion'])
  })
})

describe('data/history documents of a draft', () => {
  it('shows the published document where the draft did not exist yet, under the draft id', async () => {
    const created = await client.create({_id: 'hist-live', _type: 'note', title: 'Imported'})
    await client.action({actionType: 'sanity.action.document.edit', publishedId: 'hist-live', draftId: 'drafts.hist-live', patch: {set: {title: 'Edited'}}}, {transactionId: 'live2'})
    const at = (id: string, revision: string) =>
      client.request<{documents: Array<Record<string, unknown>>}>({url: `/data/history/production/documents/${id}?revision=${revision}`})
    expect((await at('drafts.hist-live', created._rev)).documents).toMatchObject([{_id: 'drafts.hist-live', title: 'Imported', _rev: created._rev}])
    expect((await at('drafts.hist-live', 'live2')).documents).toMatchObject([{_id: 'drafts.hist-live', title: 'Edited'}])
    expect((await at('hist-live', 'live2')).documents).toMatchObject([{_id: 'hist-live', title: 'Imported'}])
    expect((await at('drafts.hist-nothing', created._rev)).documents).toEqual([])
  })
})
