import {createClient, type LiveEvent, type SanityClient} from '@sanity/client'
import {afterAll, describe, expect, it} from 'vitest'

import {LIVE_MAX_CONNECTIONS} from '../../lake/routes/live.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

function anonymousClient(): SanityClient {
  return lake.client({token: undefined})
}

/** Subscribes to client.live.events() and collects what arrives. */
function collectLive(source: SanityClient, includeDrafts = false) {
  const events: LiveEvent[] = []
  const waiters: Array<() => void> = []
  const subscription = source.live.events({includeDrafts}).subscribe({
    next(event) {
      events.push(event)
      for (const wake of waiters.splice(0)) wake()
    },
  })
  const until = async (done: (all: LiveEvent[]) => boolean) => {
    while (!done(events)) await new Promise<void>((resolve) => waiters.push(resolve))
  }
  return {events, until, close: () => subscription.unsubscribe()}
}

const messages = (events: LiveEvent[]) => events.filter((event) => event.type === 'message')

/** Reads raw SSE frames from the route until `count` events arrived. */
async function rawEvents(headers: Record<string, string>, count: number): Promise<Array<{id?: string; event: string; data: string}>> {
  const controller = new AbortController()
  const response = await fetch(`${lake.url}/v2025-02-19/data/live/events/production`, {headers, signal: controller.signal})
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  const frames = () => text.split('\n\n').slice(0, -1).filter((frame) => !frame.startsWith(':'))
  while (frames().length < count) text += (await reader.read()).value ?? ''
  controller.abort()
  return frames()
    .slice(0, count)
    .map((frame) => Object.fromEntries(frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])))
    .map(({id, event, data}) => ({...(id === undefined ? {} : {id}), event: event ?? '', data: data ?? ''}))
}

async function syncTags(source: SanityClient, query: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const response = await source.fetch(query, params, {filterResponse: false})
  return response.syncTags ?? []
}

describe('data/live/events', () => {
  it('says welcome, then sends a published change with the sync tags its queries carried', async () => {
    await client.create({_id: 'live-a', _type: 'liveNote', title: 'A'})
    const tagsOfA = await syncTags(anonymousClient(), '*[_id == "live-a"][0]{title}')
    expect(tagsOfA).toHaveLength(1)
    expect(tagsOfA[0]).toMatch(/^s1:[\w-]{10}$/)
    const live = collectLive(anonymousClient())
    await live.until((events) => events.length > 0)
    // The welcome carries the position the stream starts at (the client's type leaves `id` out).
    const [welcome] = await rawEvents({}, 1)
    expect(live.events[0]).toEqual({type: 'welcome', id: welcome!.id})
    await client.patch('live-a').set({title: 'A2'}).commit()
    await live.until((events) => messages(events).length === 1)
    const [message] = messages(live.events)
    expect(message!.tags).toEqual(expect.arrayContaining(tagsOfA))
    expect(message!.id).toBe(String(Number(welcome!.id) + 1))
    live.close()
  })

  it('keeps drafts out of anonymous streams and sends them with includeDrafts and a token', async () => {
    const anonymous = collectLive(anonymousClient())
    const editor = collectLive(client, true)
    await anonymous.until((events) => events.length > 0)
    await editor.until((events) => events.length > 0)
    await client.create({_id: 'drafts.live-b', _type: 'liveNote', title: 'draft'})
    await client.create({_id: 'live-c', _type: 'liveNote', title: 'published'})
    await anonymous.until((events) => messages(events).length > 0)
    await editor.until((events) => messages(events).length === 2)
    const [draftMessage, publishedMessage] = messages(editor.events)
    // The anonymous stream's first message is the published create: the draft was never sent.
    expect(messages(anonymous.events)[0]).toEqual({...publishedMessage, tags: expect.any(Array)})
    expect(Number(publishedMessage!.id)).toBe(Number(draftMessage!.id) + 1)
    const draftTags = await syncTags(client.withConfig({perspective: 'drafts'}), '*[_id == "live-b"][0]')
    expect(draftMessage!.tags).toEqual(expect.arrayContaining(draftTags))
    anonymous.close()
    editor.close()
  })

  it('refuses includeDrafts without a token', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/live/events/production?includeDrafts=true`)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({message: 'includeDrafts=true requires a token: send "Authorization: Bearer <token>"'})
  })

  it('resumes after a known Last-Event-ID and restarts after an unknown one', async () => {
    const [welcome] = await rawEvents({}, 1)
    const start = Number(welcome!.id)
    await client.create({_id: 'live-d', _type: 'liveNote'})
    await client.create({_id: 'drafts.live-e', _type: 'liveNote'})
    await client.create({_id: 'live-f', _type: 'liveNote'})
    const resumed = await rawEvents({'last-event-id': String(start)}, 3)
    expect(resumed.map(({id, event}) => [id, event])).toEqual([
      [undefined, 'welcome'],
      [String(start + 1), 'message'],
      [String(start + 3), 'message'],
    ])
    const [tagsOfD] = await syncTags(client, '*[_id == "live-d"][0]')
    expect(JSON.parse(resumed[1]!.data).tags).toContain(tagsOfD)
    const restarted = await rawEvents({'last-event-id': 'MTcxNzE'}, 2)
    expect(restarted.map(({id, event}) => [id, event])).toEqual([
      [String(start + 3), 'welcome'],
      [String(start + 3), 'restart'],
    ])
    const ahead = await rawEvents({'last-event-id': String(start + 1000)}, 2)
    expect(ahead[1]!.event).toBe('restart')
  })

  it(`says goaway to a stream past ${LIVE_MAX_CONNECTIONS} open ones, and serves again once one closes`, async () => {
    const controllers: AbortController[] = []
    const open = async () => {
      const controller = new AbortController()
      controllers.push(controller)
      const response = await fetch(`${lake.url}/v2025-02-19/data/live/events/production`, {signal: controller.signal})
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      return (await reader.read()).value ?? ''
    }
    try {
      const first = await Promise.all(Array.from({length: LIVE_MAX_CONNECTIONS}, open))
      expect(first.every((text) => text.startsWith('id: '))).toBe(true)
      const refused = await open()
      expect(refused).toMatch(/^id: \d+\nevent: goaway\ndata: \{"reason":"the lake serves at most 1000 live connections"\}\n\n$/)
      controllers[0]!.abort()
      await expect.poll(async () => (await open()).includes('event: welcome')).toBe(true)
    } finally {
      for (const controller of controllers) controller.abort()
    }
  })

  it('is 404 for a dataset that does not exist, and creates none', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/live/events/nothing`)
    expect(response.status).toBe(404)
    expect(lake.running.lake.datasets()).not.toContain('nothing')
  })
})

