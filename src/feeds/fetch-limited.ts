// Until feed-poller.ts imports ../net/guarded-fetch.js and ./decode-body.js itself; then this file goes.
export { guardedFetch as fetchLimited, type FetchOptions as FetchLimits, type Fetched } from '../net/guarded-fetch.js'
export { FetchProblem } from '../net/fetch-problem.js'
export { decodeBody } from './decode-body.js'
