/**
 * What the hosted Content Lake keeps true of releases: one holds at most 1,000 documents
 * (sanity.io/docs/content-lake/content-release-document-flow), and a scheduled one is locked
 * (@sanity/client `releases.schedule`): its documents cannot be changed and the documents they
 * reference cannot be deleted, until it is unscheduled; its publish at the time still runs.
 */
import {afterAll, describe, expect, it} from 'vitest'

import {MAX_RELEASE_BYTES, MAX_RELEASE_DOCUMENTS} from '../../lake/store/releaseRules.ts'
import {errorOf} from '../helpers/errorOf.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

const PUBLISH_AT = '2031-01-01T00:00:00.000Z'

/**
 * Release `releaseId`, scheduled, holding a version of article `id` whose source is the published
 * `source-<id>`, referenced weakly until publish (as the Studio makes it), and whose related link
 * points weakly at `other-<id>`.
 */
async function scheduledRelease(releaseId: string, id: string): Promise<void> {
  await client.createOrReplace({_id: `source-${id}`, _type: 'source', title: 'Reuters'})
  await client.createOrReplace({_id: `other-${id}`, _type: 'source', title: 'AP'})
  await client.action({actionType: 'sanity.action.release.create', releaseId, metadata: {title: 'Embargo', releaseType: 'scheduled'}})
  await client.action({
    actionType: 'sanity.action.document.version.create',
    publishedId: id,
    document: {
      _id: `versions.${releaseId}.${id}`,
      _type: 'article',
      title: 'Embargoed',
      originalSource: {_type: 'reference', _ref: `source-${id}`, _weak: true, _strengthenOnPublish: {type: 'source'}},
      related: {_type: 'reference', _ref: `other-${id}`, _weak: true},
    },
  })
  await client.action({actionType: 'sanity.action.release.schedule', releaseId, publishAt: PUBLISH_AT})
}

/** The 409 the actions API (`action`) or `data/mutate` (`mutation`) answers with `description`. */
function conflict(api: 'action' | 'mutation', description: string) {
  return {
    statusCode: 409,
    body: {error: api === 'action' ? {type: 'actionError', description} : {type: 'mutationError', description}},
  }
}

describe('a scheduled release is locked', () => {
  it('refuses a change to one of its documents, by action or mutation, until it is unscheduled', async () => {
    await scheduledRelease('rLockEdit', 'lock-edit')
    const versionId = 'versions.rLockEdit.lock-edit'
    const message = `Document "${versionId}" cannot be changed: release "rLockEdit" is scheduled to publish at ${PUBLISH_AT}; unschedule it to change its documents`
    const edit = {actionType: 'sanity.action.document.edit', publishedId: 'lock-edit', draftId: versionId, patch: {set: {title: 'Changed'}}} as const
    expect(await errorOf(client.action(edit))).toEqual(conflict('action', message))
    expect(await errorOf(client.action({actionType: 'sanity.action.document.version.discard', versionId}))).toEqual(conflict('action', message))
    const mutate = await errorOf(client.patch(versionId).set({title: 'Changed'}).commit())
    expect(mutate).toMatchObject(conflict('mutation', message))
    expect(await client.getDocument(versionId)).toMatchObject({title: 'Embargoed'})

    await client.action({actionType: 'sanity.action.release.unschedule', releaseId: 'rLockEdit'})
    await client.action(edit)
    expect(await client.getDocument(versionId)).toMatchObject({title: 'Changed'})
  })

  it('refuses a new document in it', async () => {
    await scheduledRelease('rLockAdd', 'lock-add')
    const added = {actionType: 'sanity.action.document.version.create', publishedId: 'lock-add-2', document: {_id: 'versions.rLockAdd.lock-add-2', _type: 'article', title: 'Late'}} as const
    expect(await errorOf(client.action(added))).toEqual(
      conflict('action', `Document "versions.rLockAdd.lock-add-2" cannot be changed: release "rLockAdd" is scheduled to publish at ${PUBLISH_AT}; unschedule it to change its documents`),
    )
    expect(await client.getDocument('versions.rLockAdd.lock-add-2')).toBeUndefined()
  })

  it('refuses to delete a document its publish would make a strong reference to; weak ones stay free', async () => {
    await scheduledRelease('rLockRef', 'lock-ref')
    const message = `Document "source-lock-ref" cannot be deleted: "versions.rLockRef.lock-ref" references it and release "rLockRef" is scheduled to publish at ${PUBLISH_AT}; unschedule it first`
    expect(await errorOf(client.delete('source-lock-ref'))).toMatchObject(conflict('mutation', message))
    expect(await errorOf(client.action({actionType: 'sanity.action.document.delete', publishedId: 'source-lock-ref', includeDrafts: []}))).toEqual(
      conflict('action', message),
    )
    expect(await client.getDocument('source-lock-ref')).toMatchObject({title: 'Reuters'})
    // A reference that stays weak when published does not make the publish fail.
    await client.delete('other-lock-ref')
    expect(await client.getDocument('other-lock-ref')).toBeUndefined()

    await client.action({actionType: 'sanity.action.release.unschedule', releaseId: 'rLockRef'})
    await client.delete('source-lock-ref')
    expect(await client.getDocument('source-lock-ref')).toBeUndefined()
  })

  it('still publishes: the publish leaves the release published', async () => {
    await scheduledRelease('rLockPub', 'lock-pub')
    await client.action({actionType: 'sanity.action.release.publish', releaseId: 'rLockPub'})
    expect(await client.getDocument('lock-pub')).toMatchObject({title: 'Embargoed', originalSource: {_ref: 'source-lock-pub'}})
    expect(await client.getDocument('versions.rLockPub.lock-pub')).toBeUndefined()
    expect(await client.getDocument('_.releases.rLockPub')).toMatchObject({state: 'published'})
  })
})

