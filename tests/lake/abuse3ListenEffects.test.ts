/**
 * Listeners asking for mendoza effects in different shapes (with or without results, mutations,
 * previous revisions) encode their events apart; the effects of a change must still be computed
 * once, not once per shape: anonymous listeners in 16 shapes made each 1 MB save of an editor
 * hold the main thread 5.5 s.
 */
import {describe, expect, it, vi} from 'vitest'

import {computeEffects} from '../../lake/effects.ts'
import {encodeMutationEvents, parseListenOptions, type HeardChange, type ListenOptions, type MutationEvent} from '../../lake/listen.ts'
import type {Transaction} from '../../lake/types.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const computed = vi.hoisted(() => ({count: 0}))
vi.mock('../../lake/effects.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lake/effects.ts')>()
  return {
    ...original,
    computeEffects: (before: unknown, after: unknown) => {
      computed.count++
      return original.computeEffects(before, after)
    },
  }
})

const temp = tempLocalLake('lake-listen-effects-', 'effects-token')
const BASE = 'http://lake.test/v2025-02-19'

async function listen(options: string): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const query = encodeURIComponent('*[_type == "blob"]')
  const response = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${query}&effectFormat=mendoza${options}`))
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  await reader.read() // welcome
  return reader
}

describe('mendoza effects for listeners', () => {
  it('are computed once per change, however many listener shapes ask for them', async () => {
    const shapes = ['', '&includeResult=false', '&includeMutations=false', '&includePreviousRevision=true', '&visibility=query', '&includeResult=false&includeMutations=false']
    const write = (mutation: unknown) =>
      temp.lake.handler(
        new Request(`${BASE}/data/mutate/production`, {
          method: 'POST',
          headers: {authorization: 'Bearer effects-token', 'content-type': 'application/json'},
          body: JSON.stringify({mutations: [mutation]}),
        }),
      )
    expect((await write({create: {_id: 'b1', _type: 'blob', s: 'x'.repeat(1000)}})).status).toBe(200)
    const readers = await Promise.all(shapes.map(listen))
    computed.count = 0
    expect((await write({patch: {id: 'b1', set: {s: 'y'.repeat(1000)}}})).status).toBe(200)
    const chunks = await Promise.all(readers.map(async (reader) => new TextDecoder().decode((await reader.read()).value)))
    for (const chunk of chunks) expect(chunk).toContain('"effects":')
    expect(new Set(chunks).size).toBe(shapes.length)
    expect(computed.count).toBe(1)
    for (const reader of readers) await reader.cancel()
  })
})

/** The events as objects, in the order and with the keys the Content Lake sends: what encodeMutationEvents must write, stringified. */
function mutationEvents(tx: Transaction, options: ListenOptions, heard: HeardChange[]): MutationEvent[] {
  return heard.flatMap(({index, transition}, position) => {
    const change = tx.changes[index]
    if (!change) return []
    return [
      {
        eventId: `${tx.id}#${change.id}`,
        documentId: change.id,
        transactionId: tx.id,
        identity: tx.author,
        ...(options.includeMutations ? {mutations: change.mutations} : {}),
        ...(change.previousRev !== null ? {previousRev: change.previousRev} : {}),
        resultRev: tx.id,
        timestamp: tx.timestamp,
        transition,
        visibility: options.visibility,
        ...(options.effectFormat === 'mendoza' ? {effects: computeEffects(change.before, change.after)} : {}),
        ...(options.includeResult && change.after !== null ? {result: change.after} : {}),
        ...(options.includePreviousRevision && change.before !== null ? {previous: change.before} : {}),
        transactionTotalEvents: heard.length,
        transactionCurrentEvent: position + 1,
      },
    ]
  })
}

describe('encodeMutationEvents', () => {
  it('writes the same text as stringifying each event, in every shape', () => {
    const before = {_id: 'b1', _type: 'blob', _rev: 'r0', s: 'héllo 😀 "quoted"', list: [{_key: 'k', n: 1}]}
    const after = {_id: 'b1', _type: 'blob', _rev: 'tx1', s: 'héllo 😃 "quoted"', list: [{_key: 'k', n: 2}]}
    const created = {_id: 'c1', _type: 'blob', _rev: 'tx1'}
    const tx: Transaction = {
      id: 'tx1',
      seq: 2,
      timestamp: '2026-01-01T00:00:00.000Z',
      author: 'p-"author"',
      mutations: [],
      changes: [
        {id: 'b1', operation: 'update', previousRev: 'r0', before, after, mutations: [{patch: {id: 'b1', set: {s: after.s}}}]},
        {id: 'c1', operation: 'create', previousRev: null, before: null, after: created, mutations: [{create: created}]},
        {id: 'd1', operation: 'delete', previousRev: 'r0', before: created, after: null, mutations: [{delete: {id: 'd1'}}]},
      ],
    }
    for (let shape = 0; shape < 32; shape++) {
      const flag = (bit: number) => String(((shape >> bit) & 1) === 1)
      const search = new URLSearchParams({query: '*', includeMutations: flag(0), includeResult: flag(1), includePreviousRevision: flag(2)})
      if ((shape >> 3) & 1) search.set('visibility', 'query')
      if ((shape >> 4) & 1) search.set('effectFormat', 'mendoza')
      const options = parseListenOptions(search, '2025-02-19', null)
      const heard = [{index: 0, transition: 'update' as const}, {index: 1, transition: 'appear' as const}, {index: 2, transition: 'disappear' as const}]
      const expected = mutationEvents(tx, options, heard).map((event) => `id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`).join('')
      expect(new TextDecoder().decode(encodeMutationEvents(tx, options, heard))).toBe(expected)
    }
  })
})
