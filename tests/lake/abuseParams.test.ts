/**
 * Garbage in URL parameters and bodies: each gets a 400 naming the parameter, never a 500, and the
 * data written before is still there.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  await lake.client().createOrReplace({_id: 'kept', _type: 'note', n: 1})
})
afterAll(() => lake.close())

async function get(path: string): Promise<{status: number; body: unknown}> {
  const response = await fetch(`${lake.url}/v2025-02-19${path}`, {headers: {authorization: `Bearer ${lake.token}`}})
  return {status: response.status, body: await response.json()}
}

describe('history parameters', () => {
  it('answers a limit past the largest exact integer with 400 naming it', async () => {
    const big = '100000000000000000000'
    const refused = {status: 400, body: {error: 'Bad Request', message: `"limit" must be a positive integer, got ${big}`, statusCode: 400}}
    expect(await get(`/data/history/production/transactions/kept?limit=${big}`)).toEqual(refused)
    expect(await get(`/data/history/production/events/documents/kept?limit=${big}`)).toEqual(refused)
    expect(await get(`/data/history/production/deleted?limit=${big}`)).toEqual(refused)
    expect(await lake.client().getDocument('kept')).toMatchObject({n: 1})
  })
})
