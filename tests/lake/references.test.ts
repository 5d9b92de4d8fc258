/**
 * Referential integrity through `@sanity/client`, with the hosted API's error shapes: strong
 * references must point at existing documents, referenced documents cannot be deleted, weak
 * references are exempt, and publishing strengthens what the Studio made weak until publish.
 */
import {DatabaseSync} from 'node:sqlite'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client({perspective: 'raw'})
afterAll(() => lake.close())

const ref = (id: string, extra: Record<string, unknown> = {}) => ({_type: 'reference', _ref: id, ...extra})

/** The client's error for a rejected call: status, message and the body's `error`. */
async function failure(promise: Promise<unknown>): Promise<{statusCode: number; message: string; error: unknown}> {
  try {
    await promise
  } catch (error) {
    const {statusCode, message, response} = error as {statusCode: number; message: string; response: {body: {error: unknown}}}
    return {statusCode, message, error: response.body.error}
  }
  throw new Error('expected the request to fail')
}

describe('strong references', () => {
  it('refuses to delete a document that a document references, naming it', async () => {
    await client.transaction().create({_id: 'src-1', _type: 'source', title: 'S'}).create({_id: 'art-1', _type: 'article', originalSource: ref('src-1')}).commit()
    const result = await failure(client.delete('src-1'))
    const description = 'Document "src-1" cannot be deleted as there are references to it from "art-1"'
    expect(result).toEqual({
      statusCode: 409,
      message: `Mutation(s) failed with 1 error(s):\n- ${description}`,
      error: {
        type: 'mutationError',
        description: 'Mutation(s) failed with 1 error(s)',
        items: [{error: {description, id: 'src-1', referencingIDs: ['art-1'], type: 'documentHasExistingReferencesError'}, index: 0}],
      },
    })
    expect(await client.getDocument('src-1')).toMatchObject({_id: 'src-1'})
  })

  it('counts references from drafts and from arrays of references', async () => {
    await client.create({_id: 'src-2', _type: 'source', title: 'S'})
    await client.create({_id: 'drafts.art-2', _type: 'article', furtherReading: [{_key: 'k', ...ref('src-2')}]})
    expect((await failure(client.delete('src-2'))).message).toContain('cannot be deleted as there are references to it from "drafts.art-2"')
  })

  it('refuses a strong reference to a document that does not exist', async () => {
    const result = await failure(client.create({_id: 'art-3', _type: 'article', originalSource: ref('nowhere')}))
    const description = 'Document "art-3" references non-existent document "nowhere"'
    expect(result.statusCode).toBe(409)
    expect(result.error).toEqual({
      type: 'mutationError',
      description: 'Mutation(s) failed with 1 error(s)',
      items: [{error: {description, id: 'art-3', referenceID: 'nowhere', type: 'documentReferenceDoesNotExistError'}, index: 0}],
    })
    expect(await client.getDocument('art-3')).toBeUndefined()
  })

  it('a strong reference to a draft-only document is dangling: it names the published id', async () => {
    await client.create({_id: 'drafts.src-4', _type: 'source', title: 'Draft only'})
    expect((await failure(client.create({_id: 'art-4', _type: 'article', originalSource: ref('src-4')}))).message).toContain(
      'Document "art-4" references non-existent document "src-4"',
    )
  })

  it('checks the transaction as a whole: creation order, and deleting both sides together', async () => {
    await client.transaction().create({_id: 'art-5', _type: 'article', originalSource: ref('src-5')}).create({_id: 'src-5', _type: 'source'}).commit()
    await client.transaction().delete('src-5').delete('art-5').commit()
    expect(await client.getDocuments(['art-5', 'src-5'])).toEqual([null, null])
  })

  it('allows the delete once the reference is patched away', async () => {
    await client.transaction().create({_id: 'src-6', _type: 'source'}).create({_id: 'art-6', _type: 'article', originalSource: ref('src-6')}).commit()
    await client.transaction().patch('art-6', (patch) => patch.unset(['originalSource'])).delete('src-6').commit()
    expect(await client.getDocument('src-6')).toBeUndefined()
  })

  it('exempts weak references, both ways', async () => {
    await client.create({_id: 'src-7', _type: 'source'})
    await client.create({_id: 'art-7', _type: 'article', originalSource: ref('src-7', {_weak: true}), other: ref('missing-7', {_weak: true})})
    await client.delete('src-7')
    expect(await client.getDocument('art-7')).toMatchObject({other: {_ref: 'missing-7', _weak: true}})
  })
})

