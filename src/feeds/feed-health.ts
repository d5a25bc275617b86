import type { FeedStatus } from './feed-poller.js'

export interface FeedHealth {
  total: number
  /** Feeds whose last attempt failed, most failures first. */
  failing: { name: string, url: string, failures: number, lastError?: string, nextAttemptAt?: string }[]
}

/** The feed lines of /stats: how many feeds are polled and which are failing now. */
export async function feedHealth(feeds: { status: () => Promise<FeedStatus[]> }): Promise<FeedHealth> {
  const statuses = await feeds.status()
  const failing = statuses
    .filter((f) => f.state.failures > 0)
    .sort((a, b) => b.state.failures - a.state.failures)
    .map(({ name, url, state }) => ({ name, url, failures: state.failures, lastError: state.lastError, nextAttemptAt: state.nextAttemptAt }))
  return { total: statuses.length, failing }
}
