/**
 * The read token of draft mode (drafts perspective, preview-URL secrets). Server code only: no
 * client component may import this file, so the value, inlined by next.config.ts, never reaches a
 * browser bundle (tests/web/presentation.test.ts looks for it in every static chunk).
 */

/** The token, or `false` when none is configured (draft mode then refuses to turn on). */
export const serverToken: string | false = process.env.SANITY_API_READ_TOKEN || false
