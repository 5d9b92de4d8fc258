import {describe, expect, it} from 'vitest'
import {idKind, isPublishedId, isVersionId, publishedId, releaseDocumentId, releaseIdOfDocument, releaseOf, releaseVersionsPrefix, versionId, type IdKind} from '../../lake/ids.ts'

/** Sanity's id rules (sanity.io/docs/ids): a dot makes a path; only dotless ids are public. */
const cases: Array<{id: string; kind: IdKind; published: string}> = [
  {id: 'article-en-x', kind: 'published', published: 'article-en-x'},
  {id: 'drafts.article-en-x', kind: 'draft', published: 'article-en-x'},
  {id: 'versions.rA.article-en-x', kind: 'version', published: 'article-en-x'},
  {id: 'drafts.a.b', kind: 'draft', published: 'a.b'},
  {id: 'versions.rA.a.b', kind: 'version', published: 'a.b'},
  {id: '_.releases.rA', kind: 'system', published: '_.releases.rA'},
  {id: 'private.doc', kind: 'private', published: 'private.doc'},
  {id: 'a.b.c', kind: 'private', published: 'a.b.c'},
  {id: '', kind: 'malformed', published: ''},
  {id: 'drafts.', kind: 'malformed', published: 'drafts.'},
  {id: 'drafts.drafts.x', kind: 'malformed', published: 'drafts.drafts.x'},
  {id: 'drafts.versions.rA.x', kind: 'malformed', published: 'drafts.versions.rA.x'},
  {id: 'versions.x', kind: 'malformed', published: 'versions.x'},
  {id: 'versions.rA.', kind: 'malformed', published: 'versions.rA.'},
  {id: 'versions..x', kind: 'malformed', published: 'versions..x'},
  {id: 'versions.rA.drafts.x', kind: 'malformed', published: 'versions.rA.drafts.x'},
  {id: 'a.versions.b', kind: 'malformed', published: 'a.versions.b'},
  {id: 'a..b', kind: 'malformed', published: 'a..b'},
  {id: '.a', kind: 'malformed', published: '.a'},
  {id: 'a.', kind: 'malformed', published: 'a.'},
]

describe('id classification', () => {
  it.each(cases)('$id is $kind, grouped under "$published"', ({id, kind, published}) => {
    expect(idKind(id)).toBe(kind)
    expect(publishedId(id)).toBe(published)
    expect(isPublishedId(id)).toBe(kind === 'published')
  })

  it.each(cases.filter(({kind}) => kind !== 'malformed'))('$id is a version by its prefix exactly when it is one by its kind', ({id, kind}) => {
    expect(isVersionId(id)).toBe(kind === 'version')
  })
})

describe('releases in ids', () => {
  it('names the release of a version, and nothing for any other id', () => {
    expect(releaseOf('versions.rA.article-en-x')).toBe('rA')
    expect(releaseOf('versions.rA.a.b')).toBe('rA')
    expect(cases.filter(({kind}) => kind !== 'version').map(({id}) => releaseOf(id))).toEqual(cases.filter(({kind}) => kind !== 'version').map(() => null))
  })

  it("makes a release's document id", () => {
    expect(releaseDocumentId('rA')).toBe('_.releases.rA')
    expect(idKind(releaseDocumentId('rA'))).toBe('system')
    expect(releaseIdOfDocument(releaseDocumentId('rA'))).toBe('rA')
    expect(releaseIdOfDocument('versions.rA.x')).toBeNull()
    expect(releaseIdOfDocument('article-en-x')).toBeNull()
  })

  it("makes a release's version ids, which releaseOf and publishedId read back", () => {
    expect(releaseVersionsPrefix('rA')).toBe('versions.rA.')
    expect(versionId('rA', 'article-en-x')).toBe('versions.rA.article-en-x')
    expect(releaseOf(versionId('rA', 'article-en-x'))).toBe('rA')
    expect(publishedId(versionId('rA', 'article-en-x'))).toBe('article-en-x')
  })
})
