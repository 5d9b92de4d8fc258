import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {openLake} from '../../lake/store.ts'
import {startTestLake} from '../helpers/lake.ts'

/** How many times the writer is killed; each run waits for a different number of acks. */
const KILLS = 6
const NODE = join(process.cwd(), 'node_modules/.bin/node')
const WRITER = join(process.cwd(), 'tests/helpers/crashWriter.ts')

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})))

/** Transactions per group commit in the group-commit run. */
const GROUP = 4

/** Runs the writer until it acked `acks` transactions, then SIGKILLs it; resolves the acked ids. */
function runAndKill(dir: string, acks: number, group = 1): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [WRITER, dir, String(group)], {stdio: ['ignore', 'pipe', 'pipe']})
    const acked: string[] = []
    let buffer = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) acked.push(line.split(' ')[1] ?? '')
      if (acked.length >= acks) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked)
      else reject(new Error(`writer exited with ${code}: ${stderr}`))
    })
  })
}

describe('durability', () => {
  it.each([
    ['one commit per transaction', 1],
    ['group commit', GROUP],
  ])('keeps every acknowledged transaction and no partial one across SIGKILLs (%s)', async (_name, group) => {
    const dir = mkdtempSync(join(tmpdir(), 'lake-crash-'))
    dirs.push(dir)
    const acked: string[] = []
    for (let run = 0; run < KILLS; run++) {
      acked.push(...(await runAndKill(dir, 5 + run * 7, group)))
      const lake = openLake({dir})
      const dataset = lake.dataset('production')!
      const log = dataset.transactions({})
      const ids = new Set(log.map((transaction) => transaction.id))
      expect(acked.filter((id) => !ids.has(id))).toEqual([])
      const counter = Number(dataset.get('counter')?.n)
      expect(counter).toBe(log.length)
      const pairs = [...dataset.scan({types: ['pair']})]
      expect(pairs.length).toBe(2 * counter)
      for (let n = 1; n <= counter; n++) {
        expect([dataset.get(`pair-${n}-a`)?.n, dataset.get(`pair-${n}-b`)?.n]).toEqual([n, n])
      }
      lake.close()
    }
    expect(acked.length).toBeGreaterThanOrEqual(KILLS * 5)
  })
})

describe('concurrency', () => {
  it('loses no increment when writers race with ifRevisionID and retry', async () => {
    const lake = await startTestLake()
    const WRITERS = 6
    const INCREMENTS = 15
    const client = lake.client()
    await client.create({_id: 'shared-counter', _type: 'counter', n: 0})
    let conflicts = 0
    // Every writer reads the counter once before anyone writes, so the race is certain
    // (at least WRITERS - 1 conflicts) however the machine schedules the requests.
    let firstReads = 0
    let allRead = () => {}
    const allHaveRead = new Promise<void>((resolve) => (allRead = resolve))
    const writer = async () => {
      const own = lake.client()
      for (let i = 0; i < INCREMENTS; i++) {
        for (;;) {
          const doc = await own.getDocument('shared-counter')
          if (i === 0 && firstReads < WRITERS) {
            if (++firstReads === WRITERS) allRead()
            await allHaveRead
          }
          try {
            await own.patch('shared-counter').ifRevisionId(String(doc?._rev)).set({n: Number(doc?.n) + 1}).commit()
            break
          } catch (error) {
            if ((error as {statusCode?: number}).statusCode !== 409) throw error
            conflicts++
          }
        }
      }
    }
    await Promise.all(Array.from({length: WRITERS}, writer))
    expect((await client.getDocument('shared-counter'))?.n).toBe(WRITERS * INCREMENTS)
    expect(conflicts).toBeGreaterThanOrEqual(WRITERS - 1)
    await lake.close()
  })
})
