/**
 * Document actions in the real Studio on the local lake, as an editor: create and publish a
 * person, duplicate one, unpublish one and delete one. The lake is read back with
 * @sanity/client after every step. Each test writes the person it acts on itself (and logs in
 * without the login flow), so one failure does not fail the tests after it.
 * Screenshots go to test-results/e2e/document-actions/.
 */
import {join} from 'node:path'

import type {SanityClient} from '@sanity/client'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ACTION_MS, launchStudioBrowser, SCREENSHOT_DIR, type StudioBrowser} from './helpers/browser.ts'
import {logIn, storeToken} from './helpers/login.ts'
import {waitFor} from './helpers/settle.ts'
import {checkEveryTest, lakeLog} from './helpers/checks.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'

const STEP_MS = 5 * ACTION_MS
const NAME = 'Amira Haddad'
const SLUG = 'amira-haddad'

interface Person {
  _id: string
  name: string
  slug?: {_type: string; current: string}
}

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let client: SanityClient
const unknownRoutes: string[] = []

beforeAll(async () => {
  stack = await startStudioStack(lakeLog(unknownRoutes))
  // Raw: drafts keep their `drafts.` ids (the default perspective shows published documents only).
  client = stack.lake.client({perspective: 'raw'})
  browser = await launchStudioBrowser({screenshotDir: join(SCREENSHOT_DIR, 'document-actions')})
  page = browser.page
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

checkEveryTest(() => browser, unknownRoutes)

/** Every person document named `name`, drafts included, by id. */
function peopleNamed(name = NAME): Promise<Person[]> {
  return client.fetch(`*[_type == "person" && name == $name] | order(_id asc){_id, name, slug}`, {name})
}

/** Writes a person for one test (published, or only a draft) and opens it in the Studio, logged in. */
async function openNewPerson(id: string, name: string, {draft = false} = {}): Promise<Person> {
  const person = {_id: draft ? `drafts.${id}` : id, name, slug: {_type: 'slug', current: id.replace(/^person-/, '')}}
  await client.createOrReplace({...person, _type: 'person'})
  await storeToken(page, stack.workspaceUrl, stack.lake.token)
  await page.goto(`${stack.workspaceUrl}/structure/person;${id}`)
  const input = page.getByTestId('field-name').locator('input')
  await waitFor(async () => (await input.isVisible()) && (await input.inputValue()) === name)
  return person
}

function idsOf(people: Person[]): string[] {
  return people.map((person) => person._id)
}

/**
 * Opens the document's "…" menu in the pane footer and picks an action once it is enabled. The
 * menu closes when the pane's actions re-render (permissions and document state load): reopen it.
 */
async function pickAction(label: string): Promise<void> {
  const item = page.getByRole('menuitem', {name: label})
  await waitFor(async () => {
    if (await item.isVisible()) return item.isEnabled()
    await page.getByTestId('action-menu-button').click()
    return false
  })
  await item.click()
}

describe('document actions in the Studio on the local lake', {timeout: STEP_MS}, () => {
  it('creates a person and publishes it', async () => {
    await logIn(page, stack.workspaceUrl)
    await page.getByTestId('pane-item-People').click()
    await page.getByTestId('action-intent-button').click()
    const name = page.getByTestId('field-name').locator('input')
    await name.fill(NAME)
    await page.getByTestId('field-slug').getByRole('button', {name: 'Generate'}).click()
    await waitFor(async () => (await peopleNamed())[0]?.slug?.current === SLUG)
    const draftId = (await peopleNamed())[0]?._id ?? ''
    expect(draftId).toMatch(/^drafts\./)
    const personId = draftId.slice('drafts.'.length)
    await browser.screenshot('created-draft')

    await page.getByTestId('action-publish').click()
    await waitFor(async () => idsOf(await peopleNamed()).join() === personId)
    expect(await peopleNamed()).toEqual([{_id: personId, name: NAME, slug: {_type: 'slug', current: SLUG}}])
    await page.getByText('Last published just now').waitFor()
    await browser.screenshot('created-published')
  })

  it('duplicates a person', async () => {
    const name = 'Layla Mansour'
    const original = await openNewPerson('person-layla-mansour', name)
    await pickAction('Duplicate')
    // The copy opens as a draft of its own, next to the published original.
    await waitFor(async () => (await peopleNamed(name)).length === 2)
    const copy = (await peopleNamed(name)).find((person) => person._id !== original._id)
    expect(copy?._id).toMatch(/^drafts\./)
    const copyId = copy!._id.slice('drafts.'.length)
    expect(copyId).not.toBe(original._id)
    expect(await peopleNamed(name)).toEqual([original, {...original, _id: `drafts.${copyId}`}].sort((a, b) => a._id.localeCompare(b._id)))
    await waitFor(async () => page.url().includes(copyId))
    await page.getByTestId('field-name').locator('input').waitFor()
    expect(await page.getByTestId('field-name').locator('input').inputValue()).toBe(name)
    await browser.screenshot('duplicated')
  })

  it('unpublishes a person: only a draft remains', async () => {
    const name = 'Omar Khalil'
    const personId = 'person-omar-khalil'
    await openNewPerson(personId, name)
    // Unpublish is offered on the published version: it is then the pane's first action.
    await page.getByTestId('document-header-Published-chip').click()
    await browser.screenshot('published-version')
    await page.getByTestId('action-unpublish').click()
    const confirm = page.getByRole('dialog').getByRole('button', {name: 'Unpublish now'})
    await confirm.waitFor()
    await browser.screenshot('unpublish-dialog')
    await confirm.click()
    await waitFor(async () => (await client.getDocument(personId)) === undefined)
    expect(await client.fetch('*[_id in $ids]{_id, name, slug}', {ids: [personId, `drafts.${personId}`]})).toEqual([
      {_id: `drafts.${personId}`, name, slug: {_type: 'slug', current: 'omar-khalil'}},
    ])
    // The published view is not a stable place to look: once the Studio re-reads the document's
    // version ids (debounced by up to a second) it has no published version and drops the pane's
    // footer, so "Unpublished …" there is visible only for that moment. The draft stays: back on
    // it, the form shows the name again and the status line names the last change.
    await page.getByTestId('document-header-Draft-chip').click()
    const input = page.getByTestId('field-name').locator('input')
    await waitFor(async () => (await input.inputValue()) === name)
    await page.getByTestId('pane-footer').getByText(/^Unpublished /).waitFor()
    await browser.screenshot('unpublished')
  })

  it('deletes an unpublished person: neither published nor draft remains', async () => {
    const name = 'Rana Saleh'
    const personId = 'person-rana-saleh'
    // Another person of the same name, which the deletion must leave alone.
    await client.createOrReplace({_id: 'drafts.person-rana-saleh-2', _type: 'person', name})
    await openNewPerson(personId, name, {draft: true})
    await pickAction('Delete')
    const confirm = page.getByRole('dialog').getByRole('button', {name: 'Delete document'})
    await confirm.waitFor()
    await browser.screenshot('delete-dialog')
    await confirm.click()
    await waitFor(async () => (await client.getDocument(`drafts.${personId}`)) === undefined)
    expect(await client.fetch('*[_id in $ids]._id', {ids: [personId, `drafts.${personId}`]})).toEqual([])
    expect(idsOf(await peopleNamed(name))).toEqual(['drafts.person-rana-saleh-2'])
    // The Studio closes the deleted document's pane on a timer that it clears when the pane
    // re-renders first (its title changes as the deletion arrives through the listener); then
    // the pane stays open and says the document was deleted. Either way it shows the deletion.
    const deletedBanner = page.getByTestId('deleted-document-banner')
    await waitFor(async () => !page.url().includes(personId) || (await deletedBanner.isVisible()))
    await browser.screenshot('deleted')
  })
})
