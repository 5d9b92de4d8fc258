/**
 * Issue 14: the preview-URL-secret flow of the Presentation tool. The Studio writes a
 * `sanity.previewUrlSecret` draft with `@sanity/preview-url-secret`'s own createPreviewSecret; the
 * site validates it with validatePreviewUrl (the `raw` perspective, a token). Without the token
 * nobody reads the secret: not by query (any perspective), not by id, not in an export.
 */
import type {SanityClient} from '@sanity/client'
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import {createPreviewSecret} from '@sanity/preview-url-secret/create-secret'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const STUDIO_URL = 'http://localhost:3333/local'
const SECRET_ID = 'c0ffee00-0000-4000-8000-000000000001'

let lake: TestLake
let client: SanityClient
let anonymous: SanityClient
let secret: string

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
  anonymous = lake.client({token: undefined})
  secret = (await createPreviewSecret(client, 'presentation-test', STUDIO_URL, 'p-local', SECRET_ID)).secret
})
afterAll(() => lake.close())

describe('preview-URL secrets', () => {
  it('validates the Studio\'s secret with the token, and redirects to the previewed path', async () => {
    const url = `http://localhost:3000/api/draft-mode/enable?sanity-preview-secret=${secret}&sanity-preview-pathname=%2Far%2Fslug`
    expect(await validatePreviewUrl(client, url)).toEqual({
      isValid: true,
      redirectTo: '/ar/slug',
      studioOrigin: 'http://localhost:3333',
      studioPreviewPerspective: null,
      studioPreviewVariant: null,
    })
  })

  it('refuses a wrong secret', async () => {
    const url = 'http://localhost:3000/api/draft-mode/enable?sanity-preview-secret=not-the-secret'
    expect(await validatePreviewUrl(client, url)).toEqual({
      isValid: false,
      redirectTo: undefined,
      studioOrigin: undefined,
      studioPreviewPerspective: undefined,
      studioPreviewVariant: undefined,
    })
  })

  it('keeps the secret from anonymous queries in every perspective', async () => {
    const query = '*[_type == "sanity.previewUrlSecret"]{_id, secret}'
    expect(await client.fetch(query, {}, {perspective: 'raw'})).toEqual([{_id: `drafts.${SECRET_ID}`, secret}])
    for (const perspective of ['raw', 'drafts', 'published'] as const) {
      expect(await anonymous.fetch(query, {}, {perspective})).toEqual([])
    }
  })

  it('keeps the secret from anonymous reads by id and from the export', async () => {
    const byId = await fetch(`${lake.url}/v2025-02-19/data/doc/production/drafts.${SECRET_ID}`)
    expect(await byId.json()).toEqual({documents: [], omitted: [{id: `drafts.${SECRET_ID}`, reason: 'permission'}]})
    const exported = await (await fetch(`${lake.url}/v2025-02-19/data/export/production`)).text()
    expect(exported).not.toContain(secret)
  })
})
