import {createClient, type MutationEvent, type SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {afterAll, describe, expect, it} from 'vitest'

import {collectEvents} from '../helpers/collectEvents.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

function mutations(events: ReturnType<typeof collectEvents>['events']): MutationEvent[] {
  return events.filter((event): event is MutationEvent => event.type === 'mutation')
}

function anonymousClient(): SanityClient {
  const {projectId, dataset, apiHost} = client.config()
  return createClient({projectId, dataset, apiHost, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19'})
}

describe('data/listen', () => {
  it('sends welcome first, then chains previousRev -> resultRev across edits', async () => {
    const listener = collectEvents(client, '*[_id == $id]', {id: 'listen-chain'})
    await listener.ready()
    expect(listener.events[0]).toEqual({type: 'welcome', listenerName: expect.any(String)})
    const created = await client.create({_id: 'listen-chain', _type: 'note', n: 1})
    const first = await client.patch('listen-chain').set({n: 2}).commit()
    const second = await client.patch('listen-chain').inc({n: 1}).commit()
    await listener.until((events) => mutations(events).length === 3)
    const chain = mutations(listener.events).map((event) => [event.previousRev, event.resultRev, event.transactionId])
    expect(chain).toEqual([
      [undefined, created._rev, created._rev],
      [created._rev, first._rev, first._rev],
      [first._rev, second._rev, second._rev],
    ])
    const [appear, update] = mutations(listener.events)
    expect(appear).not.toHaveProperty('previousRev')
    expect(appear!.eventId).toBe(`${created._rev}#listen-chain`)
    expect(update!.mutations).toEqual([{patch: {id: 'listen-chain', set: {n: 2}}}])
    expect(update!.result).toMatchObject({_id: 'listen-chain', n: 2, _rev: first._rev})
    expect(update!.visibility).toBe('transaction')
    listener.close()
  })

  it('reports appear, update and disappear relative to the filter, ignoring projection and order', async () => {
    const listener = collectEvents(client, '*[_type == "note" && lang == "ar"]{_id} | order(_id)[0...2]', {}, {visibility: 'query'})
    await listener.ready()
    await client.create({_id: 'listen-transition', _type: 'note', lang: 'en'})
    await client.patch('listen-transition').set({lang: 'ar'}).commit()
    await client.patch('listen-transition').set({title: 'مرحبا'}).commit()
    await client.patch('listen-transition').set({lang: 'en'}).commit()
    await client.delete('listen-transition')
    await client.create({_id: 'listen-transition-end', _type: 'note', lang: 'ar'})
    await listener.until((events) => mutations(events).some((event) => event.documentId === 'listen-transition-end'))
    expect(mutations(listener.events).map((event) => [event.documentId, event.transition, event.visibility])).toEqual([
      ['listen-transition', 'appear', 'query'],
      ['listen-transition', 'update', 'query'],
      ['listen-transition', 'disappear', 'query'],
      ['listen-transition-end', 'appear', 'query'],
    ])
    listener.close()
  })

  it('sends mendoza effects that turn previous into result and back', async () => {
    const listener = collectEvents(client, '*[_id == "listen-effects"]', {}, {
      effectFormat: 'mendoza',
      includePreviousRevision: true,
    })
    await listener.ready()
    await client.create({_id: 'listen-effects', _type: 'note', title: 'مرحبا بالعالم', tags: ['a', 'b']})
    await client.patch('listen-effects').set({title: 'مرحبا يا عالم', tags: ['b', 'c']}).unset(['nothing']).commit()
    await client.delete('listen-effects')
    await listener.until((events) => mutations(events).length === 3)
    const [create, update, remove] = mutations(listener.events) as Array<
      MutationEvent & {effects: {apply: unknown[]; revert: unknown[]}}
    >
    // Effects leave `_rev` out, as the Studio strips it before applying them.
    const withoutRev = ({_rev, ...doc}: Record<string, unknown>) => doc
    expect(create!.effects.apply).toEqual([0, withoutRev(create!.result!)])
    expect(create).not.toHaveProperty('previous')
    expect(applyPatch(withoutRev(update!.previous!), update!.effects.apply)).toEqual(withoutRev(update!.result!))
    expect(applyPatch(withoutRev(update!.result!), update!.effects.revert)).toEqual(withoutRev(update!.previous!))
    expect(update!.effects.apply[0]).toBe(1)
    expect(remove!.effects).toEqual({apply: [0, null], revert: [0, withoutRev(update!.result!)]})
    expect(remove).not.toHaveProperty('result')
    expect(remove!.resultRev).toBe(remove!.transactionId)
    listener.close()
  })

  it('counts transactionTotalEvents over the events this listener receives', async () => {
    const listener = collectEvents(client, '*[_type == "multi"]', {}, {includeMutations: false})
    await listener.ready()
    const result = await client
      .transaction()
      .create({_id: 'listen-multi-1', _type: 'multi'})
      .create({_id: 'listen-multi-skip', _type: 'other'})
      .create({_id: 'listen-multi-2', _type: 'multi'})
      .commit()
    await listener.until((events) => mutations(events).length === 2)
    expect(
      mutations(listener.events).map((event) => [
        event.documentId,
        event.transactionId,
        event.transactionTotalEvents,
        event.transactionCurrentEvent,
      ]),
    ).toEqual([
      ['listen-multi-1', result.transactionId, 2, 1],
      ['listen-multi-2', result.transactionId, 2, 2],
    ])
    expect(mutations(listener.events)[0]).not.toHaveProperty('mutations')
    listener.close()
  })

  it('sends drafts and versions only with includeAllVersions (apiVersion 2025-02-19), private ids only with a token', async () => {
    const query = '*[_type == "gated"]'
    const plain = collectEvents(client, query)
    const all = collectEvents(client, query, {}, {includeAllVersions: true})
    const legacy = collectEvents(client.withConfig({apiVersion: '2021-06-07'}), query)
    const anonymous = collectEvents(anonymousClient(), query, {}, {includeAllVersions: true})
    await Promise.all([plain.ready(), all.ready(), legacy.ready(), anonymous.ready()])
    await client.create({_id: 'drafts.gated-1', _type: 'gated'})
    await client.create({_id: 'versions.rGate1234.gated-1', _type: 'gated'})
    await client.create({_id: 'private.gated-1', _type: 'gated'})
    await client.create({_id: 'gated-1', _type: 'gated'})
    const idsOf = (listener: typeof plain) => mutations(listener.events).map((event) => event.documentId)
    const seen = (listener: typeof plain) => listener.until(() => idsOf(listener).includes('gated-1'))
    await Promise.all([seen(plain), seen(all), seen(legacy), seen(anonymous)])
    // Private ids (`private.x`, like releases' `_.releases.x`) need a token but no version flag: the
    // Studio's releases listener sets none.
    expect(idsOf(plain)).toEqual(['private.gated-1', 'gated-1'])
    expect(idsOf(all)).toEqual(['drafts.gated-1', 'versions.rGate1234.gated-1', 'private.gated-1', 'gated-1'])
    expect(idsOf(legacy)).toEqual(['drafts.gated-1', 'private.gated-1', 'gated-1'])
    expect(idsOf(anonymous)).toEqual(['gated-1'])
    for (const listener of [plain, all, legacy, anonymous]) listener.close()
  })

  it('answers a malformed query with a parse error before streaming', async () => {
    const response = await fetch(`${client.config().url}/data/listen/production?query=*%5B`, {
      headers: {authorization: `Bearer ${lake.token}`},
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        type: 'queryParseError',
        description: 'Unexpected end of query',
        query: '*[',
        start: 1,
        end: 2,
      },
    })
  })

  it('refuses a $param that is not JSON with the query route\'s message', async () => {
    const response = await fetch(`${client.config().url}/data/listen/production?query=*&%24x=nope`, {
      headers: {authorization: `Bearer ${lake.token}`},
    })
    expect(response.status).toBe(400)
    expect((await response.json()).message).toBe('The value of parameter "$x" is not valid JSON: nope')
  })

  it('streams text/event-stream with CORS headers for the Studio origin', async () => {
    const controller = new AbortController()
    const response = await fetch(`${client.config().url}/data/listen/production?query=*`, {
      headers: {origin: 'http://localhost:3333', accept: 'text/event-stream'},
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
    const reader = response.body!.getReader()
    const {value} = await reader.read()
    expect(new TextDecoder().decode(value)).toMatch(/^event: welcome\ndata: \{"listenerName":"[^"]+"\}\n\n/)
    controller.abort()
  })

  it('drops the subscription when the client disconnects', async () => {
    // Count live subscriptions by wrapping this dataset instance's subscribe (an injected seam).
    const dataset = lake.running.lake.dataset('production', {create: true})!
    const subscribe = dataset.subscribe.bind(dataset)
    let active = 0
    dataset.subscribe = (listener) => {
      active++
      const unsubscribe = subscribe(listener)
      return () => {
        active--
        unsubscribe()
      }
    }
    const listener = collectEvents(client, '*[_id == "listen-disconnect"]')
    await listener.ready()
    expect(active).toBe(1)
    listener.close()
    const deadline = Date.now() + 30_000
    while (active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(active).toBe(0)
    dataset.subscribe = subscribe
  })
})
