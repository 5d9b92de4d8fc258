/**
 * What every layout ends its body with: <SanityLive> (published changes expire the cached pages
 * that show them) and, in draft mode only, <VisualEditing> (the Presentation tool's overlays,
 * clicks and refreshes). Outside draft mode no visual-editing code is rendered.
 */
import {VisualEditing} from 'next-sanity/visual-editing'
import {isDraftMode} from '../sanity/draftMode.ts'
import {expireSyncTags} from '../sanity/expireSyncTags.ts'
import {SanityLive} from '../sanity/live.ts'
import {refreshDrafts} from '../sanity/refreshDrafts.ts'

export async function LiveUpdates() {
  const draft = await isDraftMode()
  return (
    <>
      <SanityLive includeDrafts={draft} action={expireSyncTags} />
      {draft ? <VisualEditing refresh={refreshDrafts} /> : null}
    </>
  )
}
