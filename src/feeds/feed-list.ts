import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { hasCredentials, withoutCredentials } from '../net/credentials.js'

export interface FeedSpec {
  url: string
  /** Outlet name: the articles' source, e.g. alarabia (shown as «العربية»). */
  name: string
  language: string
  /** Section given to every item of this feed, e.g. «اقتصاد». */
  section?: string
}

export class FeedListError extends Error {}

export const FEED_NAME_MAX = 60

const CREDENTIALS_MESSAGE = 'a feed URL cannot carry a user name or password: feeds are fetched without them'

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' })
  .refine((url) => !hasCredentials(url), { message: CREDENTIALS_MESSAGE, abort: true })

const feedSchema = z.object({
  url: httpUrl,
  name: z.string().trim().min(1).max(FEED_NAME_MAX, { message: `expected a name of at most ${FEED_NAME_MAX} characters` }).optional(),
  language: z.string().trim().regex(/^[a-z]{2,3}$/, { message: 'expected a language code such as ar or en' }).optional(),
  section: z.string().trim().min(1).max(60).optional(),
})

const fileSchema = z.array(feedSchema, { message: 'expected a JSON array of {"url", "name", "language", "section"} objects' })

/** A feed as given, completed: the name defaults to the host without www., the language to Arabic. */
export function feedSpec(input: z.input<typeof feedSchema>): FeedSpec {
  const parsed = feedSchema.parse(input)
  const spec: FeedSpec = {
    url: new URL(parsed.url).href,
    name: parsed.name ?? new URL(parsed.url).hostname.replace(/^www\./, ''),
    language: parsed.language ?? 'ar',
  }
  if (parsed.section) spec.section = parsed.section
  return spec
}

export type FeedSpecProblem = 'url' | 'credentials' | 'name' | 'language' | 'section'

/** The spec, or which argument is wrong: /addfeed names that argument rather than blaming the URL. */
export function checkFeedSpec(input: z.input<typeof feedSchema>): { spec: FeedSpec } | { problem: FeedSpecProblem } {
  const result = feedSchema.safeParse(input)
  if (result.success) return { spec: feedSpec(result.data) }
  const issue = result.error.issues[0]!
  const field = String(issue.path[0]) as Exclude<FeedSpecProblem, 'credentials'>
  return { problem: field === 'url' && issue.message === CREDENTIALS_MESSAGE ? 'credentials' : field }
}

/** FEEDS: comma-separated `url` or `url|name|language|section` entries. Throws FeedListError naming the bad entry. */
export function parseFeedsEnv(value: string): FeedSpec[] {
  return value.split(/[,\n]/).map((e) => e.trim()).filter(Boolean).map((entry) => {
    const [url = '', name, language, section] = entry.split('|').map((p) => p.trim())
    const result = feedSchema.safeParse({ url, name: name || undefined, language: language || undefined, section: section || undefined })
    if (!result.success) throw new FeedListError(`feed "${withoutCredentials(entry)}": ${result.error.issues[0]!.message}`)
    return feedSpec(result.data)
  })
}

/** Why FEEDS cannot be read, or undefined when it can; for the config schema. */
export function feedsEnvProblem(value: string): string | undefined {
  try {
    parseFeedsEnv(value)
    return undefined
  }
  catch (err) {
    return (err as Error).message
  }
}

/** feeds.json: [{ "url": "…", "name": "alarabia", "language": "ar", "section": "…" }]. A missing file is no feeds. */
export async function loadFeedsFile(path: string): Promise<FeedSpec[]> {
  if (!existsSync(path)) return []
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  }
  catch (err) {
    throw new FeedListError(`${path}: not valid JSON (${(err as Error).message})`)
  }
  const result = fileSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new FeedListError(`${path}: ${issue.path.length ? `entry ${issue.path.join('.')}: ` : ''}${issue.message}`)
  }
  return result.data.map(feedSpec)
}

/** Configured feeds, later entries with a URL already listed dropped. */
export function mergeFeedLists(...lists: FeedSpec[][]): FeedSpec[] {
  const byUrl = new Map<string, FeedSpec>()
  for (const spec of lists.flat()) if (!byUrl.has(spec.url)) byUrl.set(spec.url, spec)
  return [...byUrl.values()]
}
