import { parseArgs } from 'node:util'
import { CATEGORIES, isCategory, type Category, type StoryCategory } from '../src/search/categories.js'
import { calibrateThresholds, SHOW_ALL, type ScoredStory } from './lib/topics/calibrate.js'
import { keptStories } from './lib/topics/kept-stories.js'
import { shownLabels, type FiledStory } from './lib/topics/shown-labels.js'
import { createTopicClassifier, loadTopicModel, type TopicModel } from '../src/search/topic-model.js'
import { adaptPriors } from './search-kit/adapt-priors.js'
import { featureRows, packModel, trainLogistic, trainTopicModel, type LabelledText } from './lib/topics/train.js'
import { blend, trainComplementNb } from './lib/topics/train-nb.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'
import { confusion, round3, scoreLabels } from './search-kit/metrics.js'

const { values } = parseArgs({ options: { test: { type: 'string' } } })

const NEWS = new Set(['middleEast', 'internationalNews'])
const merge = (c: string) => (NEWS.has(c) ? 'news' : c)

type Doc = LabelledText & { source: string, filed: readonly StoryCategory[] }

/** Records the evaluation reads: those with a known category, a title and a text. */
const isLabelled = (r: Record<string, unknown>) => isCategory(r.category) && typeof r.title === 'string' && typeof r.text === 'string'

/**
 * Labelled stories, each with every category its own outlet filed the same headline under (`filed`): France 24 files
 * one story in its catch-all internationalNews feed and again under sport (212 headlines), culture (71), economy
 * (46) or middleEast (730), so each copy's single label calls the other copy's label wrong.
 */
function labelled(records: Record<string, unknown>[]): Doc[] {
  const docs = records.filter(isLabelled).map((r) => ({ title: r.title as string, text: r.text as string, category: r.category as Category, source: String(r.source ?? '') }))
  const filings = new Map<string, Set<Category>>()
  const key = (d: { source: string, title: string }) => `${d.source}\u0000${d.title.trim()}`
  for (const d of docs) filings.set(key(d), (filings.get(key(d)) ?? new Set<Category>()).add(d.category))
  return docs.map((d) => ({ ...d, filed: [...filings.get(key(d))!] }))
}

/**
 * The outlet's stories as the bot keeps them: copies merged by the catalogue's own rule (keptStories), each story
 * scored once on the text the bot classifies, and right on any category the outlet filed one of its copies under.
 */
async function keptScores(model: TopicModel, records: Record<string, unknown>[], source: string) {
  const classifier = createTopicClassifier(model)
  const kept = await keptStories(records, source)
  const scored: FiledStory[] = kept.map((story) => {
    const filed = [...new Set(story.records.map((i) => records[i]!.category as Category))]
    return { p: classifier.probabilities(story.title, story.text), gold: filed[0]!, filed }
  })
  return { stories: kept.length, copies: kept.reduce((n, s) => n + s.records.length, 0), shown: shownLabels(scored, model.thresholds) }
}

/** Plain argmax, with priors re-estimated by EM on the test outlet's own unlabelled texts (no labels used), and thresholded. */
function evaluate(model: TopicModel, docs: Doc[]) {
  const classifier = createTopicClassifier(model)
  const gold = docs.map((d) => d.category as string)
  const probabilities = docs.map((d) => classifier.probabilities(d.title, d.text))
  const argmax = (p: number[]) => model.classes[p.indexOf(Math.max(...p))]! as string
  const predicted = probabilities.map(argmax)
  const priors = adaptPriors(probabilities)
  const adapted = probabilities.map((p) => argmax(p.map((x, c) => x * priors[c]!)))
  const scored = probabilities.map((p, i) => ({ p, gold: docs[i]!.category, filed: docs[i]!.filed }))
  return {
    gold, predicted, adapted, scored,
    six: scoreLabels(gold, predicted), five: scoreLabels(gold.map(merge), predicted.map(merge)),
    sixAdapted: scoreLabels(gold, adapted), fiveAdapted: scoreLabels(gold.map(merge), adapted.map(merge)),
    shown: shownLabels(scored, model.thresholds), everything: shownLabels(scored, SHOW_ALL),
  }
}

