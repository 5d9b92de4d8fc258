/**
 * The read token of draft mode (drafts perspective, preview-URL secrets), read from the server's
 * environment at run time (next.config.ts puts the local lake's there; it is not inlined). Server
 * code only: no client component may import this file (tests/web/presentation.test.ts looks for
 * the token in every file of the build output).
 */

/** The token, or `false` when none is configured (draft mode then refuses to turn on). */
export const serverToken: string | false = process.env.SANITY_API_READ_TOKEN || false
