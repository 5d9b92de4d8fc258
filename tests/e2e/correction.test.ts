/**
 * Publishing a change to the published Arabic article offers a correction for readers (issue 15,
 * Correct): the editor chooses "with a correction", and the same publish carries the note, dated
 * today and naming the revision it corrects. Screenshots go to test-results/e2e/correction/.
 */
import {describe, expect, it} from 'vitest'

import {today} from '../../schemas/objects/correction.ts'
import {ACTION_MS} from './helpers/browser.ts'
import {waitFor} from './helpers/settle.ts'
import {studioSuite} from './helpers/suite.ts'

const NOTE = 'صُحّح العنوان: الرقم الصحيح ثلاثة لا أربعة.'

let id: string
let title: string
const suite = studioSuite('correction', async (stack) => {
  ;({_id: id, title} = await stack.lake.client().fetch('*[_type == "article" && language == "ar"][0]{_id, title}'))
})

describe('a correction offered when a published article is published again', {timeout: 5 * ACTION_MS}, () => {
  it('publishes the change with a correction dated today, naming the corrected revision', async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const before = await client.getDocument(id)
    expect(before?.corrections).toBeUndefined()

    await page.goto(`${stack.workspaceUrl}/intent/edit/id=${id};type=article`)
    const titleInput = page.getByTestId('field-title').locator('input')
    await titleInput.waitFor()
    await titleInput.fill(`${title} (محدّث)`)
    await waitFor(async () => (await client.getDocument(`drafts.${id}`))?.title === `${title} (محدّث)`)

    await page.getByTestId('action-publish').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Add a correction for readers?').waitFor()
    await dialog.getByRole('combobox', {name: 'Kind'}).selectOption('clarification')
    await dialog.getByRole('textbox', {name: 'Correction text'}).fill(NOTE)
    await browser.screenshot('offer')
    await dialog.getByRole('button', {name: 'Publish with a correction'}).click()

    await waitFor(async () => (await client.getDocument(`drafts.${id}`)) === undefined)
    const after = await client.getDocument(id)
    expect(after?.title).toBe(`${title} (محدّث)`)
    expect(after?.corrections).toEqual([
      {
        _key: expect.stringMatching(/^[0-9a-f]{12}$/),
        _type: 'correction',
        date: today(),
        kind: 'clarification',
        text: NOTE,
        revision: before?._rev,
      },
    ])
    await page.getByText('Last published just now').waitFor()
    await browser.screenshot('published-with-correction')
  })

  it('publishes without a correction when the editor says so', async () => {
    const {page, browser, stack} = suite
    const client = stack.lake.client({perspective: 'raw'})
    const before = await client.getDocument(id)
    // Its own change, made on its own page: it does not rely on the test before it.
    const changed = `${title} (دون تصحيح)`
    await page.goto(`${stack.workspaceUrl}/intent/edit/id=${id};type=article`)
    const titleInput = page.getByTestId('field-title').locator('input')
    await titleInput.waitFor()
    await titleInput.fill(changed)
    await waitFor(async () => (await client.getDocument(`drafts.${id}`))?.title === changed)

    await page.getByTestId('action-publish').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Add a correction for readers?').waitFor()
    await dialog.getByRole('button', {name: 'Publish without'}).click()

    await waitFor(async () => (await client.getDocument(`drafts.${id}`)) === undefined)
    const after = await client.getDocument(id)
    expect(after?.title).toBe(changed)
    expect(after?.corrections).toEqual(before?.corrections)
    await browser.screenshot('published-without')
  })
})
