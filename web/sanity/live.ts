/**
 * The site's one Sanity client and its Live wiring: `cachedSanity` is the cached fetch every page
 * and route uses (tagged with the response's sync tags), `SanityLive` revalidates those tags when
 * the Live Content API says they changed.
 */
import {createClient} from 'next-sanity'
import {defineLive, type StrictDefinedFetchType} from 'next-sanity/live'
import {sanityEnv} from './env.ts'

const client = createClient({
  projectId: sanityEnv.projectId,
  dataset: sanityEnv.dataset,
  apiVersion: sanityEnv.apiVersion,
  ...(sanityEnv.apiHost ? {apiHost: sanityEnv.apiHost, useProjectHostname: false} : {}),
  useCdn: true,
  perspective: 'published',
})

export const {sanityFetch, SanityLive} = defineLive({client, serverToken: false, browserToken: false, strict: true})

/** The app's one `'use cache'` boundary around `sanityFetch`. */
export const cachedSanity: StrictDefinedFetchType = async (options) => {
  'use cache'
  return sanityFetch(options)
}
