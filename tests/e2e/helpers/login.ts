import type {Page} from 'playwright-core'

import {CONFIRM_LABEL} from '../../../lake/studioApi/loginPage.ts'

/**
 * Logs in to the workspace with the lake's login provider, as an editor would (the provider's
 * link, then the button on the lake's confirmation page), and waits for the desk.
 */
export async function logIn(page: Page, workspaceUrl: string): Promise<void> {
  await page.goto(workspaceUrl)
  await page.getByRole('link', {name: 'Local Content Lake (this computer)'}).click()
  await page.getByRole('button', {name: CONFIRM_LABEL, exact: true}).click()
  await page.getByTestId('pane-item-Articles').waitFor()
}
