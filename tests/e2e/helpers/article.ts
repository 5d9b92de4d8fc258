/** The seeded article as the Studio shows it and as the lake stores it. */
import type {SanityClient, SanityDocument} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'

/** Opens the first section (the topline) of the article open in the Studio. */
export async function openTopline(page: Page): Promise<void> {
  await page.getByTestId('field-sections').getByRole('button', {name: /Topline/}).first().click()
  await page.getByTestId('pt-editor').waitFor()
}

/** The first span of the first section's first block. */
export async function toplineOf(client: SanityClient, id: string): Promise<string | undefined> {
  const doc = await client.getDocument(id)
  const sections = doc?.sections
  if (!Array.isArray(sections)) return undefined
  return sections[0]?.body?.[0]?.children?.[0]?.text
}

/** The document title the pane shows above its form. */
export async function paneTitle(pane: Locator): Promise<string | null> {
  return pane.getByTestId('document-panel-document-title').textContent()
}

/** A copy of the seeded article made for one test, and what the test needs to know of it. */
export interface ArticleCopy {
  _id: string
  title: string
  topline: string
  sourceId: string
  sourceTitle: string
}

/**
 * Publishes a copy of the article `fromId` and of its original source under ids of their own
 * (`article-ar-e2e-<name>`, `source-e2e-<name>`), so a test edits only what it made and does not
 * depend on what an earlier test did to the seeded article.
 */
export async function copyArticle(client: SanityClient, fromId: string, name: string): Promise<ArticleCopy> {
  const article = await client.getDocument(fromId)
  const source = await client.getDocument(String(article?.originalSource?._ref))
  const topline = article && (await toplineOf(client, fromId))
  if (!article || !source || typeof article.title !== 'string' || topline === undefined) throw new Error(`${fromId} and its source cannot be copied`)
  const copy = {
    _id: `article-ar-e2e-${name}`,
    // A title of its own, not containing the seeded article's: the desk must not confuse the two.
    title: `نسخة للاختبار: ${name}`,
    topline,
    sourceId: `source-e2e-${name}`,
    sourceTitle: `${String(source.title)} (${name})`,
  }
  await client
    .transaction()
    .createOrReplace({...withoutSystemFields(source), _id: copy.sourceId, title: copy.sourceTitle})
    .createOrReplace({
      ...withoutSystemFields(article),
      _id: copy._id,
      title: copy.title,
      slug: {_type: 'slug', current: `e2e-${name}`},
      originalSource: {_type: 'reference', _ref: copy.sourceId},
    })
    .commit()
  return copy
}

/** A stored document without what the lake sets on each write. */
function withoutSystemFields({_rev, _createdAt, _updatedAt, ...document}: SanityDocument): {_type: string; [field: string]: unknown} {
  return document
}
