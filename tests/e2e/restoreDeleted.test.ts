/**
 * The Studio's own restore of a deleted document on the lake (issue 15, Restore): a
 * source is published, then deleted through the Actions API; the Studio opens it in its deleted state,
 * and "Restore most recent revision" brings it back as the editor last saw it. Screenshots go to
 * test-results/e2e/restore-deleted/.
 */
import type {SanityDocument} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {ACTION_MS} from './helpers/browser.ts'
import {waitFor} from './helpers/settle.ts'
import {studioSuite} from './helpers/suite.ts'

/** The document without what the lake writes on every save. */
function content(document: SanityDocument | undefined): Record<string, unknown> | undefined {
  if (!document) return undefined
  const {_id, _rev, _createdAt, _updatedAt, ...rest} = document
  return rest
}

let source: SanityDocument
const suite = studioSuite('restore-deleted', async (stack) => {
  const client = stack.lake.client()
  // A source no article cites: the lake refuses to delete a referenced one, as hosted Sanity does.
  const id = 'source-restore-me'
  await client.action({
    actionType: 'sanity.action.document.create',
    publishedId: id,
    attributes: {_id: `drafts.${id}`, _type: 'source', title: 'وكالة يونهاب للأنباء', url: 'https://en.yna.co.kr/', language: 'ar'},
    ifExists: 'fail',
  })
  await client.action({actionType: 'sanity.action.document.publish', publishedId: id, draftId: `drafts.${id}`})
  source = await client.getDocument(id).then((document) => document ?? Promise.reject(new Error(`${id} not published`)))
  await client.action({actionType: 'sanity.action.document.delete', publishedId: source._id, includeDrafts: [`drafts.${source._id}`]})
})

describe("the Studio's restore of a deleted document on the local lake", {timeout: 5 * ACTION_MS}, () => {
  it('brings a deleted source back from its deleted state', async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const ids = [source._id, `drafts.${source._id}`]
    expect(await client.fetch('*[_id in $ids]._id', {ids})).toEqual([])

    await page.goto(`${stack.workspaceUrl}/intent/edit/id=${source._id};type=source`)
    await page.getByText('This document has been deleted.').waitFor()
    await browser.screenshot('deleted')
    await page.getByRole('button', {name: 'Restore most recent revision'}).click()

    await waitFor(async () => (await client.fetch('count(*[_id in $ids])', {ids})) > 0)
    // As a draft, never straight to published: the editor publishes it again.
    const restored: SanityDocument[] = await client.fetch('*[_id in $ids]', {ids})
    expect(restored.map((document) => [document._id, content(document)])).toEqual([[`drafts.${source._id}`, content(source)]])
    await page.getByTestId('field-title').locator('input').waitFor()
    expect(await page.getByTestId('field-title').locator('input').inputValue()).toBe(source.title)
    expect(await page.getByText('This document has been deleted.').count()).toBe(0)
    await browser.screenshot('restored')
  })
})
