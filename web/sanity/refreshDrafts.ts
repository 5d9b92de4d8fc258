'use server'
/**
 * <VisualEditing>'s refresh in draft mode. The Presentation tool calls it when the previewed
 * page should show new content: `mutation` after an editor's change to a draft (the browser has
 * no token, so no live events for drafts reach it), `manual` for its reload button. Draft-mode
 * fetches are cached under DRAFTS_TAG: expiring it makes the refresh read the new drafts.
 */
import {refresh, updateTag} from 'next/cache'
import {draftMode} from 'next/headers'
import {DRAFTS_TAG} from './draftMode.ts'

/** Expires the draft-mode cache and refreshes the page; outside draft mode it does nothing. */
export async function refreshDrafts(): Promise<void> {
  if (!(await draftMode()).isEnabled) return
  updateTag(DRAFTS_TAG)
  refresh()
}
