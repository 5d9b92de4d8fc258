/**
 * Long streamed answers (an export, a transaction log) over HTTP: the lake writes one chunk per
 * turn of the event loop, so other clients' requests are read and answered between two chunks
 * instead of after the whole body.
 */
import {ServerResponse} from 'node:http'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  const text = 'x'.repeat(256 * 1024)
  const client = lake.client()
  for (let n = 0; n < 40; n++) await client.createOrReplace({_id: `large-${n}`, _type: 'note', text})
})
afterAll(() => lake.close())

/**
 * Runs `work` and returns the most chunks the lake's HTTP server wrote within one turn of the
 * event loop (the lake runs in this process: a turn is counted by a setImmediate chain).
 */
async function mostWritesPerTurn(work: () => Promise<unknown>): Promise<number> {
  let writes = 0
  let most = 0
  let running = true
  const turn = () => {
    most = Math.max(most, writes)
    writes = 0
    if (running) setImmediate(turn)
  }
  const write = ServerResponse.prototype.write
  const spy = vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (this: ServerResponse, ...args: Parameters<ServerResponse['write']>) {
    writes++
    return write.apply(this, args)
  })
  setImmediate(turn)
  try {
    await work()
  } finally {
    running = false
    spy.mockRestore()
  }
  return most
}

describe('a streamed export of 10 MB', () => {
  it('is written a chunk per turn of the event loop', async () => {
    let bytes = 0
    const most = await mostWritesPerTurn(async () => {
      const response = await fetch(`${lake.url}/v2025-02-19/data/export/production`, {headers: {authorization: `Bearer ${lake.token}`}})
      const reader = response.body!.getReader()
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength
    })
    expect(bytes).toBeGreaterThan(40 * 256 * 1024)
    expect(most).toBe(1)
  })
})
