/**
 * Keeps a Map used as a cache (newest use last) at most `max` entries: past that, the oldest go in one walk, down to nine tenths of `max`.
 * Not `map.delete(map.keys().next().value)` per insert: a Map keeps deleted entries as holes until it rehashes, and
 * every such call walks the holes at its front again (about 19 µs at 50,000 entries).
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number): void {
  if (map.size <= max) return
  // Never the newest: the entry just put in stays.
  let excess = Math.min(map.size - max + Math.floor(max / 10), map.size - 1)
  for (const key of map.keys()) {
    if (excess-- <= 0) break
    map.delete(key)
  }
}
