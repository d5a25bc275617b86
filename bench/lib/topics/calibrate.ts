import { CATEGORIES, NEWS, NEWS_CLASSES, type Category, type StoryCategory } from '../../../src/search/categories.js'
import { decideTopic, type Thresholds } from '../../../src/search/topic-model.js'

/** Share of shown labels that must be right on outlets the model has not seen. */
export const TARGET_PRECISION = 0.9
/** Fewer stories than this above a threshold say too little about its precision; the label is then not shown. */
export const MIN_SUPPORT = 30
/**
 * The MIN_SUPPORT stories just above a threshold must be right this often too. Precision over everything above a
 * threshold can stay high while the stories near it are mostly wrong: on that rule alone sport was shown from a
 * probability of 0.34 and the Ferguson protests became sport.
 */
export const MARGINAL_PRECISION = 0.75

/** Every label shown whatever the confidence: the model's plain argmax, for comparisons. */
export const SHOW_ALL: Thresholds = Object.fromEntries([...CATEGORIES, NEWS].map((c) => [c, 0]))

export interface ScoredStory { p: readonly number[], gold: Category }

/** A shown label is right when it is the gold class, or «news» over either political class. */
export function labelIsRight(label: StoryCategory, gold: Category): boolean {
  return label === gold || (label === NEWS && NEWS_CLASSES.includes(gold))
}

export interface CalibrationOptions { precision?: number, minSupport?: number, marginalPrecision?: number }

/**
 * Per label, the least probability at which the stories given that label are still right `precision` of the time.
 * The scores must come from a model that did not see these stories' outlets (out-of-outlet), or the thresholds
 * are set on the model's own training fit and come out far too low. The sides of political news are set first;
 * «news» is then set on the stories neither side claims.
 */
export function calibrateThresholds(scored: readonly ScoredStory[], classes: readonly Category[], options: CalibrationOptions = {}): Thresholds {
  const thresholds: Thresholds = {}
  const byLabel = (current: Thresholds) => {
    const groups = new Map<StoryCategory, { confidence: number, right: boolean }[]>()
    for (const { p, gold } of scored) {
      const { category, confidence } = decideTopic(p, classes, current)
      if (category === undefined) continue
      let group = groups.get(category)
      if (!group) groups.set(category, group = [])
      group.push({ confidence, right: labelIsRight(category, gold) })
    }
    return groups
  }
  const first = byLabel({ ...SHOW_ALL, [NEWS]: null })
  for (const label of classes) thresholds[label] = pickThreshold(first.get(label) ?? [], options)
  const second = byLabel({ ...thresholds, [NEWS]: 0 })
  thresholds[NEWS] = pickThreshold(second.get(NEWS) ?? [], options)
  return thresholds
}

/**
 * The lowest confidence whose stories at or above it reach the precision, with enough of them and with the last
 * `minSupport` of them reaching the marginal precision; null when none does.
 */
export function pickThreshold(items: readonly { confidence: number, right: boolean }[], options: CalibrationOptions = {}): number | null {
  const { precision = TARGET_PRECISION, minSupport = MIN_SUPPORT, marginalPrecision = MARGINAL_PRECISION } = options
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence)
  let right = 0
  let recent = 0
  let threshold: number | null = null
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.right) right++
    if (sorted[i]!.right) recent++
    if (i >= minSupport && sorted[i - minSupport]!.right) recent--
    const endOfTie = i + 1 === sorted.length || sorted[i + 1]!.confidence < sorted[i]!.confidence
    const window = Math.min(i + 1, minSupport)
    if (endOfTie && i + 1 >= minSupport && right / (i + 1) >= precision && recent / window >= marginalPrecision) threshold = sorted[i]!.confidence
  }
  return threshold
}
