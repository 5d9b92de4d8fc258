/**
 * How a request fetches: published and clean, or (in draft mode, turned on by the Presentation
 * tool through /api/draft-mode/enable) the Studio's perspective with stega. Resolved outside the
 * `'use cache'` boundary (it reads cookies) and passed into cachedSanity as arguments.
 */
import {cookies, draftMode} from 'next/headers'
import {resolvePerspectiveFromCookies, type LivePerspective} from 'next-sanity/live'

/** The cache tag every draft-mode fetch carries, expired when the Studio reports an edit. */
export const DRAFTS_TAG = 'sanity:drafts'

export interface FetchOptions {
  perspective: LivePerspective
  stega: boolean
  tags: string[]
}

/** The published, clean options: what every request outside draft mode uses. */
export const PUBLISHED: FetchOptions = {perspective: 'published', stega: false, tags: []}

/** Whether this request is in draft mode. */
export async function isDraftMode(): Promise<boolean> {
  return (await draftMode()).isEnabled
}

/** Options for a draft-mode request: the perspective the Studio chose (drafts by default), stega on. */
export async function draftFetchOptions(): Promise<FetchOptions> {
  const perspective = await resolvePerspectiveFromCookies({cookies: await cookies()})
  return {perspective: perspective ?? 'drafts', stega: true, tags: [DRAFTS_TAG]}
}
