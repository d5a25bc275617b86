import { CATEGORIES, type Category } from '../../../src/search/categories.js'
import { calibrateThresholds, SHOW_ALL, type CalibrationOptions, type ScoredStory } from './calibrate.js'
import { createTopicClassifier, type Thresholds, type TopicModel } from '../../../src/search/topic-model.js'
import { topicTerms } from '../../../src/search/topic-features.js'
import type { FeatureRows, Sparse } from './feature-rows.js'
import { blend, trainComplementNb } from './train-nb.js'

export interface LabelledText { title: string, text: string, category: Category, source?: string }

export interface TrainOptions {
  epochs?: number
  learningRate?: number
  l2?: number
  minDf?: number
  /** Keep only the terms with the largest weights, so the committed file stays small. */
  maxTerms?: number
  seed?: number
  /**
   * Weight of complement naive Bayes added to the regression (rescaled to the same spread); 0 is the regression alone.
   * Leave-one-source-out, 1 lifted macro-F1 on CNN, alarabia and skynews by 3–6 points (bench/eval-topics.ts).
   */
  nbMix?: number
  trainedOn?: string
  /**
   * Drops a term when one outlet holds more than this share of its documents beyond that outlet's share of the corpus:
   * bylines, bureau names and feed boilerplate name the outlet, not the topic, and do not carry over to a new outlet.
   */
  maxOutletSkew?: number
  /** Confidence thresholds to commit; every label is shown at any confidence when absent. */
  thresholds?: Thresholds
}

/** Vocabulary, idf and the L2-normalised sublinear tf-idf rows every trainer reads. */
export function featureRows(docs: LabelledText[], { minDf = 3, maxOutletSkew = 1 }: Pick<TrainOptions, 'minDf' | 'maxOutletSkew'> = {}): FeatureRows {
  const classes = [...CATEGORIES]
  const bags = docs.map((d) => topicTerms(d.title, d.text))
  const df = new Map<string, number>()
  for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const skewed = outletSkewedTerms(docs, bags, maxOutletSkew)
  const vocab = [...df].filter(([term, n]) => n >= minDf && !skewed.has(term)).map(([term]) => term)
  const index = new Map(vocab.map((term, i) => [term, i]))
  const idf = vocab.map((term) => Math.log((docs.length + 1) / (df.get(term)! + 1)) + 1)
  const rows: Sparse[] = bags.map((bag, i) => {
    const pairs: [number, number][] = []
    for (const [term, count] of bag) {
      const j = index.get(term)
      if (j !== undefined) pairs.push([j, (1 + Math.log(count)) * idf[j]!])
    }
    const norm = Math.sqrt(pairs.reduce((s, [, v]) => s + v * v, 0)) || 1
    return { idx: Int32Array.from(pairs, ([j]) => j), val: Float32Array.from(pairs, ([, v]) => v / norm), label: classes.indexOf(docs[i]!.category) }
  })
  const counts = classes.map((_, c) => rows.filter((r) => r.label === c).length)
  const classWeight = counts.map((n) => (n === 0 ? 0 : rows.length / (classes.length * n)))
  return { classes, vocab, idf, rows, classWeight }
}

/**
 * Softmax regression on sublinear tf-idf, class-balanced, trained with Adagrad, plus complement naive Bayes over the
 * same features; both are linear, so the sum is one linear model in the same file format.
 * Deterministic for a given seed, so a retrain reproduces the committed model.
 */
export function trainTopicModel(docs: LabelledText[], options: TrainOptions = {}): TopicModel {
  const { nbMix = 1 } = options
  const features = featureRows(docs, options)
  const logistic = trainLogistic(features, options)
  return packModel(features, nbMix > 0 ? blend(features, logistic, trainComplementNb(features), nbMix) : logistic, options)
}

export function trainLogistic({ classes, vocab, rows, classWeight }: FeatureRows, options: TrainOptions = {}): { w: Float64Array, bias: Float64Array } {
  const { epochs = 3, learningRate = 0.5, l2 = 1e-6, seed = 1 } = options
  const k = classes.length
  const w = new Float64Array(vocab.length * k)
  const g2 = new Float64Array(vocab.length * k).fill(1e-8)
  const bias = new Float64Array(k)
  const b2 = new Float64Array(k).fill(1e-8)
  const order = rows.map((_, i) => i)
  const random = mulberry32(seed)
  const p = new Float64Array(k)

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random)
    for (const i of order) {
      const row = rows[i]!
      if (row.label < 0) continue
      for (let c = 0; c < k; c++) {
        let s = bias[c]!
        for (let n = 0; n < row.idx.length; n++) s += w[row.idx[n]! * k + c]! * row.val[n]!
        p[c] = s
      }
      softmaxInPlace(p)
      const cw = classWeight[row.label]!
      for (let c = 0; c < k; c++) {
        const grad = cw * (p[c]! - (c === row.label ? 1 : 0))
        b2[c]! += grad * grad
        bias[c]! -= learningRate * grad / Math.sqrt(b2[c]!)
        for (let n = 0; n < row.idx.length; n++) {
          const at = row.idx[n]! * k + c
          const gw = grad * row.val[n]! + l2 * w[at]!
          g2[at]! += gw * gw
          w[at]! -= learningRate * gw / Math.sqrt(g2[at]!)
        }
      }
    }
  }

  return { w, bias }
}

