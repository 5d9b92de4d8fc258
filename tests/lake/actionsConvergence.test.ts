import type {MutationEvent, SanityClient} from '@sanity/client'
import {Mutation, type Doc, type Mut} from '@sanity/mutator'
import {afterAll, expect, it} from 'vitest'

import {collectEvents} from '../helpers/collectEvents.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

it('lets a Studio-style pair listener replay every action with @sanity/mutator and converge', async () => {
  const ids = ['conv', 'drafts.conv', 'versions.rConv1234.conv']
  const listener = collectEvents(client, '*[_id in $ids]', {ids}, {includeAllVersions: true, includeResult: false})
  await listener.ready()
  const steps: Array<Parameters<SanityClient['action']>[0]> = [
    {actionType: 'sanity.action.document.create', publishedId: 'conv', attributes: {_id: 'drafts.conv', _type: 'article', title: 'A'}, ifExists: 'fail'},
    {actionType: 'sanity.action.document.edit', publishedId: 'conv', draftId: 'drafts.conv', patch: {set: {title: 'B', 'seo.title': 'x'}, setIfMissing: {seo: {}}}},
    {actionType: 'sanity.action.document.publish', publishedId: 'conv', draftId: 'drafts.conv'},
    {actionType: 'sanity.action.document.edit', publishedId: 'conv', draftId: 'drafts.conv', patch: {insert: {after: 'tags[-1]', items: ['t']}, setIfMissing: {tags: []}}},
    {actionType: 'sanity.action.release.create', releaseId: 'rConv1234', metadata: {title: 'R'}},
    {actionType: 'sanity.action.document.version.create', publishedId: 'conv', baseId: 'drafts.conv', versionId: 'versions.rConv1234.conv'},
    {actionType: 'sanity.action.document.edit', publishedId: 'conv', draftId: 'versions.rConv1234.conv', patch: {set: {title: 'R'}}},
    {actionType: 'sanity.action.document.unpublish', publishedId: 'conv', draftId: 'drafts.conv'},
    {actionType: 'sanity.action.release.publish', releaseId: 'rConv1234'},
    {actionType: 'sanity.action.document.version.discard', versionId: 'drafts.conv'},
    {actionType: 'sanity.action.document.replaceDraft', publishedId: 'conv', attributes: {_id: 'drafts.conv', _type: 'article', title: 'Restored'}},
  ]
  for (const step of steps) await client.action(step)
  await listener.until((events) =>
    events.some((event) => event.type === 'mutation' && 'documentId' in event && event.documentId === 'drafts.conv' && event.mutations?.some((m) => 'createOrReplace' in m && (m.createOrReplace as {title?: string}).title === 'Restored')),
  )
  const local = new Map<string, Doc | null>()
  for (const event of listener.events.filter((e): e is MutationEvent => e.type === 'mutation')) {
    const before = local.get(event.documentId) ?? null
    expect(event.previousRev).toBe(before ? before._rev : undefined)
    const after = new Mutation({
      // The client and the mutator type the same wire mutations separately.
      mutations: event.mutations as Mut[],
      resultRev: event.resultRev,
      transactionId: event.transactionId,
      timestamp: event.timestamp,
    }).apply(before)
    local.set(event.documentId, after ?? null)
  }
  for (const [id, doc] of local) {
    const server = await client.getDocument(id)
    expect([id, doc]).toEqual([id, server ?? null])
  }
  expect([...local.keys()].sort()).toEqual(ids.slice().sort())
  listener.close()
})
