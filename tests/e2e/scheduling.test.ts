/**
 * A release scheduled in the Studio's Releases tool publishes by itself on the local lake (issue
 * 15, Schedule): the lake's scheduler publishes it at its time. The local workspace switches off
 * scheduled publishing and scheduled drafts (sanity.config.ts), not releases: a release "At time"
 * is scheduled from its own page. Screenshots go to test-results/e2e/scheduling/.
 */
import type {SanityDocument} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {ACTION_MS} from './helpers/browser.ts'
import {waitFor} from './helpers/settle.ts'
import {studioSuite} from './helpers/suite.ts'

const RELEASE = 'rE2eScheduled'
const NEW_TITLE = 'كوريا الشمالية تنفي بيع أسلحة لموسكو (نسخة مجدولة)'
/** How long the test waits for the scheduled publish, past its time. */
const PUBLISH_WAIT_MS = 90_000

let article: SanityDocument
const suite = studioSuite('scheduling', async (stack) => {
  const client = stack.lake.client()
  article = await client.fetch('*[_type == "article" && language == "ar"][0]')
})

/**
 * A time at least 40 s ahead on a whole minute: the Studio's date input shows minutes, so the
 * time it sends back is the one it shows.
 */
function nextWholeMinute(now: number): Date {
  return new Date(Math.ceil((now + 40_000) / 60_000) * 60_000)
}

describe('a release scheduled in the Studio on the local lake', {timeout: 5 * ACTION_MS}, () => {
  it('is scheduled from its page and published by the lake at its time', async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const publishAt = nextWholeMinute(Date.now())
    await client.action({
      actionType: 'sanity.action.release.create',
      releaseId: RELEASE,
      metadata: {title: 'Scheduled in the e2e test', releaseType: 'scheduled', intendedPublishAt: publishAt.toISOString()},
    })
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: article._id,
      document: {...article, _type: 'article', _id: `versions.${RELEASE}.${article._id}`, title: NEW_TITLE},
    })

    await page.goto(`${stack.workspaceUrl}/releases/${RELEASE}`)
    await browser.screenshot('release')
    const schedule = page.getByRole('button', {name: 'Schedule release...'})
    await schedule.waitFor()
    await waitFor(() => schedule.isEnabled())
    await schedule.click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Schedule the release').waitFor()
    await browser.screenshot('schedule-dialog')
    await dialog.getByRole('button', {name: 'Yes, schedule'}).click()

    await waitFor(async () => (await client.getDocument(`_.releases.${RELEASE}`))?.state === 'scheduled')
    const scheduled = await client.getDocument(`_.releases.${RELEASE}`)
    expect(scheduled?.publishAt).toBe(publishAt.toISOString())
    await browser.screenshot('scheduled')
    // Embargo: the version is not readable without the token before its time.
    const anonymous = stack.lake.client({token: undefined, perspective: 'raw'})
    expect(await anonymous.fetch('*[_id == $id]._id', {id: `versions.${RELEASE}.${article._id}`})).toEqual([])

    await expect
      .poll(async () => (await client.getDocument(article._id))?.title, {timeout: publishAt.getTime() - Date.now() + PUBLISH_WAIT_MS, interval: 1000})
      .toBe(NEW_TITLE)
    const published = await client.getDocument(`_.releases.${RELEASE}`)
    expect(published?.state).toBe('published')
    expect(Date.now()).toBeGreaterThanOrEqual(publishAt.getTime())
    await page.reload()
    await page.getByText('Scheduled in the e2e test').first().waitFor()
    await browser.screenshot('published')
  })

  it('asked the lake only for routes it has', () => {
    expect(suite.unknownRoutes).toEqual([])
  })
})
