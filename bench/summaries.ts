// npm run bench:summaries — extractive summaries per second, and LLM calls when the same corpus is ingested again.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { articleFromRecord } from '../src/articles/from-record.js'
import { readJsonl } from '../src/articles/read-jsonl.js'
import type { Article } from '../src/articles/types.js'
import { loadConfig } from '../src/config.js'
import { createCore } from '../src/core.js'
import { silentLogger } from '../src/logger.js'
import { createStore } from '../src/storage/create-store.js'
import { extractiveSummary } from '../src/summarize/extractive.js'
import { fitSentence, splitSentences } from '../src/summarize/sentences.js'
import { extractiveTexts } from '../src/summarize/summarize-article.js'
import { startFakeOpenAi, type ChatRequest } from '../tests/helpers/fake-openai.js'
import { requireShared, table } from './lib/shared-data.js'
import { createClock } from '../src/clock.js'

const corpus = requireShared('corpora/aawsat-2015.jsonl.gz', 'bench:summaries')
const SHORT = 280
const LONG = 600

const articles: Article[] = []
for await (const { record } of readJsonl(corpus, () => {})) {
  const article = articleFromRecord(record, { source: 'aawsat-2015', seenAt: new Date().toISOString() })
  if (typeof article !== 'string') articles.push(article)
}

/** Articles per second of wall time, and per second of this process's CPU time (what a shared, loaded machine does not distort). */
function timeExtractive(all: boolean): { wall: number, cpu: number } {
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  for (const a of articles) {
    if (all) extractiveTexts(a, { shortChars: SHORT, longChars: LONG })
    else extractiveSummary(a, { maxChars: SHORT, maxSentences: 2 })
  }
  const cpu = process.cpuUsage(cpuBefore)
  return { wall: Math.round(articles.length / ((performance.now() - started) / 1000)), cpu: Math.round(articles.length / ((cpu.user + cpu.system) / 1e6)) }
}
timeExtractive(true) // warm-up: JIT and the term table, as in a running bot
const short = timeExtractive(false)
const all = timeExtractive(true)
const shortPerSecond = short.wall
const allPerSecond = all.wall

// A 1 MB article costs no more than its first sentences (MAX_SENTENCES_SCORED): the budget the tests no longer time.
const paragraph = 'ناقش المجلس خطة التنمية الاقتصادية للسنوات المقبلة. وأكد الأعضاء أهمية دعم الصناعة المحلية وزيادة الصادرات. '
const huge = Array.from({ length: Math.ceil(1_000_000 / paragraph.length) }, (_, i) => `${paragraph}الفقرة ${i}.`)
const hugeStarted = performance.now()
extractiveTexts({ title: 'خطة التنمية', paragraphs: huge }, { shortChars: SHORT, longChars: LONG })
const hugeMs = Math.round(performance.now() - hugeStarted)

/** A stub model that answers with the article's opening sentence, so replies pass the faithfulness guard. */
function openingOf(request: ChatRequest) {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? ''
  const body = /<<<ARTICLE\n[^\n]*\n\n([\s\S]*)\nARTICLE>>>/.exec(user)?.[1] ?? ''
  return { kind: 'reply' as const, content: fitSentence(splitSentences(body)[0] ?? 'لا نص.', 200), promptTokens: Math.ceil(user.length / 3), completionTokens: 60 }
}

const fake = await startFakeOpenAi()
fake.setDefault(openingOf)
const dir = mkdtempSync(join(tmpdir(), 'khulasa-bench-summaries-'))
const config = loadConfig({
  STORAGE_URL: `sqlite://${join(dir, 'bench.sqlite')}`, OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_CONCURRENCY: '8', OPENAI_QUEUE_MAX: '100000', SEED_MAX_MB: '512', LOG_LEVEL: 'silent',
})

async function ingestRun(): Promise<{ calls: number, seconds: number, usage: ReturnType<Awaited<ReturnType<typeof createCore>>['summaries']['usage']> }> {
  const core = await createCore(config, silentLogger, { clock: createClock() })
  const before = fake.requests.length
  const started = performance.now()
  await core.ingester.ingestFile(corpus)
  await core.summaries.idle()
  const seconds = (performance.now() - started) / 1000
  const usage = core.summaries.usage()
  await core.close()
  return { calls: fake.requests.length - before, seconds, usage }
}

const first = await ingestRun()
// Same store, same corpus: the catalogue sees nothing new.
const again = await ingestRun()
// Catalogue emptied, summaries kept: every article is "new", so only the content-hash cache stands between it and the LLM.
const raw = await createStore(config.STORAGE_URL)
await raw.ns('articles').clear()
await raw.close()
const forgotten = await ingestRun()
await fake.close()
rmSync(dir, { recursive: true, force: true })

process.stdout.write(`${table([
  { measure: 'extractive short (280 chars, ≤ 2 sentences)', value: `${shortPerSecond} articles/s (${short.cpu} per CPU-second)`, target: '≥ 1000/s' },
  { measure: 'extractive short + long + digest line (what ingest stores)', value: `${allPerSecond} articles/s (${all.cpu} per CPU-second)`, target: '' },
  { measure: 'extractive summaries of one 1 MB article', value: `${hugeMs} ms`, target: '< 1000 ms' },
  { measure: 'LLM calls, first ingest', value: `${first.calls} for ${articles.length} articles (${first.seconds.toFixed(1)} s)`, target: '' },
  { measure: 'LLM calls, same corpus ingested again', value: String(again.calls), target: '0' },
  { measure: 'LLM calls, again after emptying the article catalogue', value: String(forgotten.calls), target: '0' },
  { measure: 'LLM replies accepted / rejected / failed', value: `${first.usage.accepted} / ${first.usage.rejected} / ${first.usage.failed}`, target: '' },
])}\n`)
process.stdout.write('One core, one process; the stub answers with the opening sentence. Records that repeat a story merge into one article.\n')
process.stdout.write(`${JSON.stringify({ articles: articles.length, extractivePerSecond: shortPerSecond, extractivePerCpuSecond: short.cpu, extractiveShortLongDigestPerSecond: allPerSecond, extractiveShortLongDigestPerCpuSecond: all.cpu, oneMegabyteArticleMs: hugeMs, llmCallsFirstIngest: first.calls, llmCallsReingest: again.calls, llmCallsReingestEmptyCatalogue: forgotten.calls, llmUsage: first.usage })}\n`)
