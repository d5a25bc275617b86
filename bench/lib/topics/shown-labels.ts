import { CATEGORIES, isCategory, type StoryCategory } from '../../../src/search/categories.js'
import { decideTopic, type Thresholds } from '../../../src/search/topic-model.js'
import { labelIsRight, type ScoredStory } from './calibrate.js'

/** A scored story and every category its own outlet filed it under (`gold` among them). */
export type FiledStory = ScoredStory & { filed?: readonly StoryCategory[] }

/**
 * Precision of the labels shown (a story without one is not counted) and coverage (the share given one), per label too.
 * `precisionAsFiled` also counts a label right when the outlet filed the story under it in another feed.
 */
export function shownLabels(scored: readonly FiledStory[], thresholds: Thresholds) {
  let shown = 0
  let right = 0
  let rightAsFiled = 0
  const perLabel = new Map<StoryCategory, { shown: number, right: number }>()
  for (const { p, gold, filed } of scored) {
    const { category } = decideTopic(p, CATEGORIES, thresholds)
    if (category === undefined) continue
    const ok = labelIsRight(category, gold)
    shown++
    if (ok) right++
    if (ok || (filed ?? []).some((g) => isCategory(g) && labelIsRight(category, g))) rightAsFiled++
    const l = perLabel.get(category) ?? { shown: 0, right: 0 }
    perLabel.set(category, { shown: l.shown + 1, right: l.right + (ok ? 1 : 0) })
  }
  return { precision: shown ? right / shown : 0, precisionAsFiled: shown ? rightAsFiled / shown : 0, coverage: scored.length ? shown / scored.length : 0, perLabel }
}
