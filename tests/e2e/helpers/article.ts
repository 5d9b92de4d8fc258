/** The seeded article as the Studio shows it and as the lake stores it. */
import type {SanityClient} from '@sanity/client'
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
