/**
 * Written word → stem, looked up by the word's place in a text, without making a string of a word seen before.
 * A word is known by its length and two independent 32-bit hashes of its characters (a false match needs a 64-bit
 * collision), in open-addressing tables of typed arrays, as src/summarize/terms.ts does for summaries: a Map from
 * fresh strings cost ~0.4 µs a word (hashing each new string, then cache misses), a fifth of feed ingest at 3,000
 * items a day (bench:catalog soak). Two generations: a word read in either is kept, the older is dropped when the
 * newer fills, so one-off names (a new one in every item) never push out the working vocabulary or grow memory.
 */
interface Generation { slots: Int32Array, stems: string[] }

/** `generation`: words a generation holds, under 40 % of its slots so probes stay short. */
export function createStemMemo(generation = 200_000) {
  let slots = 1
  while (slots < generation * 2.5) slots *= 2
  const MASK = slots - 1
  const fresh = (): Generation => ({ slots: new Int32Array(slots * 4), stems: [] })
  let current = fresh()
  let older: Generation | undefined

  /** Slot index of the word in `g`, or of the empty slot where it would go, as -1 - index. */
  function find(g: Generation, h1: number, h2: number, length: number): number {
    let slot = h1 & MASK
    for (;;) {
      const at = slot * 4
      const stored = g.slots[at + 2]!
      if (stored === 0) return -1 - slot
      if (stored === length + 1 && g.slots[at] === h1 && g.slots[at + 1] === h2) return slot
      slot = (slot + 1) & MASK
    }
  }

  function put(g: Generation, empty: number, h1: number, h2: number, length: number, stem: string) {
    const at = empty * 4
    g.slots[at] = h1
    g.slots[at + 1] = h2
    g.slots[at + 2] = length + 1
    g.slots[at + 3] = g.stems.length
    g.stems.push(stem)
  }

  /** Where stem() found the word missing from the current generation: add() fills it. */
  let missing = 0

  return {
    /** The stem of the word hashed (h1, h2) of `length` characters, or undefined: then add() it. */
    stem(h1: number, h2: number, length: number): string | undefined {
      const hit = find(current, h1, h2, length)
      if (hit >= 0) return current.stems[current.slots[hit * 4 + 3]!]!
      missing = -1 - hit
      if (!older) return undefined
      const old = find(older, h1, h2, length)
      if (old < 0) return undefined
      const stem = older.stems[older.slots[old * 4 + 3]!]!
      this.add(h1, h2, length, stem)
      return stem
    },
    /** Right after stem() said undefined for the same word. */
    add(h1: number, h2: number, length: number, stem: string) {
      if (current.stems.length >= generation) {
        older = current
        current = fresh()
        missing = -1 - find(current, h1, h2, length)
      }
      put(current, missing, h1, h2, length, stem)
    },
    /** Words held, both generations (for tests). */
    size: () => current.stems.length + (older?.stems.length ?? 0),
  }
}
