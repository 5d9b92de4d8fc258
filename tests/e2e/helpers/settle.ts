/**
 * How long a change may take to show up (lake → listener → Studio, or Studio → lake): about a
 * second when idle; generous, so that a loaded machine is slow rather than failing.
 */
export const SETTLE_MS = 60_000
/** How often `waitFor` checks again. */
const POLL_MS = 200

/** Polls `check` until it holds. @throws Error after SETTLE_MS. */
export async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + SETTLE_MS
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${SETTLE_MS} ms: ${check}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
