import { readFileSync } from 'node:fs'
import { isCategory, isStoryCategory, NEWS, NEWS_CLASSES, type Category, type StoryCategory } from './categories.js'
import { topicTerms } from './topic-features.js'

/** The committed classifier: per term its idf and one weight per class (softmax regression over tf-idf). */
export interface TopicModel {
  version: 2
  classes: Category[]
  bias: number[]
  /** term → [idf, w(class 0), w(class 1), …] */
  terms: Record<string, number[]>
  /**
   * Least probability at which each label is shown, calibrated on outlets the model was not trained on
   * (src/search/topic-calibrate.ts); null: the classifier never shows that label, a story gets the broader one or none.
   */
  thresholds: Thresholds
  trainedOn: string
}

export type Thresholds = Partial<Record<StoryCategory, number | null>>

export const TOPIC_MODEL_PATH = new URL('./topic-model.json', import.meta.url)

export function loadTopicModel(path: URL | string = TOPIC_MODEL_PATH): TopicModel {
  const model = JSON.parse(readFileSync(path, 'utf8')) as TopicModel
  const valid = model.version === 2 && Array.isArray(model.classes) && model.classes.every(isCategory)
    && typeof model.thresholds === 'object' && model.thresholds !== null && Object.keys(model.thresholds).every(isStoryCategory)
  if (!valid) throw new Error(`not a topic model: ${String(path)}`)
  return model
}

/** The label a story would get and its probability; `category` only when that probability clears the label's threshold. */
export interface TopicPrediction { category?: StoryCategory, candidate: StoryCategory, confidence: number }

/**
 * Pure decision over class probabilities. Political news is first judged as one class (middleEast + internationalNews);
 * when it wins, the surer side is shown if it clears its own threshold, else «news» if the pair clears «news»'.
 */
export function decideTopic(p: readonly number[], classes: readonly Category[], thresholds: Thresholds): TopicPrediction {
  const shown = (label: StoryCategory, probability: number) => {
    const t = thresholds[label]
    return t !== null && t !== undefined && probability >= t
  }
  let best = -1
  let news = 0
  let side = -1
  for (let c = 0; c < classes.length; c++) {
    if (NEWS_CLASSES.includes(classes[c]!)) {
      news += p[c]!
      if (side < 0 || p[c]! > p[side]!) side = c
    }
    else if (best < 0 || p[c]! > p[best]!) best = c
  }
  if (side >= 0 && (best < 0 || news > p[best]!)) {
    const leaf = classes[side]!
    if (shown(leaf, p[side]!)) return { category: leaf, candidate: leaf, confidence: p[side]! }
    return shown(NEWS, news) ? { category: NEWS, candidate: NEWS, confidence: news } : { candidate: NEWS, confidence: news }
  }
  const label = classes[best]!
  return shown(label, p[best]!) ? { category: label, candidate: label, confidence: p[best]! } : { candidate: label, confidence: p[best]! }
}

export interface TopicClassifier {
  readonly classes: readonly Category[]
  /** Class probabilities (softmax), in `classes` order. */
  probabilities(title: string, text: string): number[]
  /** The story's category when the model is sure enough; `category` is undefined otherwise. */
  classify(title: string, text: string): TopicPrediction
}

export function createTopicClassifier(model: Pick<TopicModel, 'classes' | 'bias' | 'terms' | 'thresholds'>): TopicClassifier {
  const terms = new Map(Object.entries(model.terms))
  const k = model.classes.length
  /** Class probabilities (softmax), in model.classes order. */
  function probabilities(title: string, text: string): number[] {
    const scores = [...model.bias]
    const features: [number[], number][] = []
    let norm = 0
    for (const [term, count] of topicTerms(title, text)) {
      const row = terms.get(term)
      if (!row) continue
      const value = (1 + Math.log(count)) * row[0]!
      features.push([row, value])
      norm += value * value
    }
    norm = Math.sqrt(norm) || 1
    for (const [row, value] of features) for (let c = 0; c < k; c++) scores[c]! += row[c + 1]! * value / norm
    const max = Math.max(...scores)
    const exp = scores.map((s) => Math.exp(s - max))
    const sum = exp.reduce((a, b) => a + b, 0)
    return exp.map((e) => e / sum)
  }

  return {
    classes: model.classes,
    probabilities,
    /** The story's category when the model is sure enough; `category` is undefined otherwise. */
    classify(title: string, text: string): TopicPrediction {
      return decideTopic(probabilities(title, text), model.classes, model.thresholds)
    },
  }
}
