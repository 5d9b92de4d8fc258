import {normalizeForMatch} from './normalizeForMatch.ts'

/** A publisher the parser recognises by name, alias (any script) or web host. */
export interface KnownPublisher {
  /** The id suffix: `publisher-<slug>`. */
  slug: string
  name: string
  url: string
  /** Names in other languages and scripts, stored on the document so editors can add more. */
  aliases: string[]
  hosts: string[]
  /** The language the publisher writes in, used as the language of its sources. */
  language: string
}

/** Publishers Forbes explainers cite most; others become new `publisher` documents by name. */
export const KNOWN_PUBLISHERS: KnownPublisher[] = [
  {slug: 'forbes', name: 'Forbes', url: 'https://www.forbes.com', aliases: ['فوربس'], hosts: ['forbes.com'], language: 'en'},
  {slug: 'reuters', name: 'Reuters', url: 'https://www.reuters.com', aliases: ['رويترز'], hosts: ['reuters.com'], language: 'en'},
  {
    slug: 'associated-press',
    name: 'Associated Press',
    url: 'https://apnews.com',
    aliases: ['AP', 'أسوشيتد برس', 'اسوشيتد برس'],
    hosts: ['apnews.com'],
    language: 'en',
  },
  {slug: 'bloomberg', name: 'Bloomberg', url: 'https://www.bloomberg.com', aliases: ['بلومبرغ', 'بلومبيرغ'], hosts: ['bloomberg.com'], language: 'en'},
  {
    slug: 'new-york-times',
    name: 'New York Times',
    url: 'https://www.nytimes.com',
    aliases: ['The New York Times', 'نيويورك تايمز'],
    hosts: ['nytimes.com'],
    language: 'en',
  },
  {
    slug: 'wall-street-journal',
    name: 'Wall Street Journal',
    url: 'https://www.wsj.com',
    aliases: ['The Wall Street Journal', 'وول ستريت جورنال'],
    hosts: ['wsj.com'],
    language: 'en',
  },
  {
    slug: 'washington-post',
    name: 'Washington Post',
    url: 'https://www.washingtonpost.com',
    aliases: ['The Washington Post', 'واشنطن بوست'],
    hosts: ['washingtonpost.com'],
    language: 'en',
  },
  {slug: 'bbc', name: 'BBC', url: 'https://www.bbc.com', aliases: ['بي بي سي'], hosts: ['bbc.com', 'bbc.co.uk'], language: 'en'},
  {slug: 'cnn', name: 'CNN', url: 'https://www.cnn.com', aliases: ['سي إن إن'], hosts: ['cnn.com'], language: 'en'},
  {slug: 'guardian', name: 'The Guardian', url: 'https://www.theguardian.com', aliases: ['Guardian', 'الغارديان'], hosts: ['theguardian.com'], language: 'en'},
]

const BY_NAME = new Map<string, KnownPublisher>()
for (const publisher of KNOWN_PUBLISHERS) {
  for (const name of [publisher.name, ...publisher.aliases]) BY_NAME.set(normalizeForMatch(name), publisher)
}

/**
 * The known publisher with this name or alias, e.g. "فوربس" → Forbes, or written as its site's
 * host ("reuters.com", "www.bbc.co.uk"), or null.
 */
export function publisherByName(name: string): KnownPublisher | null {
  const known = BY_NAME.get(normalizeForMatch(name))
  if (known) return known
  const host = name.trim().toLowerCase()
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host) ? publisherByUrl(new URL(`https://${host}`)) : null
}

/** The known publisher of a URL's host (`www.` and subdomains ignored), or null. */
export function publisherByUrl(url: URL): KnownPublisher | null {
  const host = url.hostname.toLowerCase()
  return KNOWN_PUBLISHERS.find((p) => p.hosts.some((h) => host === h || host.endsWith(`.${h}`))) ?? null
}
