/**
 * Collects a `client.listen()` stream into an array, with a wait-until helper for tests.
 */
import type {ListenEvent, ListenOptions, SanityClient} from '@sanity/client'

/** How long a test waits for listener events before failing: generous, CI machines are shared and noisy. */
const WAIT_MS = 30_000

export interface EventCollector {
  events: ListenEvent<Record<string, unknown>>[]
  /** Resolves once `predicate` holds for the collected events; rejects after WAIT_MS. */
  until(predicate: (events: ListenEvent<Record<string, unknown>>[]) => boolean): Promise<void>
  /** Resolves once the `welcome` event arrived. */
  ready(): Promise<void>
  close(): void
}

/** Subscribes to `client.listen(query, params, options)` and records every event. */
export function collectEvents(
  client: SanityClient,
  query: string,
  params: Record<string, unknown> = {},
  options: ListenOptions = {},
): EventCollector {
  const events: ListenEvent<Record<string, unknown>>[] = []
  let error: unknown = null
  const subscription = client
    .listen(query, params, {events: ['welcome', 'mutation'], ...options})
    .subscribe({next: (event) => events.push(event), error: (e: unknown) => (error = e)})
  const until = async (predicate: (all: typeof events) => boolean) => {
    const deadline = Date.now() + WAIT_MS
    while (!predicate(events)) {
      if (error) throw error
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for listener events; got ${JSON.stringify(events, null, 1)}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return {
    events,
    until,
    ready: () => until((all) => all.some((event) => event.type === 'welcome')),
    close: () => subscription.unsubscribe(),
  }
}
