import { createArticleStore } from '../../../src/articles/article-store.js'
import { articleFromRecord } from '../../../src/articles/from-record.js'
import type { Article } from '../../../src/articles/types.js'
import { createStore } from '../../../src/storage/create-store.js'

/** What the bot's JSONL ingest hands the catalogue at once (src/articles/ingest.ts); a batch merges by the same rule. */
const BATCH = 500
/** Carried in `related`, which a merge unions and no merge rule reads: it tells which records a kept story holds. */
const MARK = 'record:'

/** One story as the catalogue keeps it: the title and text the classifier reads at ingest, and the records it holds. */
export interface KeptStory { title: string, text: string, records: number[] }

/**
 * Groups records the way the bot's catalogue keeps them: each goes through `articleFromRecord` and
 * `ArticleStore.upsert` as `npm run ingest` sends it, in file order, into a fresh in-memory store. So a story filed
 * twice (the same normalised headline, and the same link or half the same opening words) is one story, and the
 * evaluation sees what the bot labels and shows, not one copy per feed. Records that are no article are in no story.
 */
export async function keptStories(records: readonly Record<string, unknown>[], source = 'corpus'): Promise<KeptStory[]> {
  const store = await createStore('memory://')
  try {
    const articles = createArticleStore({ store })
    const seenAt = new Date(0).toISOString()
    let batch: Article[] = []
    for (let i = 0; i < records.length; i++) {
      const article = articleFromRecord(records[i]!, { source, seenAt })
      if (typeof article === 'string') continue
      batch.push({ ...article, related: [`${MARK}${i}`] })
      if (batch.length >= BATCH) batch = await articles.upsert(batch).then(() => [])
    }
    if (batch.length > 0) await articles.upsert(batch)
    const kept: KeptStory[] = []
    for (const story of articles.all()) {
      const held = story.related.filter((r) => r.startsWith(MARK)).map((r) => Number(r.slice(MARK.length)))
      // The classifier reads what storyCategory (src/search/story-category.ts) gives it.
      if (held.length > 0) kept.push({ title: story.title, text: story.paragraphs.join('\n'), records: held.sort((a, b) => a - b) })
    }
    return kept.sort((a, b) => a.records[0]! - b.records[0]!)
  }
  finally {
    await store.close()
  }
}
