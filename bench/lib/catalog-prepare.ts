// bench:catalog: writes `count` synthetic stored articles into a SQLite store, published over the year
// ending at BENCH_NOW, each first seen a few minutes after publication. Runs in its own process so its
// time and memory never count toward the start-up it prepares.
// Run as: node --import tsx bench/lib/catalog-prepare.ts <ant.jsonl.gz> <file.sqlite> <count>
import { createStore } from '../../src/storage/create-store.js'
import type { Article } from '../../src/articles/types.js'
import { BENCH_NOW, DAY_MS, loadAnt, storedArticle } from './catalog-texts.js'

const [antPath, file, countText] = process.argv.slice(2) as [string, string, string]
const count = Number(countText)
const BATCH = 1000
const texts = await loadAnt(antPath)
const store = await createStore(`sqlite://${file}`)
const kv = store.ns<Article>('articles')
// A stride coprime with most counts interleaves the dates, as years of polls and imports would.
const stride = 7919
for (let start = 0; start < count; start += BATCH) {
  const batch = []
  for (let n = start; n < Math.min(count, start + BATCH); n++) {
    const age = (((n * stride) % count) + 0.5) / count * 365 * DAY_MS
    const published = BENCH_NOW - age
    batch.push(storedArticle(texts, n, published, Math.min(BENCH_NOW, published + 5 * 60_000)))
  }
  await kv.setMany(batch.map((a) => ({ key: a.id, value: a })))
}
await store.close()
process.stdout.write(`${JSON.stringify({ count })}\n`)
