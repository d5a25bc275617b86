import { parseArgs } from 'node:util'
import { CATEGORIES, isCategory } from '../src/search/categories.js'
import { createTopicClassifier, loadTopicModel, type TopicModel } from '../src/search/topic-model.js'
import { adaptPriors } from './search-kit/adapt-priors.js'
import { featureRows, packModel, trainLogistic, type LabelledText } from '../src/search/topic-train.js'
import { blend, trainComplementNb } from '../src/search/topic-train-nb.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'
import { confusion, round3, scoreLabels } from './search-kit/metrics.js'

const { values } = parseArgs({ options: { test: { type: 'string' } } })

const NEWS = new Set(['middleEast', 'internationalNews'])
const merge = (c: string) => (NEWS.has(c) ? 'news' : c)

function labelled(records: Record<string, unknown>[]): (LabelledText & { source: string })[] {
  return records.flatMap((r) => (isCategory(r.category) && typeof r.title === 'string' && typeof r.text === 'string'
    ? [{ title: r.title, text: r.text, category: r.category, source: String(r.source ?? '') }]
    : []))
}

/** Plain, and with priors re-estimated by EM on the test outlet's own unlabelled texts (no labels used). */
function evaluate(model: TopicModel, docs: LabelledText[]) {
  const classifier = createTopicClassifier(model)
  const gold = docs.map((d) => d.category as string)
  const probabilities = docs.map((d) => classifier.probabilities(d.title, d.text))
  const argmax = (p: number[]) => model.classes[p.indexOf(Math.max(...p))]! as string
  const predicted = probabilities.map(argmax)
  const priors = adaptPriors(probabilities)
  const adapted = probabilities.map((p) => argmax(p.map((x, c) => x * priors[c]!)))
  return {
    gold, predicted, adapted,
    six: scoreLabels(gold, predicted), five: scoreLabels(gold.map(merge), predicted.map(merge)),
    sixAdapted: scoreLabels(gold, adapted), fiveAdapted: scoreLabels(gold.map(merge), adapted.map(merge)),
  }
}

if (values.test) {
  const docs = labelled(await readRecords(values.test))
  const { six, five } = evaluate(loadTopicModel(), docs)
  console.log(table(['file', 'docs', 'accuracy', 'macro-F1', 'accuracy (5)', 'macro-F1 (5)'],
    [[values.test, docs.length, round3(six.accuracy), round3(six.macroF1), round3(five.accuracy), round3(five.macroF1)]]))
  console.log(JSON.stringify({ test: { accuracy: round3(six.accuracy), macroF1: round3(six.macroF1), merged: { accuracy: round3(five.accuracy), macroF1: round3(five.macroF1) } } }))
}
else {
  requireCorpora('ant-2018.jsonl.gz')
  const docs = labelled(await readRecords(corpusPath('ant-2018.jsonl.gz')))
  const outlets = [...new Set(docs.map((d) => d.source))].sort()
  const loso: Record<string, object> = {}
  const rows: (string | number)[][] = []
  const variantRows: (string | number)[][] = []
  for (const outlet of outlets) {
    const started = performance.now()
    // The same features and fits as trainTopicModel, kept apart so each part is scored side by side.
    const features = featureRows(docs.filter((d) => d.source !== outlet))
    const logistic = trainLogistic(features)
    const nb = trainComplementNb(features)
    const model = packModel(features, blend(features, logistic, nb, 1))
    const test = docs.filter((d) => d.source === outlet)
    for (const [name, weights] of [['regression', logistic], ['complement NB', nb], ['regression + 2 × CNB', blend(features, logistic, nb, 2)]] as const) {
      const r = evaluate(packModel(features, weights), test)
      variantRows.push([outlet, name, round3(r.six.accuracy), round3(r.six.macroF1), round3(r.five.macroF1)])
    }
    const { gold, predicted, six, five, sixAdapted, fiveAdapted } = evaluate(model, test)
    const classesPresent = CATEGORIES.filter((c) => gold.includes(c)).length
    variantRows.push([outlet, 'regression + CNB (committed)', round3(six.accuracy), round3(six.macroF1), round3(five.macroF1)])
    rows.push([outlet, test.length, classesPresent, round3(six.accuracy), round3(six.macroF1), round3(six.macroF1Union), round3(five.accuracy), round3(five.macroF1),
      round3(sixAdapted.macroF1), round3(fiveAdapted.macroF1), Math.round((performance.now() - started) / 1000)])
    loso[outlet] = {
      accuracy: round3(six.accuracy), macroF1: round3(six.macroF1), macroF1Union: round3(six.macroF1Union),
      merged: { accuracy: round3(five.accuracy), macroF1: round3(five.macroF1) },
      priorAdapted: { accuracy: round3(sixAdapted.accuracy), macroF1: round3(sixAdapted.macroF1), merged: { accuracy: round3(fiveAdapted.accuracy), macroF1: round3(fiveAdapted.macroF1) } },
    }
    console.error(`\nconfusion, held-out ${outlet} (rows gold, columns predicted; ${CATEGORIES.join(', ')}):`)
    console.error(table(['gold \\ predicted', ...CATEGORIES], confusion(gold, predicted, CATEGORIES).map((r, i) => [CATEGORIES[i]!, ...r])))
  }
  console.log('Variants, leave-one-source-out (same features; CNB rescaled to the regression\'s spread before adding):')
  console.log(table(['held-out outlet', 'model', 'accuracy', 'macro-F1', 'macro-F1 (5, news merged)'], variantRows))
  console.log('Leave-one-source-out (macro-F1 over the classes the outlet has; "∪" also averages predicted-only classes at 0; EM = priors re-estimated on the outlet\'s unlabelled texts):')
  console.log(table(['held-out outlet', 'docs', 'classes', 'accuracy', 'macro-F1', 'macro-F1 ∪', 'accuracy (5)', 'macro-F1 (5, news merged)', 'macro-F1 EM', 'macro-F1 (5) EM', 'train+test s'], rows))
  console.log(JSON.stringify({ loso }))
}
