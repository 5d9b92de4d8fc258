/**
 * The Presentation tool: the reader site (web/) previewed beside the form, in draft mode, with
 * visual-editing overlays. Where the site runs: `__SANITY_STUDIO_PREVIEW_URL__` (set at runtime by
 * scripts/lib/staticServer.ts, so one cached build previews a site on any port), else
 * SANITY_STUDIO_PREVIEW_URL, else the site `npm run dev` starts.
 */
import {defineDocuments, defineLocations, presentationTool} from 'sanity/presentation'

/** The site `npm run dev` starts (scripts/dev.ts `--site-port` default). */
export const DEFAULT_PREVIEW_URL = 'http://localhost:3000'
/** The site's route that checks the Studio's preview secret and turns draft mode on (web/app/api/draft-mode/enable). */
export const ENABLE_DRAFT_MODE_PATH = '/api/draft-mode/enable'

/** The environment variables the preview reads; the Studio exposes SANITY_STUDIO_* ones. */
export interface PreviewEnv {
  SANITY_STUDIO_PREVIEW_URL?: string
}

function runtimePreviewUrl(): string | undefined {
  const value: unknown = Reflect.get(globalThis, '__SANITY_STUDIO_PREVIEW_URL__')
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** An article's page on the site: `/<language>/<slug>` (web/lib/urls.ts articlePath). */
const articleHref = (language: string, slug: string) => `/${encodeURIComponent(language)}/${encodeURIComponent(slug)}`

/** The Presentation tool previewing the site, articles located on their pages. */
export function presentation(env: PreviewEnv) {
  return presentationTool({
    previewUrl: {
      origin: runtimePreviewUrl() || env.SANITY_STUDIO_PREVIEW_URL || DEFAULT_PREVIEW_URL,
      previewMode: {enable: ENABLE_DRAFT_MODE_PATH},
    },
    resolve: {
      // The article a page shows, so opening its URL in the tool opens its form.
      mainDocuments: defineDocuments([
        {route: '/:language/:slug', filter: '_type == "article" && language == $language && slug.current == $slug'},
      ]),
      locations: {
        article: defineLocations({
          select: {title: 'title', slug: 'slug.current', language: 'language'},
          resolve: (doc) =>
            doc?.slug && doc.language
              ? {locations: [{title: doc.title || doc.slug, href: articleHref(doc.language, doc.slug)}, {title: 'Front page', href: '/'}]}
              : null,
        }),
      },
    },
  })
}
