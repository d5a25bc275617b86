import { articleFromRecord } from '../../src/articles/from-record.js'
import type { Article } from '../../src/articles/types.js'
import { loadConfig } from '../../src/config.js'
import { createCore } from '../../src/core.js'
import { silentLogger } from '../../src/logger.js'
import { analyze } from '../../src/search/analyzer.js'
import { parseTopic, type TopicFilters } from '../../src/search/filters.js'
import { latestMatching } from '../../src/search/topic-feed.js'
import { createSearchIndex } from '../../src/search/search-index.js'
import { ALL_CATEGORY_NAMES } from '../../src/i18n/topic-labels.js'
import { createTopicClassifier, loadTopicModel } from '../../src/search/topic-model.js'
import { registerHandlers } from '../../handlers/index.js'
import { createBot } from '../../src/telegram/bot.js'
import { startFakeBotApi } from '../../tests/helpers/fake-bot-api.js'
import { inlineQueryUpdate } from '../../tests/helpers/updates.js'
import { corpusPath, readRecords } from './corpora.js'
import { round3 } from './metrics.js'
import { createClock } from '../../src/clock.js'

/** The bot's own path at full size: every aawsat + ANT article through the store, the index, filters, related, inline. */
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return round3(s[Math.min(s.length - 1, Math.floor(p * s.length))]!)
}
const timed = async (n: number, f: (i: number) => unknown) => {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await f(i)
    times.push(performance.now() - t)
  }
  return { p50: pct(times, 0.5), p99: pct(times, 0.99) }
}

const progress = (what: string, since: number) => console.error(`${what}: ${Math.round(performance.now() - since)} ms`)

export async function appBench() {
  const articles: Article[] = []
  for (const name of ['aawsat-2015.jsonl.gz', 'ant-2018.jsonl.gz']) {
    for (const r of await readRecords(corpusPath(name))) {
      const a = articleFromRecord(r, { source: String(r.source ?? name.split('-')[0]), seenAt: '2018-01-01T00:00:00.000Z' })
      if (typeof a !== 'string') articles.push(a)
    }
  }
  // Index alone, with the classifier labelling the aawsat stories, in a fresh heap measurement.
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const buildStart = performance.now()
  const index = createSearchIndex({ classifier: createTopicClassifier(loadTopicModel()) })
  index.add(articles.map((a) => ({ ...a })))
  const buildS = round3((performance.now() - buildStart) / 1000)
  globalThis.gc?.()
  const indexMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)
  progress('index build', buildStart)

  const core = await createCore(loadConfig({ STORAGE_URL: 'memory://', LOG_LEVEL: 'silent' }), silentLogger, { clock: createClock() })
  const ingestStart = performance.now()
  for (let i = 0; i < articles.length; i += 2000) await core.articles.upsert(articles.slice(i, i + 2000))
  const ingestS = round3((performance.now() - ingestStart) / 1000)
  progress('store ingest', ingestStart)
  const stored = [...core.articles.all()]
  const warmStart = performance.now()
  await core.search.related.warm(stored.map((a) => a.id))
  const relatedWarmS = round3((performance.now() - warmStart) / 1000)
  progress('related warm', warmStart)

  const queries = Array.from({ length: 3000 }, (_, i) => {
    const words = analyze(stored[(i * 7919) % stored.length]!.title)
    const n = 1 + (i % 3)
    const from = words.length > n ? (i * 31) % (words.length - n) : 0
    return words.slice(from, from + n).join(' ') || 'مصر'
  })
  const search = await timed(queries.length, (i) => core.search.index.search(queries[i]!, 10))
  const topic = (text: string) => (parseTopic(text, ALL_CATEGORY_NAMES, []) as { topic: TopicFilters['follow'][number] }).topic
  const filterSets: TopicFilters[] = [
    { follow: [topic('#رياضة')], mute: [] },
    { follow: [topic('#تقنية')], mute: [topic('آبل')] },
    { follow: [topic('روسيا')], mute: [] },
    { follow: [topic('#ثقافة'), topic('السينما')], mute: [topic('كرة')] },
  ]
  const filter = await timed(2000, (i) => latestMatching({ articles: core.articles, index: core.search.index }, 10, filterSets[i % filterSets.length]))
  const related = await timed(3000, (i) => core.search.related.get(stored[(i * 104729) % stored.length]!.id))
  const sample = stored.filter((_, i) => i % 15 === 0).map((a) => a.id)
  core.search.related.forget(sample)
  const relatedFirst = await timed(sample.length, (i) => core.search.related.get(sample[i]!))

  const api = await startFakeBotApi()
  const bot = createBot(core, { token: api.token, apiRoot: api.apiRoot, flood: false, pacing: false })
  registerHandlers(bot, core)
  const inlineQueries = ['', '#رياضة', '#اقتصاد', ...queries.slice(0, 297)]
  for (const q of inlineQueries.slice(0, 30)) await bot.handleUpdate(inlineQueryUpdate({ query: q }))
  const inline = await timed(600, (i) => bot.handleUpdate(inlineQueryUpdate({ query: inlineQueries[i % inlineQueries.length]!, offset: i % 5 === 0 ? '20' : '' })))
  const inlineFailures = api.callsTo('answerInlineQuery').filter((c) => !c.ok).length
  await api.close()
  await core.close()
  return { articles: stored.length, buildS, indexMb, ingestS, relatedWarmS, search, filter, related, relatedFirst, inline, inlineFailures }
}
