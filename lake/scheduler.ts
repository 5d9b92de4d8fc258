/**
 * The release scheduler: a release in state `scheduled` is published (the same
 * `sanity.action.release.publish` the Studio sends, as one transaction) once its `publishAt` has
 * come. The schedule lives in the release documents, so it survives restarts; a release that
 * came due while the lake was stopped is published when the lake starts, and the log says so
 * and how late. Scheduled drafts are releases too (`releaseType: 'scheduled'`).
 */
import {planActionsIn} from './actions/index.ts'
import {RELEASE_DOCUMENT_PREFIX, randomId} from './ids.ts'
import type {Dataset, Lake, LakeDocument} from './types.ts'

/** The author the transaction log shows for scheduled publishes. */
export const SCHEDULER_AUTHOR = 'system:scheduler'
/** Also look every minute: a dataset made after the start is not subscribed to. */
const MAX_WAIT_MS = 60_000

export interface SchedulerOptions {
  lake: Lake
  log: (message: string) => void
  /** The clock (tests); `Date.now` by default. */
  now?: () => number
}

/** What one publish did. */
export interface ScheduledPublish {
  dataset: string
  releaseId: string
  /** The `publishAt` it had. */
  due: string
  /** The publish transaction, or null when publishing failed (`error`). */
  transactionId: string | null
  lateMs: number
  /**
   * Why it was published late, if it was: it came due while the lake was stopped (`missed`), or it
   * was scheduled for a time already past (`pastWhenScheduled`).
   */
  late?: 'missed' | 'pastWhenScheduled'
  error?: string
}

export interface Scheduler {
  /** Publishes every due release now; what it did. */
  check(): ScheduledPublish[]
  close(): void
}

/** Starts the scheduler: checks at once, then at each next `publishAt` (and every minute). */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? Date.now
  const startedAt = now()
  /** `releaseId@_rev` of publishes that failed: not retried until the release changes. */
  const failed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const unsubscribes: Array<() => void> = []
  // Every dataset, those made or made again (after a delete) while the lake runs too: a release
  // scheduled in one the scheduler did not watch waited for the next minute's check.
  unsubscribes.push(
    options.lake.watchDatasets((dataset) => {
      unsubscribes.push(
        dataset.subscribe((tx) => {
          // After the commit that notified us, not inside it.
          if (tx.author !== SCHEDULER_AUTHOR && tx.changes.some((change) => change.id.startsWith(RELEASE_DOCUMENT_PREFIX))) setImmediate(arm).unref()
        }),
      )
    }),
  )

  function check(): ScheduledPublish[] {
    const done: ScheduledPublish[] = []
    for (const name of options.lake.datasets()) {
      const dataset = options.lake.dataset(name)
      if (!dataset) continue
      for (const release of scheduledReleases(dataset)) {
        const due = Date.parse(String(release.publishAt))
        const key = `${String(release.name)}@${release._rev ?? ''}`
        if (due > now() || failed.has(key)) continue
        // A release scheduled (written) since the start for a time already past was not missed.
        const scheduledAt = Date.parse(String(release._updatedAt))
        const late = due < scheduledAt && scheduledAt >= startedAt ? 'pastWhenScheduled' : due < startedAt ? 'missed' : undefined
        const outcome = publish(dataset, release, due, late)
        if (outcome.error) failed.add(key)
        report(outcome)
        done.push(outcome)
      }
    }
    return done
  }

  function publish(dataset: Dataset, release: LakeDocument, due: number, late: ScheduledPublish['late']): ScheduledPublish {
    const releaseId = String(release.name)
    const base = {dataset: dataset.name, releaseId, due: new Date(due).toISOString(), lateMs: Math.max(0, now() - due), ...(late ? {late} : {})}
    const transactionId = randomId()
    try {
      dataset.transact(
        (reader) => planActionsIn(dataset, reader, [{actionType: 'sanity.action.release.publish', releaseId}], {transactionId, now: new Date(now()).toISOString()}),
        {transactionId, author: SCHEDULER_AUTHOR},
      )
      return {...base, transactionId}
    } catch (error) {
      return {...base, transactionId: null, error: error instanceof Error ? error.message : String(error)}
    }
  }

  function report(outcome: ScheduledPublish): void {
    const what = `release ${outcome.releaseId} of ${outcome.dataset} (due ${outcome.due}`
    const why = {missed: 'it came due while the lake was stopped', pastWhenScheduled: 'it was scheduled for a time already past'}
    const late = outcome.late ? `, ${Math.round(outcome.lateMs / 1000)} s late: ${why[outcome.late]})` : ')'
    if (outcome.error) options.log(`scheduler: could not publish ${what}${late}: ${outcome.error}`)
    else options.log(`scheduler: published ${what}${late} in transaction ${outcome.transactionId}`)
  }

  function arm(): void {
    if (closed) return
    clearTimeout(timer)
    check()
    let next = now() + MAX_WAIT_MS
    for (const name of options.lake.datasets()) {
      const dataset = options.lake.dataset(name)
      for (const release of dataset ? scheduledReleases(dataset) : []) {
        const due = Date.parse(String(release.publishAt))
        if (!failed.has(`${String(release.name)}@${release._rev ?? ''}`)) next = Math.min(next, due)
      }
    }
    timer = setTimeout(arm, Math.max(0, next - now()))
    timer.unref()
  }

  arm()
  return {
    check,
    close() {
      closed = true
      clearTimeout(timer)
      for (const unsubscribe of unsubscribes) unsubscribe()
    },
  }
}

function scheduledReleases(dataset: Dataset): LakeDocument[] {
  return [...dataset.scan({types: ['system.release']})].filter(
    (release) => release.state === 'scheduled' && typeof release.publishAt === 'string' && !Number.isNaN(Date.parse(release.publishAt)),
  )
}
