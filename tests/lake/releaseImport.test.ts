/**
 * Issue 15, import: `sanity.action.release.import` (what `sanity dataset import` sends for each
 * `_.releases.*` line) writes the exported release document; `ifExists` decides on a clash.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
const attributes = {
  _id: '_.releases.rOld',
  _type: 'system.release',
  _rev: 'exported-rev',
  name: 'rOld',
  state: 'scheduled',
  publishAt: '2030-01-01T00:00:00.000Z',
  metadata: {title: 'Old', releaseType: 'scheduled'},
}

beforeAll(async () => {
  lake = await startTestLake()
})
afterAll(() => lake.close())

describe('sanity.action.release.import', () => {
  it('writes the release as exported, state and publishAt included', async () => {
    await lake.client().action({actionType: 'sanity.action.release.import', releaseId: 'rOld', attributes, ifExists: 'fail'})
    const {_rev, _updatedAt, _createdAt, ...release} = (await lake.client().getDocument('_.releases.rOld')) ?? {}
    expect(release).toEqual({
      _id: '_.releases.rOld',
      _type: 'system.release',
      name: 'rOld',
      state: 'scheduled',
      publishAt: '2030-01-01T00:00:00.000Z',
      metadata: {title: 'Old', releaseType: 'scheduled'},
    })
  })

  it('refuses an existing release with ifExists "fail", keeps it with "ignore", replaces it with "replace"', async () => {
    const action = (ifExists: 'fail' | 'ignore' | 'replace', title: string) =>
      lake.client().action({actionType: 'sanity.action.release.import', releaseId: 'rOld', attributes: {...attributes, metadata: {title}}, ifExists})
    await expect(action('fail', 'Again')).rejects.toThrow('Release "rOld" already exists')
    await action('ignore', 'Ignored')
    expect((await lake.client().getDocument('_.releases.rOld'))?.metadata).toEqual({title: 'Old', releaseType: 'scheduled'})
    await action('replace', 'Replaced')
    expect((await lake.client().getDocument('_.releases.rOld'))?.metadata).toEqual({title: 'Replaced'})
  })
})
