/**
 * A release made and scheduled in the Studio's Releases tool publishes by itself on the local lake
 * (issue 15, Schedule). The local workspace switches off scheduled publishing and scheduled drafts
 * (sanity.config.ts), not releases: an editor creates a release "At time", adds the seeded Arabic
 * article to it from the document's "Not in the release" banner, edits it there, and schedules the
 * release from its page; the lake's scheduler publishes it at its time. Scheduled drafts too (a
 * one-document release made by the document's "Schedule publish"). Screenshots go to
 * test-results/e2e/scheduling/.
 */
import type {SanityDocument} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {ACTION_MS} from './helpers/browser.ts'
import {waitFor} from './helpers/settle.ts'
import {studioSuite} from './helpers/suite.ts'

const TITLE = 'Scheduled in the e2e test'
const SUFFIX = ' (نسخة مجدولة)'
/** How long the test waits for the publish once its time has come. */
const LATE_MS = 30_000

let article: SanityDocument
const suite = studioSuite('scheduling', async (stack) => {
  article = await stack.lake.client().fetch('*[_type == "article" && language == "ar"][0]')
})

/**
 * The first whole minute at least `leadMs` ahead, as the Studio's date input shows it in the
 * browser's time zone (UTC here): the input holds minutes, so the time sent is the one typed.
 */
