/**
 * The site's one Sanity client and its Live wiring: `cachedSanity` is the cached fetch every page
 * and route uses (tagged with the response's sync tags), `SanityLive` revalidates those tags when
 * the Live Content API says they changed. In draft mode the same fetch reads drafts with the
 * server's token and stega-encodes visible text (see draftMode.ts); the browser gets no token, so
 * draft edits reach an open preview through <VisualEditing>'s refresh (refreshDrafts.ts).
 */
import {createClient} from 'next-sanity'
import {defineLive, type StrictDefinedFetchType} from 'next-sanity/live'
import {sanityEnv, studioUrl} from './env.ts'
import {stegaFilter} from './stega.ts'
import {serverToken} from './token.ts'

const client = createClient({
  projectId: sanityEnv.projectId,
  dataset: sanityEnv.dataset,
  apiVersion: sanityEnv.apiVersion,
  ...(sanityEnv.apiHost ? {apiHost: sanityEnv.apiHost, useProjectHostname: false} : {}),
  useCdn: true,
  perspective: 'published',
  stega: {studioUrl, filter: stegaFilter},
})

export const {sanityFetch, SanityLive} = defineLive({client, serverToken, browserToken: false, strict: true})

/** The client draft mode's enable route validates preview-URL secrets with (server only: it holds the token). */
export const previewSecretClient = client.withConfig({token: serverToken || undefined, useCdn: false})

/** The app's one `'use cache'` boundary around `sanityFetch`. */
export const cachedSanity: StrictDefinedFetchType = async (options) => {
  'use cache'
  return sanityFetch(options)
}
