/**
 * Issue 15, schedule: a scheduled release publishes by itself at its `publishAt` on the local
 * lake; its versions stay unreadable without the token until then; the schedule survives a
 * restart, and a release that came due while the lake was stopped is published at the start and
 * reported.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {SCHEDULER_AUTHOR} from '../../lake/scheduler.ts'
import {openLake} from '../../lake/store.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

let lake: TestLake | undefined
let dir: string | undefined
afterEach(async () => {
  vi.useRealTimers()
  await lake?.close()
  if (dir) rmSync(dir, {recursive: true, force: true})
  lake = undefined
  dir = undefined
})

/** Resolves with the document once the listener reports it exists (no sleeping). */
async function published(client: SanityClient, id: string): Promise<Record<string, unknown>> {
  const existing = await client.getDocument(id)
  if (existing) return existing
  return new Promise((resolve) => {
    const subscription = client.listen('*[_id == $id]', {id}, {includeResult: true}).subscribe((event) => {
      if (event.type === 'mutation' && event.result) {
        subscription.unsubscribe()
        resolve(event.result)
      }
    })
  })
}

/** Release `releaseId` (titled `title`, scheduled type) holding a version of article `id` titled `title`. */
async function releaseWithVersion(client: SanityClient, releaseId: string, id: string, title: string): Promise<void> {
  await client.action({actionType: 'sanity.action.release.create', releaseId, metadata: {title, releaseType: 'scheduled'}})
  await client.action({
    actionType: 'sanity.action.document.version.create',
    publishedId: id,
    document: {_id: `versions.${releaseId}.${id}`, _type: 'article', title},
  })
}

describe('the release scheduler', () => {
  it('publishes a scheduled release at its time; before it, anonymous readers see nothing of it', async () => {
    const logs: string[] = []
    lake = await startTestLake({log: (line) => logs.push(line)})
    const client = lake.client()
    await releaseWithVersion(client, 'rSoon1234', 'story', 'Embargoed')
    const publishAt = new Date(Date.now() + 1500).toISOString()
    const waiting = published(client, 'story')
    await client.action({actionType: 'sanity.action.release.schedule', releaseId: 'rSoon1234', publishAt})
    const anonymous = lake.client({token: undefined})
    expect(await anonymous.fetch('*[title == "Embargoed"]._id', {}, {perspective: ['rSoon1234']})).toEqual([])
    expect(await client.getDocument('story')).toBeUndefined()

    expect(await waiting).toMatchObject({_id: 'story', title: 'Embargoed'})
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(publishAt))
    expect(await client.getDocument('_.releases.rSoon1234')).toMatchObject({state: 'published'})
    expect(await anonymous.getDocument('story')).toMatchObject({title: 'Embargoed'})
    const [tx] = await client.fetch('*[_id == "story"]{_rev}')
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^scheduler: published release rSoon1234 of production \\(due ${publishAt.replace(/[.]/g, '\\.')}\\) in transaction ${tx._rev}$`))])
  })

  it('publishes at once a release scheduled for a time already past, and says that is why it is late', async () => {
    const logs: string[] = []
    let reported: () => void = () => {}
    const report = new Promise<void>((resolve) => (reported = resolve))
    lake = await startTestLake({
      log: (line) => {
        logs.push(line)
        if (line.startsWith('scheduler:')) reported()
      },
    })
    const client = lake.client()
    await releaseWithVersion(client, 'rPast1234', 'past-story', 'Past')
    const publishAt = new Date(Date.now() - 60_000).toISOString()
    await client.action({actionType: 'sanity.action.release.schedule', releaseId: 'rPast1234', publishAt})
    await report
    expect(await client.getDocument('past-story')).toMatchObject({title: 'Past'})
    expect(logs).toEqual([
      expect.stringMatching(new RegExp(`^scheduler: published release rPast1234 of production \\(due ${publishAt.replace(/[.]/g, '\\.')}, \\d+ s late: it was scheduled for a time already past\\) in transaction \\w+$`)),
    ])
  })

  it('publishes at start what came due while the lake was stopped, and reports it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scheduler-'))
    lake = await startTestLake({dir})
    const client = lake.client()
    await releaseWithVersion(client, 'rLate1234', 'late-story', 'Late')
    await client.action({actionType: 'sanity.action.release.schedule', releaseId: 'rLate1234', publishAt: '2099-01-01T00:00:00.000Z'})
    await lake.close()

    // While the lake is stopped, its time comes: the release is moved to a minute ago.
    const stopped = openLake({dir})
    const dataset = stopped.dataset('production')!
    const due = new Date(Date.now() - 60_000).toISOString()
    dataset.transact(() => [{patch: {id: '_.releases.rLate1234', set: {publishAt: due}}}], {author: 'test'})
    stopped.close()

    const logs: string[] = []
    lake = await startTestLake({dir, log: (line) => logs.push(line)})
    expect(await lake.client().getDocument('late-story')).toMatchObject({title: 'Late'})
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^scheduler: published release rLate1234 of production \\(due ${due.replace(/[.]/g, '\\.')}, \\d+ s late: it came due while the lake was stopped\\) in transaction \\w+$`))])
    const [entry] = (await (await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/late-story`, {headers: {Authorization: `Bearer ${lake.token}`}})).text()).split('\n')
    expect(JSON.parse(entry ?? '{}').author).toBe(SCHEDULER_AUTHOR)
  })
})

describe('the release scheduler of an in-process lake', () => {
  const temp = tempLocalLake('scheduler-datasets-', 'scheduler-token')

  it('watches a dataset made while it runs: a release scheduled there is published at its time, not at the next minute’s check', async () => {
    // The minute's check never comes: only setTimeout and clearTimeout are faked, and never advanced.
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']})
    temp.lake.startScheduler()
    const request = (path: string, method = 'GET', body?: unknown) =>
      temp.lake.handler(
        new Request(`http://lake.test/v2025-02-19${path}`, {
          method,
          headers: {authorization: 'Bearer scheduler-token', 'content-type': 'application/json'},
          ...(body === undefined ? {} : {body: JSON.stringify(body)}),
        }),
      )
    const act = async (action: Record<string, unknown>) => expect((await request('/data/actions/staging', 'POST', {actions: [action]})).status).toBe(200)
    await act({actionType: 'sanity.action.release.create', releaseId: 'rStage1234', metadata: {title: 'Staging'}})
    await act({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'staged',
      document: {_id: 'versions.rStage1234.staged', _type: 'article', title: 'Staged'},
    })
    await act({actionType: 'sanity.action.release.schedule', releaseId: 'rStage1234', publishAt: new Date(Date.now() - 1000).toISOString()})
    // The scheduler looks after the commit that told it, on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    const response = await request('/data/doc/staging/staged')
    expect(((await response.json()) as {documents: unknown[]}).documents).toEqual([expect.objectContaining({_id: 'staged', title: 'Staged'})])
  })
})
