/**
 * An export holds a read transaction for as long as its download runs, and the write-ahead log
 * cannot start over meanwhile: anonymous exports are counted, and a reader that stops reading or
 * runs past the time an export may take is cut off, which frees its place.
 */
import {afterEach, describe, expect, it, vi} from 'vitest'

import {ANONYMOUS_EXPORTS_MAX, EXPORT_MAX_MS, EXPORT_STALL_MS} from '../../lake/routes/export.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const TOKEN = 'export-token'
const temp = tempLocalLake('lake-export-', TOKEN)
const BASE = 'http://lake.test/v2025-02-19'

afterEach(() => {
  vi.useRealTimers()
})

/** `count` published notes of about `bytes` each, and one draft. */
async function seed(count: number, bytes: number): Promise<void> {
  const documents = Array.from({length: count}, (_, i) => ({_id: `note-${String(i).padStart(3, '0')}`, _type: 'note', text: 'x'.repeat(bytes)}))
  documents.push({_id: 'drafts.note-000', _type: 'note', text: 'draft'})
  for (const document of documents) {
    const response = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{create: document}]}),
      }),
    )
    expect(response.status).toBe(200)
  }
}

function exportRequest(token?: string): Promise<Response> {
  return temp.lake.handler(new Request(`${BASE}/data/export/production`, {headers: token ? {authorization: `Bearer ${token}`} : {}}))
}

async function readAll(response: Response): Promise<string[]> {
  return (await response.text()).split('\n').filter(Boolean).map((line) => String((JSON.parse(line) as {_id: string})._id))
}

describe('anonymous exports', () => {
  it(`are at most ${ANONYMOUS_EXPORTS_MAX} at once: the next gets 429 saying so, a token holder still exports, and a finished one frees its place`, async () => {
    await seed(3, 10)
    const open = await Promise.all(Array.from({length: ANONYMOUS_EXPORTS_MAX}, () => exportRequest()))
    expect(open.map((response) => response.status)).toEqual(Array.from({length: ANONYMOUS_EXPORTS_MAX}, () => 200))
    const refused = await exportRequest()
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({
      error: {type: 'rateLimitError', description: `Too many anonymous exports are running (${ANONYMOUS_EXPORTS_MAX}); retry when one has finished, or use a token`},
    })
    expect(await readAll(await exportRequest(TOKEN))).toEqual(['drafts.note-000', 'note-000', 'note-001', 'note-002'])
    expect(await readAll(open[0]!)).toEqual(['note-000', 'note-001', 'note-002'])
    await open[1]!.body?.cancel()
    const again = await Promise.all([exportRequest(), exportRequest()])
    expect(again.map((response) => response.status)).toEqual([200, 200])
    for (const response of [...open.slice(2), ...again]) await response.body?.cancel()
  })
})

describe('an export whose reader', () => {
  it(`stops reading is cut off after ${EXPORT_STALL_MS / 1000} s, saying so in the log, and frees its place`, async () => {
    // Three documents of 200 KB: the first chunk (256 KB or more) holds two, so the download is not over.
    await seed(3, 200_000)
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']})
    const stalled = await Promise.all(Array.from({length: ANONYMOUS_EXPORTS_MAX}, () => exportRequest()))
    const readers = stalled.map((response) => response.body!.getReader())
    for (const reader of readers) expect((await reader.read()).done).toBe(false)
    expect((await exportRequest()).status).toBe(429)
    vi.advanceTimersByTime(EXPORT_STALL_MS - 1000)
    // One of them reads on: it is not cut off.
    expect((await readers[0]!.read()).done).toBe(false)
    vi.advanceTimersByTime(1000)
    for (const reader of readers.slice(1)) await expect(reader.read()).rejects.toThrow(`export cut off: its reader read nothing for ${EXPORT_STALL_MS / 1000} s`)
    expect((await readers[0]!.read()).done).toBe(true)
    expect(temp.logs).toContain(`export cut off: its reader read nothing for ${EXPORT_STALL_MS / 1000} s`)
    const after = await exportRequest()
    expect(after.status).toBe(200)
    await after.body?.cancel()
  })

  it(`reads on past ${EXPORT_MAX_MS / 60_000} minutes is cut off then`, async () => {
    // Documents of 300 KB: one per chunk, more chunks than the reader reads in the time.
    const chunks = Math.ceil(EXPORT_MAX_MS / (EXPORT_STALL_MS / 2)) + 2
    await seed(chunks, 300_000)
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']})
    const reader = (await exportRequest()).body!.getReader()
    let read = 0
    const readSlowly = async (): Promise<void> => {
      for (;;) {
        if ((await reader.read()).done) return
        read++
        vi.advanceTimersByTime(EXPORT_STALL_MS / 2)
      }
    }
    await expect(readSlowly()).rejects.toThrow(`export cut off: its reader ran past ${EXPORT_MAX_MS / 60_000} minutes`)
    expect(read).toBe(EXPORT_MAX_MS / (EXPORT_STALL_MS / 2))
  })
})
