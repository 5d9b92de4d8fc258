/**
 * The GET of a mixed-bench query (scripts/benchMixed.ts and its query-client thread,
 * benchQueryClients.ts): the query, and `$t` as JSON when the query uses it.
 */
export function benchQueryUrl(lakeUrl: string, query: string, tag: string | undefined): string {
  const params = query.includes('$t') ? `&%24t=${encodeURIComponent(JSON.stringify(tag))}` : ''
  return `${lakeUrl}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}${params}`
}