describe('publishing strengthens references', () => {
  it('makes `_strengthenOnPublish` references strong on document publish, keeping schema-weak ones weak', async () => {
    await client.create({_id: 'src-8', _type: 'source'})
    await client.create({
      _id: 'drafts.art-8',
      _type: 'article',
      originalSource: ref('src-8', {_weak: true, _strengthenOnPublish: {type: 'source'}}),
      related: ref('src-8', {_weak: true, _strengthenOnPublish: {type: 'source', weak: true}}),
    })
    await client.action({actionType: 'sanity.action.document.publish', publishedId: 'art-8', draftId: 'drafts.art-8'})
    const published = await client.getDocument('art-8')
    expect(published?.originalSource).toEqual(ref('src-8'))
    expect(published?.related).toEqual(ref('src-8', {_weak: true}))
    expect((await failure(client.delete('src-8'))).statusCode).toBe(409)
  })

  it('fails the publish clearly when the referenced document is not published, and keeps the draft', async () => {
    await client.create({_id: 'drafts.src-9', _type: 'source'})
    await client.create({_id: 'drafts.art-9', _type: 'article', originalSource: ref('src-9', {_weak: true, _strengthenOnPublish: {type: 'source'}})})
    const result = await failure(client.action({actionType: 'sanity.action.document.publish', publishedId: 'art-9', draftId: 'drafts.art-9'}))
    const description = 'Document "art-9" references non-existent document "src-9"'
    expect(result).toEqual({
      statusCode: 409,
      message: `Mutation(s) failed with 1 error(s):\n- ${description}`,
      error: {
        type: 'actionError',
        description: 'Mutation(s) failed with 1 error(s)',
        items: [{error: {description, id: 'art-9', referenceID: 'src-9', type: 'documentReferenceDoesNotExistError'}, index: 0}],
      },
    })
    expect(await client.getDocuments(['art-9', 'drafts.art-9'])).toMatchObject([null, {_id: 'drafts.art-9'}])
  })

  it('strengthens references when a release publishes', async () => {
    await client.create({_id: 'src-10', _type: 'source'})
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rRefs1234', metadata: {title: 'Refs', releaseType: 'asap'}})
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'art-10',
      document: {_id: 'versions.rRefs1234.art-10', _type: 'article', originalSource: ref('src-10', {_weak: true, _strengthenOnPublish: {type: 'source'}})},
    })
    await client.action({actionType: 'sanity.action.release.publish', releaseId: 'rRefs1234'})
    expect((await client.getDocument('art-10'))?.originalSource).toEqual(ref('src-10'))
  })
})

describe('a dataset file from before the reference index', () => {
  it('indexes the references of its documents when it is opened', async () => {
    const older = await startTestLake()
    await older.client().transaction().create({_id: 'src-old', _type: 'source'}).create({_id: 'art-old', _type: 'article', s: ref('src-old')}).commit()
    await older.running.close()
    const db = new DatabaseSync(join(older.dir, 'production.sqlite'))
    db.exec('DELETE FROM refs; PRAGMA user_version = 0')
    db.close()
    const reopened = await startTestLake({dir: older.dir})
    try {
      expect((await failure(reopened.client().delete('src-old'))).statusCode).toBe(409)
    } finally {
      await reopened.close()
      await older.close()
    }
  })
})

describe('Studio routes met while editing', () => {
  it('answers the latency ping and the project subscriptions', async () => {
    const ping = await fetch(`${lake.url}/v2025-02-19/data/ping/production`)
    expect(ping.status).toBe(200)
    const subscriptions = await fetch(`${lake.url}/v2025-02-19/subscriptions/project/local`)
    expect(subscriptions.status).toBe(200)
    expect(await subscriptions.json()).toMatchObject({featureTypes: {retention: {features: [{attributes: {maxRetentionDays: null}}]}}})
  })
})
