import { storyTime, type Article } from './types.js'

interface Entry { a: Article, t: number }

/** Before `y` in the kept array (oldest first): earlier, or at the same time later in file order. */
const ascending = (x: Entry, y: Entry) => x.t - y.t || y.a.seq - x.a.seq

/**
 * The catalogue in compareNewestFirst's order, kept as stories come and go rather than sorted again after every
 * write: a sort of ~90k stories on the first /latest after each poll made /latest cost grow with the catalogue
 * (bench:catalog soak). Held oldest first, so a new story (the usual write) lands at or near the end of the array.
 */
export function createRecencyOrder() {
  let entries: Entry[] = []
  const byId = new Map<string, Entry>()

  /** The first index whose entry is not before `e`. */
  function lowerBound(e: Entry): number {
    let lo = 0
    let hi = entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ascending(entries[mid]!, e) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Where `e` sits now: its time and seq find the run of equals, its identity the one in it. */
  function indexOf(e: Entry): number {
    for (let i = lowerBound(e); i < entries.length && ascending(entries[i]!, e) === 0; i++) if (entries[i] === e) return i
    return entries.indexOf(e)
  }

  return {
    /** Replaces the whole order (start-up): one sort. */
    reset(articles: Iterable<Article>) {
      byId.clear()
      entries = Array.from(articles, (a) => ({ a, t: storyTime(a) }))
      entries.sort(ascending)
      for (const e of entries) byId.set(e.a.id, e)
    },
    /** Adds stories, or moves ones whose date or seq changed; a story that kept its place is swapped in place. */
    set(articles: Iterable<Article>) {
      for (const a of articles) {
        const next = { a, t: storyTime(a) }
        const old = byId.get(a.id)
        if (old && ascending(old, next) === 0) {
          old.a = a
          continue
        }
        if (old) entries.splice(indexOf(old), 1)
        entries.splice(lowerBound(next), 0, next)
        byId.set(a.id, next)
      }
    },
    remove(ids: Iterable<string>) {
      const gone = new Set<Entry>()
      for (const id of ids) {
        const e = byId.get(id)
        if (!e) continue
        byId.delete(id)
        gone.add(e)
      }
      if (gone.size === 0) return
      // A few: cut each out; a sweep's many: one pass.
      if (gone.size <= 8) for (const e of gone) entries.splice(indexOf(e), 1)
      else entries = entries.filter((e) => !gone.has(e))
    },
    /** Newest first. */
    * newestFirst(): Generator<Article> {
      for (let i = entries.length - 1; i >= 0; i--) yield entries[i]!.a
    },
    size: () => entries.length,
  }
}
