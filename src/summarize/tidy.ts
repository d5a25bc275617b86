import { cannotEnd } from './sentences.js'

// Page debris that must never reach a summary, whatever the source: scraped pages, corpora, feeds, an LLM's reply.
// Ingest cleans text too (src/articles/clean-text.ts); this is the summarizer's own guarantee, and the
// `leftovers` measure of eval:summaries checks the same things on what we output.

const BIDI = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g
/** «5.‏7 درجة» is 7.5 shown through a right-to-left mark: the digits were stored in display order. */
const MARKED_DECIMAL = /(\d+)([.٫])[\u200E\u200F\u061C]+(\d+)/g
/** «...المزيد», «المزيد...» or a line that is only the link; «طالب بالمزيد» is a sentence and stays. */
const MORE_TRAILER = /(?:^|\s*(?:\.{2,}|…))\s*(?:[اإ]قرأ المزيد|للمزيد|المزيد)\s*(?:\.{2,}|…)?\s*$/u
/** «جميع المقالات المنشورة تمثل رأي كتابها فقط»: the site's disclaimer, glued to the end of a story (ANT). */
const DISCLAIMER = /\s*(?:جميع )?المقالات المنشورة (?:تمثل|تعبر عن) (?:رأي|آراء) (?:كتّابها|كتابها|أصحابها)(?: فقط)?\s*\.?/gu
/** A list bullet, or the dash that opens an interview answer («- علاقاتنا مع…»): the full text keeps the dash, a summary does not. */
const BULLET = /^\s*(?:[*•▪●◦►·]+\s*|[-–—]\s+)/u
/** «* خدمة «نيويورك تايمز»», «* بالاتفاق مع «بلومبيرغ»», «* نقلا عن "السفير"»: a syndication credit, not a sentence of the story. */
const CREDIT = /^\s*(?:[*•]?\s*(?:خدمة|بالاتفاق مع)|[*•]+\s*نقلاً? عن)\s*:?\s*[«{"]/u
const ARABIC = '\\u0600-\\u06FF'
const LATIN_COMMA = new RegExp(`([${ARABIC}»)])\\s*,\\s*(?=[«(${ARABIC}])`, 'gu')
const ENTITIES: Record<string, string> = { nbsp: ' ', quot: '"', amp: '&', lt: '<', gt: '>', laquo: '«', raquo: '»', hellip: '…' }
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/g

/** Any trace of what the rules below remove; most paragraphs have none and only need trimming. */
const SUSPECT = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF\uFB50-\uFDFF\uFE70-\uFEFE{}*•▪●◦►·#[&<,\t\r\f\v]|_|\u0640\u0640|المزيد|قرأ|خدمة|بالاتفاق|المقالات المنشورة| {2}| [،؛!؟?.]|^\s*(?:\.{2}|…|[-–—]\s)|[.!?؟]\s+\.|\.[،؛]/u

/** One paragraph without debris; '' when the whole line is debris (a «المزيد» link, a credit line). */
export function tidyParagraph(line: string): string {
  if (!SUSPECT.test(line)) return line.trim()
  if (CREDIT.test(line)) return ''
  let text = line
  if (text.includes('&') || text.includes('<')) {
    text = text.replace(/<\/?[a-z][^>]{0,200}>/gi, ' ').replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name.toLowerCase()] ?? whole)
  }
  // Each rule only where its character occurs: this runs on every paragraph of every article at ingest.
  if (/[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/.test(text)) text = text.replace(MARKED_DECIMAL, '$3$2$1').replace(BIDI, '').replace(/\uFEFF/g, '')
  if (/[\uFB50-\uFDFF\uFE70-\uFEFE]/.test(text)) text = text.replace(PRESENTATION_FORMS, (forms) => forms.normalize('NFKC'))
  if (text.includes('{') || text.includes('}')) text = text.replace(/\{/g, '«').replace(/\}/g, '»')
  if (text.includes('المزيد') || text.includes('قرأ')) text = text.replace(MORE_TRAILER, '')
  if (text.includes('المقالات المنشورة')) text = text.replace(DISCLAIMER, ' ')
  // «قوات الجيش_اليمني», «رؤية_2030»: a hashtag link's words joined by «_» (al-Arabiya), shown as the words.
  // «الآســــــيوي»: kashida stretching a word for looks; a single ـ («لـ») is kept.
  if (text.includes('\u0640\u0640')) text = text.replace(/(?<=[\u0621-\u064A])\u0640{2,}(?=[\u0621-\u064A])/gu, '')
  if (text.includes('_')) text = text.replace(/(?<=[\u0600-\u06FF])_+|_+(?=[\u0600-\u06FF])/gu, ' ')
  if (text.includes(',')) text = text.replace(LATIN_COMMA, '$1، ')
  text = text
    .replace(BULLET, '')
    // «وقررت #تركيا»: a hashtag link's mark, not part of the sentence.
    .replace(/(^|\s)#(?=[\u0600-\u06FF])/gu, '$1')
    // «غزة.. []»: an empty link left by the scraper.
    .replace(/\s*\[\s*\]/g, '')
    // A bullet in the middle of a paragraph: «…فعلاً لا قولاً. * الكابتن طاهر راشد: …».
    .replace(/\s[*•▪●]+\s/gu, ' ')
    // «... ولكن التعب» opens an excerpt; «الأصوات. .» doubles a stop.
    .replace(/^\s*(?:\.{2,}|…)\s*/u, '')
    .replace(/([.!?؟])(?:\s+\.(?!\.))+/gu, '$1')
    // «مع غزة.، وفق ما أفادت»: a stop typed before a comma.
    .replace(/(?<!\.)\.(?=[،,؛])/gu, '')
    // «عام 2006 ، ما» : no space before a comma or stop («(...)» and « ...» keep theirs).
    .replace(/ +([،؛,!؟?]|\.(?!\.))/gu, '$1')
    .replace(/ {2,}|[\t\n\r\f\v]/g, ' ')
    .trim()
  return text
}

/** An article's paragraphs without debris, empty ones dropped, hard-wrapped lines joined again. */
export function tidyParagraphs(paragraphs: string[]): string[] {
  const out: string[] = []
  const items = new Set<number>()
  for (const p of paragraphs) {
    for (const line of p.split('\n')) {
      const tidy = tidyParagraph(line)
      if (!tidy) continue
      if (LIST_ITEM.test(line)) items.add(out.length)
      out.push(tidy)
    }
  }
  return unwrap(out, items)
}

/** «* متجر…», «1. تطبيق…», «2) …»: a line of a list. It has no stop because it is not prose, not because it was wrapped. */
const LIST_ITEM = /^\s*(?:[*•▪●◦►·]+|\d{1,2}\s?[.)-]|[-–—])\s/u

function endsParagraph(line: string): boolean {
  let i = line.length - 1
  while (i >= 0 && '"»”)]'.includes(line[i]!)) i--
  return '.!?؟:'.includes(line[i] ?? ' ')
}

/**
 * Text wrapped at a fixed width (EASC, e-mail, some feeds) breaks sentences across lines; each line would be
 * read as a fragment. When most lines end without a stop, lines are joined until one does.
 */
function unwrap(lines: string[], items: Set<number>): string[] {
  const prose = lines.filter((_, i) => !items.has(i))
  if (prose.length < 4 || prose.filter((l) => !endsParagraph(l)).length < prose.length / 2) return joinBrokenLines(lines, items)
  const out: string[] = []
  let current = ''
  for (const [i, line] of lines.entries()) {
    // A list's lines stay lines: «Messenger» and «2. لعبة…» joined would read as one sentence ending «Messenger 2.».
    if (items.has(i)) {
      if (current) out.push(current)
      out.push(line)
      current = ''
      continue
    }
    current = current ? `${current} ${line}` : line
    if (endsParagraph(line)) {
      out.push(current)
      current = ''
    }
  }
  if (current) out.push(current)
  return out
}

/**
 * A line broken inside a sentence joins its rest again: inside an open quotation («…نجم يصل أجره⏎إلى ملايين…»),
 * after a comma or a word a statement cannot end on, or before a fragment that only ends it («على ممتلكات⏎الغير.»).
 */
function joinBrokenLines(lines: string[], items: Set<number>): string[] {
  const out: string[] = []
  for (const [i, line] of lines.entries()) {
    const last = out[out.length - 1]
    if (last !== undefined && !items.has(i) && !items.has(i - 1) && !endsParagraph(last) && brokenBefore(last, line)) out[out.length - 1] = `${last} ${line}`
    else out.push(line)
  }
  return out
}

function brokenBefore(last: string, line: string): boolean {
  if (last.lastIndexOf('«') > last.lastIndexOf('»') || /[،,]$/u.test(last)) return true
  if (cannotEnd(last.slice(last.lastIndexOf(' ') + 1))) return true
  return last.length >= 60 && line.length < 25 && endsParagraph(line) && !/^[\d٠-٩]/u.test(line)
}

const LEFTOVERS: [kind: string, pattern: RegExp][] = [
  ['more', /(?:\.{2,}|…)\s*المزيد|(?:^|\s)المزيد\s*(?:\.{2,}|…)\s*$|^\s*المزيد\s*$/u],
  ['bullet', /(?:^|\s)[*•▪●]\s/u],
  ['braces', /[{}]|\[\s*\]/],
  ['doubleSpace', / {2}|^\s|\s$|\n/],
  ['latinComma', new RegExp(`[${ARABIC}]\\s*,\\s*[${ARABIC}]`, 'u')],
  ['directionMark', /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/],
  ['underscore', /[\u0600-\u06FF]_|_[\u0600-\u06FF]/u],
  ['disclaimer', /المقالات المنشورة (?:تمثل|تعبر عن) (?:رأي|آراء)/u],
  ['html', /&(?:#\d+|[a-z]+);|<\/?[a-z][^>]*>/i],
]

/** The kinds of debris a shown text still carries: none for a clean one. */
export function leftoverKinds(text: string): string[] {
  return LEFTOVERS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind)
}
