import {afterAll, describe, expect, it} from 'vitest'

import {errorOf} from '../helpers/errorOf.ts'
import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

/** The current documents for `ids` (null where missing), without timestamps. */
async function docs(...ids: string[]): Promise<Array<Record<string, unknown> | null>> {
  const found = await client.getDocuments(ids)
  return found.map((doc) => {
    if (!doc) return null
    const {_createdAt, _updatedAt, ...rest} = doc
    return rest
  })
}

describe('data/actions', () => {
  it('creates a draft, edits it and publishes it, removing the draft', async () => {
    await client.action(
      {actionType: 'sanity.action.document.create', publishedId: 'act-pub', attributes: {_id: 'drafts.act-pub', _type: 'article', title: 'A'}, ifExists: 'fail'},
      {transactionId: 'act-pub-tx1'},
    )
    await client.action(
      {actionType: 'sanity.action.document.edit', publishedId: 'act-pub', draftId: 'drafts.act-pub', patch: {set: {title: 'B'}}},
      {transactionId: 'act-pub-tx2'},
    )
    const result = await client.action(
      {actionType: 'sanity.action.document.publish', publishedId: 'act-pub', draftId: 'drafts.act-pub'},
      {transactionId: 'act-pub-tx3'},
    )
    expect(result).toEqual({transactionId: 'act-pub-tx3'})
    expect(await docs('act-pub', 'drafts.act-pub')).toEqual([
      {_id: 'act-pub', _type: 'article', title: 'B', _rev: 'act-pub-tx3'},
      null,
    ])
  })

  // The action creates drafts or versions, never the published id (@sanity/client's CreateAction:
  // "Creates a new draft document"; sanity.io/docs/http-actions: a draft or version id "must have
  // either drafts. or versions.<release>. as a prefix"; the Studio sends writes to a published id,
  // live edits, to data/mutate: sanity-io/sanity document-pair/checkoutPair.ts isLiveEditMutation).
  it('refuses a published _id in create attributes with 400, writing nothing', async () => {
    const create = {actionType: 'sanity.action.document.create', publishedId: 'act-live', attributes: {_id: 'act-live', _type: 'article'}, ifExists: 'fail'} as const
    expect(await errorOf(client.action(create))).toEqual({
      statusCode: 400,
      body: {error: {type: 'actionError', description: '"attributes._id" must be a draft or version id of "act-live", got "act-live"'}},
    })
    expect(await docs('act-live', 'drafts.act-live')).toEqual([null, null])
  })

  // @sanity/client's CreateAction: "The published version of the document must not already exist";
  // sanity-io/sanity checkoutPair.ts toActions: the create action "will fail if the published
  // version of the document already exists" (so the Studio makes such drafts with document.edit).
  it('refuses to create the draft of a published document with 409, even with ifExists: ignore', async () => {
    await client.create({_id: 'act-taken', _type: 'article', title: 'Published'})
    for (const ifExists of ['fail', 'ignore'] as const) {
      const create = {actionType: 'sanity.action.document.create', publishedId: 'act-taken', attributes: {_id: 'drafts.act-taken', _type: 'article'}, ifExists} as const
      expect(await errorOf(client.action(create))).toEqual({
        statusCode: 409,
        body: {error: {type: 'actionError', description: 'Cannot create "drafts.act-taken": "act-taken" is published; "sanity.action.document.edit" makes its draft'}},
      })
    }
    expect(await docs('drafts.act-taken')).toEqual([null])
  })

  it('edit copies the published document into a missing draft, then patches it', async () => {
    await client.create({_id: 'act-edit', _type: 'article', title: 'Published', language: 'ar'})
    await client.action({
      actionType: 'sanity.action.document.edit',
      publishedId: 'act-edit',
      draftId: 'drafts.act-edit',
      patch: {unset: ['_empty_action_guard_pseudo_field_'], set: {title: 'Draft'}},
    }, {transactionId: 'act-edit-tx'})
    expect(await docs('act-edit', 'drafts.act-edit')).toEqual([
      {_id: 'act-edit', _type: 'article', title: 'Published', language: 'ar', _rev: expect.any(String)},
      {_id: 'drafts.act-edit', _type: 'article', title: 'Draft', language: 'ar', _rev: 'act-edit-tx'},
    ])
  })

  it('rejects publish with 409 when ifPublishedRevisionId does not match, writing nothing', async () => {
    const published = await client.create({_id: 'act-conflict', _type: 'article', title: 'v1'})
    await client.create({_id: 'drafts.act-conflict', _type: 'article', title: 'v2'})
    const failure = await errorOf(
      client.action({
        actionType: 'sanity.action.document.publish',
        publishedId: 'act-conflict',
        draftId: 'drafts.act-conflict',
        ifPublishedRevisionId: 'stale-rev',
      }),
    )
    expect(failure).toEqual({
      statusCode: 409,
      body: {
        error: {
          type: 'actionError',
          description: `Document "act-conflict" has revision "${published._rev}", expected "stale-rev"`,
        },
      },
    })
    expect((await docs('act-conflict'))[0]).toMatchObject({title: 'v1', _rev: published._rev})
    await client.action({
      actionType: 'sanity.action.document.publish',
      publishedId: 'act-conflict',
      draftId: 'drafts.act-conflict',
      ifPublishedRevisionId: published._rev,
    })
    expect((await docs('act-conflict'))[0]).toMatchObject({title: 'v2'})
  })

  it('unpublish moves the published document back to a draft', async () => {
    await client.create({_id: 'act-unpub', _type: 'article', title: 'Live'})
    await client.action(
      {actionType: 'sanity.action.document.unpublish', publishedId: 'act-unpub', draftId: 'drafts.act-unpub'},
      {transactionId: 'act-unpub-tx'},
    )
    expect(await docs('act-unpub', 'drafts.act-unpub')).toEqual([
      null,
      {_id: 'drafts.act-unpub', _type: 'article', title: 'Live', _rev: 'act-unpub-tx'},
    ])
  })

  it('delete removes the published document and the listed drafts; discard removes a draft', async () => {
    await client.create({_id: 'act-del', _type: 'article'})
    await client.create({_id: 'drafts.act-del', _type: 'article'})
    await client.create({_id: 'versions.rDel12345.act-del', _type: 'article'})
    await client.action({
      actionType: 'sanity.action.document.delete',
      publishedId: 'act-del',
      includeDrafts: ['drafts.act-del', 'versions.rDel12345.act-del'],
    })
    expect(await docs('act-del', 'drafts.act-del', 'versions.rDel12345.act-del')).toEqual([null, null, null])

    await client.create({_id: 'drafts.act-discard', _type: 'article'})
    await client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.act-discard'})
    await client.create({_id: 'drafts.act-discard2', _type: 'article'})
    await client.action({actionType: 'sanity.action.document.version.discard', versionId: 'drafts.act-discard2'})
    expect(await docs('drafts.act-discard', 'drafts.act-discard2')).toEqual([null, null])
    expect(await errorOf(client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.act-discard'}))).toEqual({
      statusCode: 409,
      body: {error: {type: 'actionError', description: 'Cannot discard "drafts.act-discard": it does not exist'}},
    })
  })

  it('replaceDraft replaces the whole draft', async () => {
    await client.create({_id: 'act-replace', _type: 'article', title: 'Old', extra: true})
    await client.action(
      {actionType: 'sanity.action.document.replaceDraft', publishedId: 'act-replace', attributes: {_id: 'drafts.act-replace', _type: 'article', title: 'Restored'}},
      {transactionId: 'act-replace-tx'},
    )
    expect(await docs('drafts.act-replace')).toEqual([
      {_id: 'drafts.act-replace', _type: 'article', title: 'Restored', _rev: 'act-replace-tx'},
    ])
  })

  it('creates a release, adds a version and publishes the release atomically', async () => {
    await client.create({_id: 'act-rel', _type: 'article', title: 'Before'})
    await client.create({_id: 'act-rel-gone', _type: 'article', title: 'To unpublish'})
    await client.action({
      actionType: 'sanity.action.release.create',
      releaseId: 'rAct12345',
      metadata: {title: 'Spring', releaseType: 'asap'},
    })
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'act-rel',
      baseId: 'act-rel',
      versionId: 'versions.rAct12345.act-rel',
    })
    await client.action([
      {actionType: 'sanity.action.document.edit', publishedId: 'act-rel', draftId: 'versions.rAct12345.act-rel', patch: {set: {title: 'After'}}},
      {actionType: 'sanity.action.document.version.unpublish', publishedId: 'act-rel-gone', versionId: 'versions.rAct12345.act-rel-gone'},
    ])
    const result = await client.action({actionType: 'sanity.action.release.publish', releaseId: 'rAct12345'}, {transactionId: 'act-rel-publish'})
    expect(result).toEqual({transactionId: 'act-rel-publish'})
    expect(await docs('act-rel', 'versions.rAct12345.act-rel', 'act-rel-gone', 'versions.rAct12345.act-rel-gone')).toEqual([
      {_id: 'act-rel', _type: 'article', title: 'After', _rev: 'act-rel-publish'},
      null,
      null,
      null,
    ])
    const release = await client.getDocument('_.releases.rAct12345')
    expect(release).toMatchObject({
      _type: 'system.release',
      name: 'rAct12345',
      state: 'published',
      metadata: {title: 'Spring', releaseType: 'asap'},
      finalDocumentStates: [{id: 'versions.rAct12345.act-rel'}, {id: 'versions.rAct12345.act-rel-gone'}],
      _rev: 'act-rel-publish',
    })
  })

  it('schedules, unschedules, archives (removing versions), unarchives (restoring them) and deletes a release', async () => {
    const release = () => client.getDocument('_.releases.rLife1234')
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rLife1234', metadata: {title: 'Life'}})
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'act-life',
      document: {_id: 'versions.rLife1234.act-life', _type: 'article', title: 'In release'},
    })
    await client.action({actionType: 'sanity.action.release.schedule', releaseId: 'rLife1234', publishAt: '2030-01-01T00:00:00.000Z'})
    expect(await release()).toMatchObject({state: 'scheduled', publishAt: '2030-01-01T00:00:00.000Z'})
    await client.action({actionType: 'sanity.action.release.unschedule', releaseId: 'rLife1234'})
    expect(await release()).not.toHaveProperty('publishAt')
    await client.action({actionType: 'sanity.action.release.archive', releaseId: 'rLife1234'})
    expect(await release()).toMatchObject({state: 'archived', finalDocumentStates: [{id: 'versions.rLife1234.act-life'}]})
    expect(await docs('versions.rLife1234.act-life')).toEqual([null])
    await client.action({actionType: 'sanity.action.release.unarchive', releaseId: 'rLife1234'}, {transactionId: 'act-life-unarchive'})
    expect(await release()).toMatchObject({state: 'active'})
    expect(await docs('versions.rLife1234.act-life')).toEqual([
      {_id: 'versions.rLife1234.act-life', _type: 'article', title: 'In release', _rev: 'act-life-unarchive'},
    ])
    expect(await errorOf(client.action({actionType: 'sanity.action.release.delete', releaseId: 'rLife1234'}))).toEqual({
      statusCode: 409,
      body: {
        error: {
          type: 'actionError',
          description: 'Release "rLife1234" is active; "sanity.action.release.delete" needs it to be archived or published',
        },
      },
    })
    await client.action({actionType: 'sanity.action.release.archive', releaseId: 'rLife1234'})
    await client.action({actionType: 'sanity.action.release.delete', releaseId: 'rLife1234'})
    expect(await release()).toBeUndefined()
  })

  it('dryRun validates and answers but writes nothing', async () => {
    const result = await client.action(
      {actionType: 'sanity.action.document.create', publishedId: 'act-dry', attributes: {_id: 'drafts.act-dry', _type: 'article'}, ifExists: 'fail'},
      {dryRun: true, transactionId: 'act-dry-tx'},
    )
    expect(result).toEqual({transactionId: 'act-dry-tx'})
    expect(await docs('drafts.act-dry')).toEqual([null])
  })

  it('runs all actions of a request as one transaction: a failing action undoes the earlier ones', async () => {
    const failure = await errorOf(
      client.action([
        {actionType: 'sanity.action.document.create', publishedId: 'act-atomic', attributes: {_id: 'drafts.act-atomic', _type: 'article'}, ifExists: 'fail'},
        {actionType: 'sanity.action.document.publish', publishedId: 'act-atomic', draftId: 'drafts.act-atomic', ifPublishedRevisionId: 'x'},
      ]),
    )
    expect(failure.statusCode).toBe(409)
    expect(await docs('drafts.act-atomic', 'act-atomic')).toEqual([null, null])
  })

  it('refuses release actions and document actions in one request, writing nothing', async () => {
    const mixed = [
      {actionType: 'sanity.action.release.create', releaseId: 'rMixed1', metadata: {title: 'Mixed'}},
      {actionType: 'sanity.action.document.version.create', publishedId: 'act-mixed', document: {_id: 'versions.rMixed1.act-mixed', _type: 'article'}},
    ] as const
    expect(await errorOf(client.action([...mixed]))).toEqual({
      statusCode: 400,
      body: {
        error: {
          type: 'actionError',
          description:
            'actions[1]: "sanity.action.document.version.create" cannot share a transaction with "sanity.action.release.create": release actions and document or version actions go in separate requests',
        },
      },
    })
    expect(await docs('_.releases.rMixed1', 'versions.rMixed1.act-mixed')).toEqual([null, null])
    await client.action(mixed[0])
    await client.action(mixed[1])
    expect((await docs('versions.rMixed1.act-mixed'))[0]).toMatchObject({_type: 'article'})
  })

  it('rejects unknown action types with 400 and anonymous callers with 401', async () => {
    expect(await errorOf(client.action({actionType: 'sanity.action.document.frobnicate'} as never))).toEqual({
      statusCode: 400,
      body: {error: {type: 'actionError', description: 'actions[0]: unknown actionType "sanity.action.document.frobnicate"'}},
    })
    const response = await fetch(`${client.config().url}/data/actions/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({actions: [{actionType: 'sanity.action.release.create', releaseId: 'rAnon1234'}]}),
    })
    expect(response.status).toBe(401)
  })
})
