import type {Page} from 'playwright-core'

/** Logs in to the workspace with the lake's login provider, as an editor would, and waits for the desk. */
export async function logIn(page: Page, workspaceUrl: string): Promise<void> {
  await page.goto(workspaceUrl)
  await page.getByRole('link', {name: 'Local Content Lake (this computer)'}).click()
  await page.getByTestId('pane-item-Articles').waitFor()
}
