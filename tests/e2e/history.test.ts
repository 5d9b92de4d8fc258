/**
 * History in the Studio from both views of the seeded article, after an editor's change: the
 * Draft view opens the imported original (a revision from before the draft existed), and the
 * Published view says "Created" once, for the import, not for each draft made since.
 */
import {describe, expect, it} from 'vitest'

import {ACTION_MS} from './helpers/browser.ts'
import {studioSuite} from './helpers/suite.ts'

let id: string
let title: string
const suite = studioSuite('history', async (stack) => {
  const client = stack.lake.client()
  ;({_id: id, title} = await client.fetch('*[_type == "article" && language == "ar"][0]{_id, title}'))
  // An editor's change and its publish, then a new draft: as the Actions API records them.
  const edit = (set: Record<string, string>) =>
    client.action({actionType: 'sanity.action.document.edit', publishedId: id, draftId: `drafts.${id}`, patch: {set}})
  await edit({description: 'وصف أول'})
  await client.action({actionType: 'sanity.action.document.publish', publishedId: id, draftId: `drafts.${id}`})
  await edit({description: 'وصف ثان'})
})

/** Opens the history of the view named by `chip` and returns its entries' labels, newest first. */
async function historyOf(chip: 'Draft' | 'Published'): Promise<string[]> {
  await suite.page.goto(`${suite.stack.workspaceUrl}/intent/edit/id=${id};type=article`)
  await suite.page.getByTestId(`document-header-${chip}-chip`).click()
  await suite.page.getByTestId('pane-footer-document-status').click()
  await suite.page.getByRole('tab', {name: 'History'}).click()
  const items = suite.page.getByTestId('timeline-item-button')
  await expect.poll(() => items.count(), {timeout: ACTION_MS}).toBeGreaterThan(1)
  return (await items.allInnerTexts()).map((text) => text.split('\n')[1] ?? '')
}

describe('document history in the Studio on the local lake', {timeout: 5 * ACTION_MS}, () => {
  it('opens the imported original from the Draft view', async () => {
    const labels = await historyOf('Draft')
    expect(labels.at(-1)).toBe('Created')
    await suite.page.getByTestId('timeline-item-button').last().click()
    await suite.page.getByText('Revision from').waitFor()
    expect(await suite.page.locator('[data-test-id="revision-not-found-banner"]').count()).toBe(0)
    expect(await suite.page.getByTestId('field-title').locator('input').inputValue()).toBe(title)
    await suite.browser.screenshot('draft-view-opens-the-original')
  })

  it('says "Created" once in the Published view', async () => {
    const labels = await historyOf('Published')
    await suite.browser.screenshot('published-view-history')
    expect(labels.filter((label) => label === 'Created')).toEqual(['Created'])
    expect(labels[0]?.startsWith('Published')).toBe(true)
  })
})