/**
 * The model trained on every outlet, with thresholds calibrated out-of-outlet: each outlet is scored by a model trained
 * on the others, so the thresholds are set the way the model meets a new outlet, and never on the stories it fits.
 */
export function trainCalibratedTopicModel(docs: LabelledText[], options: TrainOptions & { calibration?: CalibrationOptions } = {}): TopicModel {
  const scored = outOfOutletScores(docs, options)
  const thresholds = calibrateThresholds(scored, CATEGORIES, options.calibration)
  return trainTopicModel(docs, { ...options, thresholds })
}

/** Every story's class probabilities from a model trained without its outlet. */
export function outOfOutletScores(docs: LabelledText[], options: TrainOptions = {}): ScoredStory[] {
  const outlets = [...new Set(docs.map((d) => d.source ?? ''))].sort()
  if (outlets.length < 2) throw new Error('out-of-outlet calibration needs stories from at least two outlets')
  return outlets.flatMap((outlet) => {
    const classifier = createTopicClassifier(trainTopicModel(docs.filter((d) => (d.source ?? '') !== outlet), { ...options, thresholds: SHOW_ALL }))
    return docs.filter((d) => (d.source ?? '') === outlet).map((d) => ({ p: classifier.probabilities(d.title, d.text), gold: d.category }))
  })
}

/** Keeps the terms with the largest weights (so the committed file stays small) and rounds them. */
export function packModel({ classes, vocab, idf }: FeatureRows, { w, bias }: { w: Float64Array, bias: Float64Array }, options: TrainOptions = {}): TopicModel {
  const { maxTerms = 12_000, trainedOn = '', thresholds = SHOW_ALL } = options
  const k = classes.length
  const strength = vocab.map((_, j) => {
    let s = 0
    for (let c = 0; c < k; c++) s += Math.abs(w[j * k + c]!)
    return s
  })
  const keep = vocab.map((_, j) => j).sort((a, b) => strength[b]! - strength[a]!).slice(0, maxTerms)
  const terms: Record<string, number[]> = {}
  for (const j of keep.sort((a, b) => a - b)) {
    terms[vocab[j]!] = [round(idf[j]!), ...classes.map((_, c) => round(w[j * k + c]!))]
  }
  return { version: 2, classes, bias: [...bias].map(round), terms, thresholds: roundThresholds(thresholds), trainedOn }
}

function outletSkewedTerms(docs: LabelledText[], bags: Map<string, number>[], maxSkew: number): Set<string> {
  const skewed = new Set<string>()
  if (maxSkew >= 1) return skewed
  const outletDocs = new Map<string, number>()
  for (const d of docs) outletDocs.set(d.source ?? '', (outletDocs.get(d.source ?? '') ?? 0) + 1)
  if (outletDocs.size < 2) return skewed
  const perTerm = new Map<string, Map<string, number>>()
  bags.forEach((bag, i) => {
    const outlet = docs[i]!.source ?? ''
    for (const term of bag.keys()) {
      let m = perTerm.get(term)
      if (!m) perTerm.set(term, m = new Map())
      m.set(outlet, (m.get(outlet) ?? 0) + 1)
    }
  })
  for (const [term, byOutlet] of perTerm) {
    // Rates per outlet, so a big outlet is not mistaken for a skew.
    const rates = [...outletDocs].map(([outlet, n]) => (byOutlet.get(outlet) ?? 0) / n)
    const total = rates.reduce((a, b) => a + b, 0)
    if (total > 0 && Math.max(...rates) / total > maxSkew) skewed.add(term)
  }
  return skewed
}

const round = (x: number) => Math.round(x * 1000) / 1000

/** Rounded down, so a story exactly at a calibrated threshold is still shown after the file's rounding. */
function roundThresholds(thresholds: Thresholds): Thresholds {
  return Object.fromEntries(Object.entries(thresholds).map(([label, t]) => [label, t === null || t === undefined ? null : Math.floor(t * 1e6) / 1e6]))
}

function softmaxInPlace(p: Float64Array) {
  let max = -Infinity
  for (const v of p) max = Math.max(max, v)
  let sum = 0
  for (let c = 0; c < p.length; c++) {
    p[c] = Math.exp(p[c]! - max)
    sum += p[c]!
  }
  for (let c = 0; c < p.length; c++) p[c]! /= sum
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}