describe('syncTags on query responses', () => {
  it('tags a document read by id, so a change to another document does not match it', async () => {
    await client.create({_id: 'tag-2', _type: 'tagNote'})
    await client.create({_id: 'tag-1', _type: 'tagNote', ref: {_type: 'reference', _ref: 'tag-2'}})
    await client.create({_id: 'tag-3', _type: 'tagNote'})
    const byId = await syncTags(client, '*[_id == "tag-1"][0]{_id}')
    const withRef = await syncTags(client, '*[_id == "tag-1"][0]{"other": ref->_id}')
    const [tagOf2] = await syncTags(client, '*[_id == "tag-2"][0]')
    const [tagOf3] = await syncTags(client, '*[_id == "tag-3"][0]')
    expect(byId).toHaveLength(1)
    expect(withRef.sort()).toEqual([...byId, tagOf2].sort())
    const live = collectLive(client)
    await live.until((events) => events.length > 0)
    await client.patch('tag-3').set({n: 1}).commit()
    await live.until((events) => messages(events).length === 1)
    const [message] = messages(live.events)
    expect(message!.tags).toContain(tagOf3)
    expect(message!.tags).not.toContain(byId[0])
    expect(message!.tags).not.toContain(tagOf2)
    live.close()
  })

  it('gives a type scan a tag that a new document of the type matches and an edit of another type does not', async () => {
    const listTags = await syncTags(anonymousClient(), '*[_type == "tagNote"] | order(_id) {_id}')
    const live = collectLive(anonymousClient())
    await live.until((events) => events.length > 0)
    await client.create({_id: 'other-1', _type: 'otherNote'})
    await client.create({_id: 'tag-4', _type: 'tagNote'})
    await live.until((events) => messages(events).length === 2)
    const [other, created] = messages(live.events)
    expect(other!.tags.filter((tag) => listTags.includes(tag))).toEqual([])
    expect(created!.tags.filter((tag) => listTags.includes(tag))).toHaveLength(1)
    live.close()
  })

  it('gives an unnarrowed scan a tag that every change matches', async () => {
    const tags = await syncTags(client, 'count(*[defined(title)])')
    expect(tags).toHaveLength(1)
    const live = collectLive(client)
    await live.until((events) => events.length > 0)
    await client.create({_id: 'any-1', _type: 'whatever'})
    await live.until((events) => messages(events).length === 1)
    expect(messages(live.events)[0]!.tags).toContain(tags[0])
    live.close()
  })
})

describe('replays past the main thread\'s budget for them', () => {
  it('give restart instead of the transactions missed, and the stream goes on from now', async () => {
    const spent = await startTestLake({liveReplayMsPerSecond: 0})
    try {
      const writer = spent.client()
      await writer.create({_id: 'budget-a', _type: 'liveNote'})
      const response = await fetch(`${spent.url}/v2025-02-19/data/live/events/production`, {headers: {'last-event-id': '0'}})
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      const events = () => text.split('\n\n').filter((frame) => frame.includes('event: '))
      while (events().length < 2) text += (await reader.read()).value ?? ''
      expect(events().map((frame) => /event: (\w+)/.exec(frame)?.[1])).toEqual(['welcome', 'restart'])
      await writer.create({_id: 'budget-b', _type: 'liveNote'})
      while (events().length < 3) text += (await reader.read()).value ?? ''
      expect(events()[2]).toContain('event: message')
      await reader.cancel()
    } finally {
      await spent.close()
    }
  })
})
