import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isCategory } from '../src/search/categories.js'
import { TOPIC_MODEL_PATH } from '../src/search/topic-model.js'
import { trainCalibratedTopicModel } from './lib/topics/train.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'

requireCorpora('ant-2018.jsonl.gz')
const started = performance.now()
const records = await readRecords(corpusPath('ant-2018.jsonl.gz'))
const docs = records.flatMap((r) => (isCategory(r.category) && typeof r.title === 'string' && typeof r.text === 'string'
  ? [{ title: r.title, text: r.text, category: r.category, source: String(r.source ?? '') }]
  : []))
// Five fits: one per held-out outlet to calibrate the thresholds, then the committed one on every outlet.
const model = trainCalibratedTopicModel(docs, { trainedOn: `ant-2018.jsonl.gz (${docs.length} articles)` })
const json = `${JSON.stringify(model)}\n`
writeFileSync(TOPIC_MODEL_PATH, json)
const seconds = Math.round((performance.now() - started) / 100) / 10
console.log(table(['label', 'shown from probability'], Object.entries(model.thresholds).map(([label, t]) => [label, t === null || t === undefined ? 'never (too few right out-of-outlet)' : t])))
console.log(table(['file', 'articles', 'terms', 'KB', 'seconds'], [[fileURLToPath(TOPIC_MODEL_PATH), docs.length, Object.keys(model.terms).length, Math.round(json.length / 1024), seconds]]))
console.log(JSON.stringify({ model: fileURLToPath(TOPIC_MODEL_PATH), articles: docs.length, terms: Object.keys(model.terms).length, bytes: json.length, thresholds: model.thresholds, seconds }))
