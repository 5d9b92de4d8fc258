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

/**
 * Logs the page in the way the Studio remembers a login (its token in localStorage), without the
 * login flow, so a test that is not about logging in does not depend on one that is.
 */
export async function storeToken(page: Page, workspaceUrl: string, token: string): Promise<void> {
  // localStorage belongs to the Studio's origin: be on it first (the Studio need not have loaded).
  if (!page.url().startsWith(new URL(workspaceUrl).origin)) await page.goto(workspaceUrl, {waitUntil: 'commit'})
  const stored = JSON.stringify({token, time: new Date().toISOString()})
  await page.evaluate((value) => localStorage.setItem('__studio_auth_token_local', value), stored)
}

/** Forgets the Studio's login, if the page is on the Studio's origin at all. */
export async function forgetToken(page: Page, workspaceUrl: string): Promise<void> {
  if (page.url().startsWith(new URL(workspaceUrl).origin)) await page.evaluate(() => localStorage.clear())
}
