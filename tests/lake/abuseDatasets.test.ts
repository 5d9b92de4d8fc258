/**
 * Issue 11, item 5 (datasets): reads never create datasets. Unknown datasets answer 404 on every
 * read route, with a token or without; only a token holder's writes make a new dataset.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {errorOf} from '../helpers/errorOf.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
})
afterAll(() => lake.close())

const notFound = (name: string) => ({error: 'Not Found', message: `Dataset "${name}" not found`, statusCode: 404})

async function get(path: string, token?: string): Promise<{status: number; body: unknown}> {
  const controller = new AbortController()
  const headers: Record<string, string> = {accept: 'text/event-stream'}
  if (token) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${lake.url}${path}`, {headers, signal: controller.signal})
  // A listener that was (wrongly) accepted streams forever: read no further than the status.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    controller.abort()
    return {status: response.status, body: null}
  }
  return {status: response.status, body: await response.json()}
}

describe('unknown datasets', () => {
  it('starts with the default dataset only', () => {
    expect(lake.running.lake.datasets()).toEqual(['production'])
  })

  it('answers 404 to reads of an unknown dataset and creates nothing', async () => {
    const reads = [
      ['/v2025-02-19/data/listen/junk-listen?query=*', undefined],
      ['/v2025-02-19/data/listen/junk-listen-token?query=*', lake.token],
      ['/v2025-02-19/data/query/junk-query?query=*', undefined],
      ['/v1/data/doc/junk-doc/a,b', undefined],
      ['/v2025-02-19/data/history/junk-history/documents/a?lastRevision=true', lake.token],
      ['/v2025-02-19/data/history/junk-history/transactions/a', lake.token],
      ['/v2025-02-19/data/history/junk-history/events/documents/a', lake.token],
    ] as const
    for (const [path, token] of reads) {
      const name = path.split(/[/?]/)[4] ?? ''
      expect({path, ...(await get(path, token))}).toEqual({path, status: 404, body: notFound(name)})
    }
    expect(lake.running.lake.datasets()).toEqual(['production'])
    expect(existsSync(join(lake.dir, 'junk-listen.sqlite'))).toBe(false)
  })

  it('lets a token holder create a dataset by writing to it', async () => {
    const staging = lake.client({dataset: 'staging'})
    await staging.create({_id: 'first', _type: 'note'})
    await lake.client({dataset: 'releases-only'}).action({actionType: 'sanity.action.release.create', releaseId: 'rNew', metadata: {title: 'New'}})
    expect(lake.running.lake.datasets()).toEqual(['production', 'releases-only', 'staging'])
    expect(await staging.fetch('*[]._id')).toEqual(['first'])
  })
})

describe('deleting an unknown dataset', () => {
  // The dataset management API's own 404 (sanity-io/sanity packages/sanity/src/core/studio/
  // requestErrors/__tests__/requestErrors.test.ts; sanity-io/cli datasets/__tests__/delete.test.ts).
  it('answers 404 "Dataset not found" and creates nothing', async () => {
    expect(await errorOf(lake.client().datasets.delete('never-made'))).toEqual({
      statusCode: 404,
      body: {error: 'Dataset not found', message: 'Dataset "never-made" not found for project ID "local"', statusCode: 404},
    })
    expect(lake.running.lake.datasets()).not.toContain('never-made')
  })

  it('still deletes a dataset that exists', async () => {
    await lake.client({dataset: 'doomed'}).create({_id: 'a', _type: 'note'})
    expect(await lake.client().datasets.delete('doomed')).toEqual({deleted: true})
    expect(await errorOf(lake.client().datasets.delete('doomed'))).toMatchObject({statusCode: 404, body: {error: 'Dataset not found'}})
  })
})
