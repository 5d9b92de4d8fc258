/**
 * Turns draft mode on for the Presentation tool: the Studio writes a `sanity.previewUrlSecret`
 * draft and opens this route with its secret; the route reads it back with the `raw` perspective
 * and the server's token (a draft: invisible without one), then sets the draft-mode cookie and
 * redirects to the previewed path. A wrong or expired secret is 401 "Invalid secret".
 */
import {defineEnableDraftMode} from 'next-sanity/draft-mode'
import {previewSecretClient} from '../../../../sanity/live.ts'
import {serverToken} from '../../../../sanity/token.ts'

const enable = defineEnableDraftMode({client: previewSecretClient})

export async function GET(request: Request): Promise<Response> {
  if (!serverToken) return new Response('Draft mode needs a read token on the server (SANITY_API_READ_TOKEN, or the lake\'s)', {status: 501})
  return enable.GET(request)
}
