import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import type { SummaryStore } from '../summarize/summary-store.js'
import { digestLine, rankStories, type RankedStory } from './compose.js'
import type { FilterSet } from './filter-set.js'
import type { OutboundPart } from './outbound.js'
import type { DigestRenderer } from './render.js'
import { localDate } from './schedule.js'

export type TickComposer = ReturnType<typeof createTickComposer>

/**
 * One tick's shared work: stories ranked once per distinct filter set, a pick once per
 * (filters, history), each distinct (stories, language, date) formatted once, summaries read once.
 * Thrown away after the tick, so nothing here can go stale.
 */
export function createTickComposer({ articles, summaries, render }: { articles: ArticleStore, summaries: SummaryStore, render: DigestRenderer }) {
  const ranked = new Map<string, RankedStory[]>()
  const rendered = new Map<string, OutboundPart[]>()
  const lines = new Map<string, string | undefined>()
  const picks = new Map<string, Article[]>()
  const dates = new Map<string, string>()
  return {
    localDate(at: string, zone: string): string {
      const key = `${zone}|${at}`
      let date = dates.get(key)
      if (!date) dates.set(key, date = localDate(new Date(at), zone))
      return date
    },
    picked(key: string, make: () => Article[]): Article[] {
      let list = picks.get(key)
      if (!list) picks.set(key, list = make())
      return list
    },
    ranked(filter: FilterSet): RankedStory[] {
      let list = ranked.get(filter.key)
      if (!list) ranked.set(filter.key, list = rankStories([...articles.all()].filter((a) => a.kind === 'full' && filter.matches(a))))
      return list
    },
    /** `when` (the send time and the reader's zone) adds each story's date; without it stories go undated. */
    async render(stories: Article[], languageCode: string, date: string, when?: { now: Date, timeZone: string }): Promise<OutboundPart[]> {
      const key = `${languageCode}|${date}|${when ? `${when.now.toISOString()}|${when.timeZone}` : ''}|${stories.map((s) => s.id).join(',')}`
      const cached = rendered.get(key)
      if (cached) return cached
      const missing = stories.filter((s) => !lines.has(s.id))
      const found = await summaries.getMany(missing)
      missing.forEach((s, i) => lines.set(s.id, digestLine(found[i])))
      const parts = render({ stories, lines: stories.map((s) => lines.get(s.id)), languageCode, date, ...(when ? { when } : {}) })
      rendered.set(key, parts)
      return parts
    },
    groups: () => ranked.size,
  }
}
