/** A publisher as frontends show it next to a source or an article. */
export const publisherFields = /* groq */ `
  _id,
  name,
  url
`

/** A source with its publisher resolved. */
export const sourceFields = /* groq */ `
  _id,
  title,
  url,
  author,
  publishedAt,
  language,
  "publisher": publisher->{${publisherFields}}
`

/** An author. */
export const personFields = /* groq */ `
  _id,
  name,
  "slug": slug.current
`

/** A big number as printed, with its machine-readable value. */
export const bigNumberFields = /* groq */ `
  _key,
  value,
  display,
  unit,
  scale,
  caption
`

/** An article in lists: enough to link to it and say what it is. */
export const articleCardFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  language,
  description,
  translation{isTranslation, fromLanguage, method},
  publishedAt,
  updatedAt
`

/**
 * Newest first. GROQ sorts null above every date in descending order, so undated articles are
 * put last explicitly; the id breaks ties so pages never overlap.
 */
export const newestFirst = /* groq */ `order(defined(publishedAt) desc, publishedAt desc, _id asc)`