const fmtThreshold = (t: number | null | undefined) => (t === null || t === undefined ? 'never' : t >= 0.9995 ? t.toFixed(6) : t.toFixed(3))

if (values.test) {
  const records = (await readRecords(values.test)).filter(isLabelled)
  const docs = labelled(records)
  const model = loadTopicModel()
  const { six, five, shown } = evaluate(model, docs)
  const kept = await keptScores(model, records, values.test)
  console.log(table(['file', 'docs', 'accuracy', 'macro-F1', 'accuracy (5)', 'macro-F1 (5)', 'precision', 'coverage', 'stories kept', 'precision, kept', 'coverage, kept'],
    [[values.test, docs.length, round3(six.accuracy), round3(six.macroF1), round3(five.accuracy), round3(five.macroF1), round3(shown.precision), round3(shown.coverage),
      kept.stories, round3(kept.shown.precisionAsFiled), round3(kept.shown.coverage)]]))
  const merged = { accuracy: round3(five.accuracy), macroF1: round3(five.macroF1) }
  const labels = { precision: round3(shown.precision), coverage: round3(shown.coverage), precisionAsFiled: round3(shown.precisionAsFiled) }
  const asKept = { stories: kept.stories, precision: round3(kept.shown.precisionAsFiled), coverage: round3(kept.shown.coverage) }
  console.log(JSON.stringify({ test: { accuracy: round3(six.accuracy), macroF1: round3(six.macroF1), merged, ...labels, kept: asKept } }))
}
else {
  requireCorpora('ant-2018.jsonl.gz')
  const records = (await readRecords(corpusPath('ant-2018.jsonl.gz'))).filter(isLabelled)
  const docs = labelled(records)
  const outlets = [...new Set(docs.map((d) => d.source))].sort()
  // Thresholds for a held-out outlet are calibrated on the other outlets only, each scored by a model trained without
  // it and without the held-out one. A model trained without {A, B} scores A's stories for B's calibration and B's for
  // A's, so six fits serve all four outlets.
  const pairScores = new Map<string, ScoredStory[]>()
  for (const a of outlets) {
    for (const b of outlets) {
      if (a >= b) continue
      const classifier = createTopicClassifier(trainTopicModel(docs.filter((d) => d.source !== a && d.source !== b)))
      for (const [held, other] of [[a, b], [b, a]] as const) {
        pairScores.set(`${held}|${other}`, docs.filter((d) => d.source === held).map((d) => ({ p: classifier.probabilities(d.title, d.text), gold: d.category })))
      }
    }
  }
  const loso: Record<string, object> = {}
  const rows: (string | number)[][] = []
  const shownRows: (string | number)[][] = []
  const labelRows: (string | number)[][] = []
  const variantRows: (string | number)[][] = []
  const keptRows: (string | number)[][] = []
  for (const outlet of outlets) {
    const started = performance.now()
    const thresholds = calibrateThresholds(outlets.filter((o) => o !== outlet).flatMap((o) => pairScores.get(`${o}|${outlet}`)!), CATEGORIES)
    // The same features and fits as trainTopicModel, kept apart so each part is scored side by side.
    const features = featureRows(docs.filter((d) => d.source !== outlet))
    const logistic = trainLogistic(features)
    const nb = trainComplementNb(features)
    const model = packModel(features, blend(features, logistic, nb, 1), { thresholds })
    const test = docs.filter((d) => d.source === outlet)
    for (const [name, weights] of [['regression', logistic], ['complement NB', nb], ['regression + 2 × CNB', blend(features, logistic, nb, 2)]] as const) {
      const r = evaluate(packModel(features, weights), test)
      variantRows.push([outlet, name, round3(r.six.accuracy), round3(r.six.macroF1), round3(r.five.macroF1)])
    }
    const { gold, predicted, six, five, sixAdapted, fiveAdapted, shown, everything } = evaluate(model, test)
    const classesPresent = CATEGORIES.filter((c) => gold.includes(c)).length
    variantRows.push([outlet, 'regression + CNB (committed)', round3(six.accuracy), round3(six.macroF1), round3(five.macroF1)])
    rows.push([outlet, test.length, classesPresent, round3(six.accuracy), round3(six.macroF1), round3(six.macroF1Union), round3(five.accuracy), round3(five.macroF1),
      round3(sixAdapted.macroF1), round3(fiveAdapted.macroF1), Math.round((performance.now() - started) / 1000)])
    const pass = shown.precision >= 0.9 && shown.coverage >= 0.7
    shownRows.push([outlet, test.length, round3(six.accuracy), round3(six.macroF1), round3(shown.precision), round3(shown.coverage), round3(everything.precision), pass ? 'yes' : 'no', round3(shown.precisionAsFiled)])
    const kept = await keptScores(model, records.filter((r) => String(r.source ?? '') === outlet), outlet)
    const keptPass = kept.shown.precisionAsFiled >= 0.9 && kept.shown.coverage >= 0.7
    keptRows.push([outlet, kept.copies, kept.stories, kept.copies - kept.stories, round3(kept.shown.precision), round3(kept.shown.precisionAsFiled), round3(kept.shown.coverage), keptPass ? 'yes' : 'no'])
    for (const label of [...CATEGORIES, 'news'] as const) {
      const l = shown.perLabel.get(label)
      labelRows.push([outlet, label, fmtThreshold(thresholds[label]), l?.shown ?? 0, l ? round3(l.right / l.shown) : '-'])
    }
    loso[outlet] = {
      accuracy: round3(six.accuracy), macroF1: round3(six.macroF1), macroF1Union: round3(six.macroF1Union),
      precision: round3(shown.precision), coverage: round3(shown.coverage), precisionAllShown: round3(everything.precision),
      // Not the target's measure: a label also counts as right when the outlet filed the same headline under it too.
      precisionAsFiled: round3(shown.precisionAsFiled),
      kept: { copies: kept.copies, stories: kept.stories, precision: round3(kept.shown.precisionAsFiled), coverage: round3(kept.shown.coverage), precisionFirstCopy: round3(kept.shown.precision) },
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
  console.log('Labels shown per held-out outlet, thresholds calibrated on the other three outlets only (a «news» label is right on middleEast or internationalNews):')
  console.log(table(['label', 'held-out outlet', 'threshold', 'shown', 'precision'], labelRows.map(([o, l, ...r]) => [l!, o!, ...r])))
  console.log('Shown labels, leave-one-source-out (target: precision ≥ 0.90 at coverage ≥ 0.70; accuracy and macro-F1 are of the plain argmax; "as filed", NOT the target\'s measure: a label is also right when the outlet filed the same headline under it in another feed):')
  console.log(table(['held-out outlet', 'docs', 'accuracy', 'macro-F1', 'precision', 'coverage', 'precision, all shown', 'target met', 'precision as filed'], shownRows))
  console.log('Stories as the bot keeps them, leave-one-source-out, same models and thresholds: the outlet\'s copies merged by the catalogue\'s rule (same normalised headline, and the same link or half the same opening words), each story labelled once; "first copy": right only on the label of the copy the catalogue keeps; "any filed": right on any label the outlet filed a copy under:')
  console.log(table(['held-out outlet', 'copies', 'stories kept', 'copies merged', 'precision, first copy', 'precision, any filed', 'coverage', 'target met (any filed)'], keptRows))
  console.log(JSON.stringify({ loso }))
}
