// npm run bench:ingest — parse + normalise + summarise + store throughput, each case in a fresh process and store.
import { spawnSync } from 'node:child_process'
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createGunzip } from 'node:zlib'
import { requireShared, table } from './lib/shared-data.js'

const corpus = requireShared('corpora/aawsat-2015.jsonl.gz', 'bench:ingest')
const work = mkdtempSync(join(tmpdir(), 'khulasa-bench-ingest-'))

/** The same articles as one seed-format page file, to measure the page parser on real text. */
async function writeSeedFormat(): Promise<{ file: string, records: number }> {
  const parts: string[] = []
  let records = 0
  for await (const line of createInterface({ input: createReadStream(corpus).pipe(createGunzip()) })) {
    const r = JSON.parse(line) as { title: string, text: string }
    const caption = `${r.title.slice(0, 60)} (أ.ف.ب)`
    const body = r.text.split(/\n+/).map((p) => p.trim()).filter(Boolean)
    parts.push([r.title, '', caption, caption, 'TT', '', r.title, '', caption, caption, '', ...body.flatMap((p) => [p, ''])].join('\n'))
    records++
  }
  const file = join(work, 'aawsat-2015-seed-format.txt')
  writeFileSync(file, parts.join('\n'))
  return { file, records }
}

const runner = fileURLToPath(new URL('./lib/ingest-once.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))

function runCase(name: string, file: string, records: number, storeName = name) {
  const store = `sqlite://${join(work, `${storeName.replace(/\W+/g, '-')}.sqlite`)}`
  const out = spawnSync(tsx, [runner, file, store], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } })
  if (out.status !== 0) throw new Error(`${name} failed: ${out.stderr}`)
  const m = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { seconds: number, mb: number, stored: number, peakRssMb: number }
  return { case: name, records, stored: m.stored, seconds: m.seconds, articlesPerSecond: Math.round(records / m.seconds), mbPerSecond: +(m.mb / m.seconds).toFixed(2), peakRssMb: m.peakRssMb }
}

const seed = await writeSeedFormat()
const jsonl = runCase('aawsat-2015.jsonl.gz', corpus, seed.records)
const page = runCase('seed-format page', seed.file, seed.records)
const again = runCase('jsonl again, same store', corpus, seed.records, 'aawsat-2015.jsonl.gz')

process.stdout.write(`${table([jsonl, page, again].map((r) => ({ ...r, seconds: r.seconds.toFixed(2) })))}\n`)
process.stdout.write('MB/s counts the UTF-8 text read (uncompressed); "stored" is distinct articles after merging repeated stories.\n')
process.stdout.write(`${JSON.stringify({ articles: jsonl.records, seconds: jsonl.seconds, articlesPerSecond: jsonl.articlesPerSecond, mbPerSecond: jsonl.mbPerSecond, peakRssMb: jsonl.peakRssMb, seedFormat: { seconds: page.seconds, articlesPerSecond: page.articlesPerSecond, mbPerSecond: page.mbPerSecond, peakRssMb: page.peakRssMb } })}\n`)
