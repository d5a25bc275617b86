import { splitSection } from './sections.js'

export interface RelatedItem {
  title: string
  section?: string
  caption?: string
  lede?: string
  author?: string
  city?: string
}

interface Line { text: string, no: number }

const BYLINE = /^(.{1,80}?)\s*\(([^()]{1,40})\)$/
const CAPTION_END = /\([^()]+\)$/

/**
 * Reads the «مقالات ذات صلة» block. Each item: section + caption, title, lede, byline «author (city)».
 * The page also prints the first item's title once before its section line.
 */
export function parseRelatedBlock(lines: Line[], problem: (line: number, why: string) => void): RelatedItem[] {
  const items: RelatedItem[] = []
  let i = 0
  while (i < lines.length) {
    const head = lines[i]!
    const known = splitSection(head.text)
    const unknownSection = !known && items.length > 0 && CAPTION_END.test(head.text) && lines[i + 1] && !BYLINE.test(lines[i + 1]!.text)
    if (!known && !unknownSection) {
      // The repeated first title, or debris: only the former is expected.
      if (!(items.length === 0 && lines[i + 2]?.text === head.text)) problem(head.no, `unexpected line in the related block skipped: «${head.text.slice(0, 60)}»`)
      i++
      continue
    }
    const title = lines[i + 1]?.text
    if (!title) {
      problem(head.no, 'related item without a title (page cut off?) skipped')
      break
    }
    const item: RelatedItem = { title, section: known?.section, caption: known ? known.rest : head.text }
    i += 2
    const lede = lines[i]
    if (lede && !BYLINE.test(lede.text) && !splitSection(lede.text)) {
      item.lede = lede.text
      i++
    }
    const byline = lines[i] ? BYLINE.exec(lines[i]!.text) : null
    if (byline && lines[i]!.text.length <= 100) {
      item.author = byline[1]!.replace(/[«»]/g, '').trim()
      item.city = byline[2]!.trim()
      i++
    }
    items.push(item)
  }
  return items
}
