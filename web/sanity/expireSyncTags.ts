'use server'
/**
 * The <SanityLive> action: expires the cache entries tagged with a live message's sync tags.
 * `updateTag` (not next-sanity's default `revalidateTag(tag, 'max')`, which serves the stale page to
 * the refresh that follows and the fresh one only on the next request) so the open page shows the
 * change at once.
 */
import {updateTag} from 'next/cache'
import {parseTags} from 'next-sanity/live'

/** Expires the tags, then asks <SanityLive> to refresh the page. */
export async function expireSyncTags(unsafeTags: unknown): Promise<'refresh'> {
  for (const tag of parseTags(unsafeTags).tags) updateTag(tag)
  return 'refresh'
}