describe('a release', () => {
  it(`holds at most ${MAX_RELEASE_DOCUMENTS} documents; its versions can still be edited when full`, async () => {
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rFull', metadata: {title: 'Full'}})
    const version = (i: number) => ({
      actionType: 'sanity.action.document.version.create' as const,
      publishedId: `full-${i}`,
      document: {_id: `versions.rFull.full-${i}`, _type: 'article', title: `Article ${i}`},
    })
    await client.action(Array.from({length: MAX_RELEASE_DOCUMENTS - 1}, (_, i) => version(i)))
    await client.action(version(MAX_RELEASE_DOCUMENTS - 1))
    const message = `Release "rFull" would hold ${MAX_RELEASE_DOCUMENTS + 1} documents; a release holds at most ${MAX_RELEASE_DOCUMENTS}: put the rest in another release`
    expect(await errorOf(client.action(version(MAX_RELEASE_DOCUMENTS)))).toEqual(conflict('action', message))
    expect(await errorOf(client.create({_id: `versions.rFull.full-${MAX_RELEASE_DOCUMENTS}`, _type: 'article'}))).toMatchObject(conflict('mutation', message))
    expect(await client.getDocument(`versions.rFull.full-${MAX_RELEASE_DOCUMENTS}`)).toBeUndefined()

    await client.action({actionType: 'sanity.action.document.edit', publishedId: 'full-0', draftId: 'versions.rFull.full-0', patch: {set: {title: 'Edited'}}})
    expect(await client.getDocument('versions.rFull.full-0')).toMatchObject({title: 'Edited'})
    // One out, one in, in one transaction: still full, not past it.
    await client.action([
      {actionType: 'sanity.action.document.version.discard', versionId: 'versions.rFull.full-1'},
      version(MAX_RELEASE_DOCUMENTS),
    ])
    expect(await client.fetch('count(*[_id in path("versions.rFull.**")])', {}, {perspective: 'raw'})).toBe(MAX_RELEASE_DOCUMENTS)
  })

  it('holds at most 100 MB of documents; room a version gives back is free again', async () => {
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rHeavy', metadata: {title: 'Heavy'}})
    // Each just under the 4 MB request body limit: 25 of them are 99.75 MB, the 26th is too much.
    const text = 'x'.repeat(3_990_000)
    for (let i = 0; i < 25; i++) await client.create({_id: `versions.rHeavy.heavy-${i}`, _type: 'article', text})
    const failure = await errorOf(client.create({_id: 'versions.rHeavy.heavy-25', _type: 'article', text}))
    expect(failure).toMatchObject({statusCode: 409, body: {error: {type: 'mutationError'}}})
    const description = (failure.body as {error: {description: string}}).error.description
    expect(description).toMatch(new RegExp(`^Release "rHeavy" would hold 1037\\d{5} bytes of documents; a release holds at most ${MAX_RELEASE_BYTES} \\(100 MB\\): put some of them in another release$`))
    expect(await client.getDocument('versions.rHeavy.heavy-25')).toBeUndefined()
    await client.patch('versions.rHeavy.heavy-0').set({text: 'short'}).commit()
    await client.create({_id: 'versions.rHeavy.heavy-25', _type: 'article', text: 'short'})
  })
})
