import { readFileSync } from 'node:fs'
import { isCategory, type Category } from './categories.js'
import { topicTerms } from './topic-features.js'

/** The committed classifier: per term its idf and one weight per class (softmax regression over tf-idf). */
export interface TopicModel {
  version: 1
  classes: Category[]
  bias: number[]
  /** term → [idf, w(class 0), w(class 1), …] */
  terms: Record<string, number[]>
  trainedOn: string
}

export const TOPIC_MODEL_PATH = new URL('./topic-model.json', import.meta.url)

export function loadTopicModel(path: URL | string = TOPIC_MODEL_PATH): TopicModel {
  const model = JSON.parse(readFileSync(path, 'utf8')) as TopicModel
  if (model.version !== 1 || !model.classes.every(isCategory)) throw new Error(`not a topic model: ${String(path)}`)
  return model
}

export interface TopicPrediction { category: Category, confidence: number }

export type TopicClassifier = ReturnType<typeof createTopicClassifier>

export function createTopicClassifier(model: TopicModel) {
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
    classify(title: string, text: string): TopicPrediction {
      const p = probabilities(title, text)
      let best = 0
      for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c
      return { category: model.classes[best]!, confidence: p[best]! }
    },
  }
}
