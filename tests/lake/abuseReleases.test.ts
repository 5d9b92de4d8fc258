/**
 * Release documents reached with the wrong actions: `release.edit` changes a release's metadata
 * and nothing else, and document actions never write a release document, so a release's state
 * and schedule change only through the release actions that check them.
 */
import {afterAll, describe, expect, it} from 'vitest'
import {errorOf} from '../helpers/errorOf.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

const edit = (patch: Record<string, unknown>) => client.action({actionType: 'sanity.action.release.edit', releaseId: 'rEdit', patch})
const refused = (path: string) => ({
  statusCode: 400,
  body: {error: {type: 'actionError', description: `"sanity.action.release.edit" changes only a release's metadata, not "${path}"`}},
})

describe('sanity.action.release.edit', () => {
  it('changes the metadata as the Studio sends it', async () => {
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rEdit', metadata: {title: 'Spring', description: 'D'}})
    await edit({set: {metadata: {title: 'Summer', releaseType: 'asap'}}, unset: ['metadata.description']})
    await edit({set: {'metadata.intendedPublishAt': '2030-01-01T00:00:00.000Z'}})
    expect(await client.getDocument('_.releases.rEdit')).toMatchObject({
      state: 'active',
      metadata: {title: 'Summer', releaseType: 'asap', intendedPublishAt: '2030-01-01T00:00:00.000Z'},
    })
  })

  it('refuses to change anything else, and leaves the release as it was', async () => {
    const before = await client.getDocument('_.releases.rEdit')
    expect(await errorOf(edit({set: {state: 'scheduled', publishAt: '2000-01-01T00:00:00Z'}}))).toEqual(refused('state'))
    expect(await errorOf(edit({unset: ['state']}))).toEqual(refused('state'))
    expect(await errorOf(edit({set: {'metadata.title': 'X'}, setIfMissing: {finalDocumentStates: []}}))).toEqual(refused('finalDocumentStates'))
    expect(await errorOf(edit({insert: {after: 'finalDocumentStates[-1]', items: [{id: 'x'}]}}))).toEqual(refused('finalDocumentStates[-1]'))
    expect(await errorOf(edit({set: {metadataX: 1}}))).toEqual(refused('metadataX'))
    expect(await client.getDocument('_.releases.rEdit')).toEqual(before)
  })
})

describe('document actions on a release document', () => {
  const reserved = (id: string) => ({
    statusCode: 400,
    body: {error: {type: 'actionError', description: `actions[0]: Document ID "${id}" is reserved for system documents: releases change through the release actions`}},
  })

  it('are refused, and the release stays as it was', async () => {
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rKept', metadata: {title: 'Kept'}})
    const release = await client.getDocument('_.releases.rKept')
    expect(await errorOf(client.action({actionType: 'sanity.action.document.delete', publishedId: '_.releases.rKept', includeDrafts: []}))).toEqual(reserved('_.releases.rKept'))
    expect(await errorOf(client.action({actionType: 'sanity.action.document.discard', draftId: '_.releases.rKept'}))).toEqual(reserved('_.releases.rKept'))
    const attributes = {_id: 'drafts._.releases.rKept', _type: 'person', name: 'Fake'}
    expect(await errorOf(client.action({actionType: 'sanity.action.document.create', publishedId: '_.releases.rKept', attributes, ifExists: 'fail'}))).toEqual(
      reserved('drafts._.releases.rKept'),
    )
    expect(await client.getDocument('_.releases.rKept')).toEqual(release)
    expect(await client.getDocument('drafts._.releases.rKept')).toBeUndefined()
  })
})