function minuteAhead(leadMs: number): {at: Date; text: string} {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000)
  const day = new Intl.DateTimeFormat('en-US', {month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC'}).format(at)
  return {at, text: `${day} ${at.toISOString().slice(11, 16)}`}
}

describe('a release scheduled in the Studio on the local lake', {timeout: 5 * ACTION_MS}, () => {
  it('is created, filled and scheduled in the Studio, and published by the lake at its time', async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const releases = () => client.fetch<SanityDocument[]>('*[_type == "system.release"]')

    // Releases tool: a new release "At time".
    await page.goto(`${stack.workspaceUrl}/releases`)
    const form = page.locator('[data-ui="DialogCard"]')
    // A click before the tool has loaded its releases opens nothing: click until the form shows.
    await waitFor(async () => {
      if (await form.getByTestId('release-form-title').isVisible()) return true
      const button = page.getByRole('button').filter({hasText: 'New release'}).last()
      if (await button.isVisible()) await button.click()
      await form.getByTestId('release-form-title').waitFor({timeout: 2000}).catch(() => {})
      return false
    })
    await form.getByTestId('release-form-title').fill(TITLE)
    await form.getByRole('button').filter({hasText: 'As soon as possible'}).click()
    await page.getByRole('menuitem').filter({hasText: 'At time'}).click()
    await form.getByTestId('date-input').fill(minuteAhead(120_000).text)
    await form.getByTestId('date-input').press('Tab')
    await browser.screenshot('new-release')
    await form.getByTestId('submit-release-button').click()
    await waitFor(async () => (await releases()).length === 1)
    const [release] = await releases()
    const releaseId = String(release?.name)
    expect(release?.metadata).toMatchObject({title: TITLE, releaseType: 'scheduled'})

    // The article, added to the release from its banner, then edited in the release.
    await page.goto(`${stack.workspaceUrl}/intent/edit/id=${article._id};type=article`)
    await page.getByTestId('field-title').locator('input').waitFor()
    await page.getByTestId('global-perspective-menu-button').click()
    await page.getByRole('menuitem').filter({hasText: TITLE}).first().click()
    await page.getByRole('button').filter({hasText: 'Add to release'}).click()
    const versionId = `versions.${releaseId}.${article._id}`
    await waitFor(async () => (await client.getDocument(versionId)) !== undefined)
    const titleInput = page.getByTestId('field-title').locator('input')
    await waitFor(() => titleInput.isEditable())
    await titleInput.fill(`${article.title}${SUFFIX}`)
    await waitFor(async () => (await client.getDocument(versionId))?.title === `${article.title}${SUFFIX}`)
    await browser.screenshot('article-in-release')

    // Its page: scheduled a minute or so ahead.
    await page.goto(`${stack.workspaceUrl}/releases/${releaseId}`)
    const schedule = page.getByRole('button').filter({hasText: 'Schedule release...'})
    await waitFor(() => schedule.isEnabled())
    await schedule.click()
    const dialog = page.locator('[data-ui="DialogCard"]')
    await dialog.getByText('Schedule the release').waitFor()
    const {at: publishAt, text} = minuteAhead(30_000)
    await dialog.getByTestId('date-input').fill(text)
    await dialog.getByTestId('date-input').press('Tab')
    await browser.screenshot('schedule-dialog')
    await dialog.getByRole('button').filter({hasText: 'Yes, schedule'}).click()
    await waitFor(async () => (await client.getDocument(`_.releases.${releaseId}`))?.state === 'scheduled')
    expect((await client.getDocument(`_.releases.${releaseId}`))?.publishAt).toBe(publishAt.toISOString())
    await browser.screenshot('scheduled')
    // Embargo: the version is not readable without the token before its time.
    const anonymous = stack.lake.client({token: undefined, perspective: 'raw'})
    expect(await anonymous.fetch('*[_id == $id]._id', {id: versionId})).toEqual([])

    // Published by the lake's scheduler, at its time and not before.
    const scheduledAt = Date.now()
    await expect
      .poll(async () => (await client.getDocument(article._id))?.title, {timeout: publishAt.getTime() - Date.now() + LATE_MS, interval: 1000})
      .toBe(`${article.title}${SUFFIX}`)
    const publishedAt = Date.now()
    expect(publishedAt).toBeGreaterThanOrEqual(publishAt.getTime())
    console.log(`scheduled publish: ${publishedAt - scheduledAt} ms after scheduling, ${publishedAt - publishAt.getTime()} ms after its time (polled every second)`)
    expect((await client.getDocument(`_.releases.${releaseId}`))?.state).toBe('published')
    await page.reload()
    await page.getByText('This release is published successfully.').waitFor()
    await browser.screenshot('published')
  })

  it("publishes a scheduled draft made with the document's Schedule publish", async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const before = await client.getDocument(article._id)
    const edited = `${String(before?.title)} ²`
    await page.goto(`${stack.workspaceUrl}/intent/edit/id=${article._id};type=article`)
    const titleInput = page.getByTestId('field-title').locator('input')
    await waitFor(() => titleInput.isEditable())
    await titleInput.fill(edited)
    await waitFor(async () => (await client.getDocument(`drafts.${article._id}`))?.title === edited)

    // The pane re-renders as the draft's save comes back, which can close the menu under the
    // click (the item detaches): open the menu and pick the item until the dialog shows.
    const dialog = page.locator('[data-ui="DialogCard"]')
    const schedule = page.getByRole('menuitem').filter({hasText: 'Schedule publish'})
    const dialogShown = () => dialog.getByTestId('date-input').isVisible()
    await waitFor(async () => {
      if (await dialogShown()) return true
      if (!(await schedule.isVisible())) await page.getByTestId('action-menu-button').click()
      await schedule.click({timeout: 2000}).catch(() => {})
      return dialogShown()
    })
    const {at: publishAt, text} = minuteAhead(30_000)
    await dialog.getByTestId('date-input').fill(text)
    await dialog.getByTestId('date-input').press('Tab')
    await browser.screenshot('schedule-draft-dialog')
    await dialog.getByTestId('confirm-button').click()

    // A release of one document, scheduled: the draft moved into it.
    const scheduledDraft = () =>
      client.fetch<SanityDocument | null>('*[_type == "system.release" && metadata.cardinality == "one"][0]')
    await waitFor(async () => (await scheduledDraft())?.state === 'scheduled')
    const release = await scheduledDraft()
    expect(release?.publishAt).toBe(publishAt.toISOString())
    await browser.screenshot('draft-scheduled')

    const scheduledAt = Date.now()
    await expect
      .poll(async () => (await client.getDocument(article._id))?.title, {timeout: publishAt.getTime() - Date.now() + LATE_MS, interval: 1000})
      .toBe(edited)
    const publishedAt = Date.now()
    expect(publishedAt).toBeGreaterThanOrEqual(publishAt.getTime())
    console.log(`scheduled draft: published ${publishedAt - scheduledAt} ms after scheduling, ${publishedAt - publishAt.getTime()} ms after its time (polled every second)`)
    expect((await client.getDocument(String(release?._id)))?.state).toBe('published')
    await browser.screenshot('draft-published')
  })
})
