/**
 * The Studio's Presentation tool (studio/presentation.ts, in sanity.config.ts): where it previews
 * the site, how draft mode is turned on, and where an article is shown on the site.
 * tests/web/presentation.test.ts drives it in the browser.
 */
import type {PluginOptions} from 'sanity'
import type {DocumentLocationResolverObject} from 'sanity/presentation'
import {afterEach, describe, expect, test, vi} from 'vitest'

/** Loads sanity.config.ts afresh with the given SANITY_STUDIO_* variables, returns the local workspace's Presentation tool options. */
async function presentationOptions(env: Record<string, string>): Promise<Record<string, unknown>> {
  vi.resetModules()
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  const {default: config} = await import('../../sanity.config.ts')
  const [local] = Array.isArray(config) ? config : [config]
  const plugins: PluginOptions[] = (local?.plugins ?? []).filter((plugin): plugin is PluginOptions => typeof plugin === 'object')
  const tool = plugins.flatMap((plugin) => (Array.isArray(plugin.tools) ? plugin.tools : [])).find((candidate) => candidate.name === 'presentation')
  if (!tool?.options) throw new Error('no Presentation tool in the local workspace')
  return tool.options
}

/** `value[key]` when `value` is an object that has it. */
function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined
}

function isLocationResolver(value: unknown): value is DocumentLocationResolverObject<'title' | 'slug' | 'language'> {
  return typeof value === 'object' && value !== null && 'resolve' in value && typeof value.resolve === 'function'
}

afterEach(() => {
  vi.unstubAllEnvs()
  Reflect.deleteProperty(globalThis, '__SANITY_STUDIO_PREVIEW_URL__')
})

describe('Presentation tool', () => {
  test('previews the site npm run dev starts, turning draft mode on through its enable route', async () => {
    const options = await presentationOptions({SANITY_STUDIO_PREVIEW_URL: ''})
    expect(options.previewUrl).toEqual({origin: 'http://localhost:3000', previewMode: {enable: '/api/draft-mode/enable'}})
  })

  test('SANITY_STUDIO_PREVIEW_URL moves the preview; a served build\'s runtime URL wins', async () => {
    expect((await presentationOptions({SANITY_STUDIO_PREVIEW_URL: 'https://news.example'})).previewUrl).toMatchObject({origin: 'https://news.example'})
    Reflect.set(globalThis, '__SANITY_STUDIO_PREVIEW_URL__', 'http://localhost:4321')
    expect((await presentationOptions({SANITY_STUDIO_PREVIEW_URL: 'https://news.example'})).previewUrl).toMatchObject({origin: 'http://localhost:4321'})
  })

  test('an article is found on its page, /<language>/<slug>, and on the front page', async () => {
    const {resolve} = await presentationOptions({})
    const article = property(property(resolve, 'locations'), 'article')
    if (!isLocationResolver(article)) throw new Error('no article locations')
    expect(article.resolve({title: 'عنوان', slug: 'north-korea', language: 'ar'})).toEqual({
      locations: [
        {title: 'عنوان', href: '/ar/north-korea'},
        {title: 'Front page', href: '/'},
      ],
    })
    expect(article.resolve({title: 'Draft', slug: null, language: 'ar'})).toBeNull()
    expect(resolve).toMatchObject({
      mainDocuments: [{route: '/:language/:slug', filter: '_type == "article" && language == $language && slug.current == $slug'}],
    })
  })
})
