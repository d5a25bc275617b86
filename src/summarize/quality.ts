import { normalizeArabic } from '../articles/normalize.js'
import { CLAUSE_OPENER_WORDS, cutsAfterColon, splitSentences } from './sentences.js'
import { leftoverKinds, tidyParagraph } from './tidy.js'

// What a reader notices first in a summary: it stops mid-sentence, trails off, opens with a word that points
// at a sentence the reader never saw, or carries page debris. The extractive and LLM paths avoid these;
// eval:summaries and the summarize CLI's checks measure them with the same functions.

const CLOSER_CHARS = ' \t\n\u00A0»”")]'
const ELLIPSIS = /…|\.{3,}/

/** Ends on . ! ? or ؟ (closing quotes after it allowed), not on an ellipsis or a run of dots. */
export function endsWhole(sentence: string): boolean {
  // A scan from the end, not an end-anchored regex: this runs on every sentence of every article.
  let i = sentence.length - 1
  while (i >= 0 && CLOSER_CHARS.includes(sentence[i]!)) i--
  const last = sentence[i]
  if (last === '!' || last === '?' || last === '؟') return true
  return last === '.' && sentence[i - 1] !== '.' && sentence[i - 1] !== '…'
}

/** The last character that is not a space or a closing quote or bracket. */
export function lastMark(sentence: string): string | undefined {
  let i = sentence.length - 1
  while (i >= 0 && CLOSER_CHARS.includes(sentence[i]!)) i--
  return sentence[i]
}

export function hasEllipsis(text: string): boolean {
  return ELLIPSIS.test(text)
}

// Written normalised (alef forms as ا, ة as ه, ى as ي), matched on the normalised opening of the sentence.
const NEEDS_BEFORE = [
  // Continuers: they add to what someone said before. Without «و» only when what follows is speech: «أضاف
  // التلفزيون برنامجا» is a verb with its object, «أضاف المتحدث أن…» continues.
  '[وف](?:اضاف|اضافت|يضيف|تضيف|تابع|تابعت|استطرد|استطردت|اردف|اردفت|استدرك|استدركت)',
  '(?:اضاف|اضافت|يضيف|تضيف|تابع|تابعت|استطرد|استطردت|اردف|اردفت|استدرك|استدركت)(?=(?:\\s+[^\\s:]+){0,3}(?:\\s+(?:ان|انه|انها|انهم|بان|قائلا|قائله)(?=\\s)|\\s*:))',
  // Participles hanging off a previous clause: «مبينا انه…».
  '(?:مبينا|مشيرا|موضحا|مضيفا|لافتا|مؤكدا|معتبرا|منوها|قائلا|محذرا|مشددا|مبينه|مشيره|موضحه|مضيفه)',
  // Discourse connectives and back-references.
  '[وف]?(?:كما|ايضا|كذلك|لكن|لكنه|لكنها|لكنهم|بيد|غير ان|الا ان|الي ذلك|علي ذلك|بذلك|لذلك|لذا|عليه|ثم|بدوره|بدورها|بدورهم|مع ذلك|رغم ذلك|حينها|عندها|انذاك|وقتها|بالمقابل|في المقابل|من جهته|من جهتها|من جانبه|من جانبها|في السياق|في سياق|هو|هي|هم|هما)',
  // «وهذا», «هذا يعني» or «في هذا السياق» point back; «هذا الفيديو», «هذه أول نظرة» show what they name.
  '[وف](?:هذا|هذه|ذلك|تلك|هؤلاء)(?!\\s+ال)',
  '(?:هذا|هذه|ذلك|تلك) (?:ما|يعني|يدل|يشير|يؤكد|ياتي|جاء|الامر|كله|يحدث|هو|هي|هم|صحيح|دفع\\S*|جعل\\S*|تفسير\\S*)',
  // «ويمكن استخدام كل تلك الطرق…»: «تلك» + a noun early on names something said before.
  '(?:[^\\s،,.]+\\s+){0,3}تلك(?=\\s+ال)',
  // A reply to a question the reader did not see: «الجواب لا، …», «نعم، …».
  '[وف]?(?:الجواب|الاجابه|جوابي|جوابه|الرد)(?=\\s*[،,:]|\\s+(?:لا|نعم|كلا|بسيط|بسيطه|ببساطه|واضح|واضحه)(?=$|[\\s،,.]))',
  '(?:لا|نعم|كلا|بلي|طبعا|بالطبع|بالتاكيد|ابدا)(?=\\s*[،,.!])',
  '[وف]?(?:في|الي|علي|مع|بعد|قبل|من|عن|وسط) (?:هذا|هذه|ذلك|تلك)(?: (?:السياق|الاطار|الصدد|الشان|الوقت|الاثناء|الخصوص|الحين|اليوم|المجال))?(?!\\s+ال)',
  // «وقد يجعل هذا…», «وقد قام بذلك…»: «قد» with «هذا» for its subject or «بذلك» for its object.
  '[وف]قد \\S+ (?:هذا|ذلك|هذه|تلك)(?!\\s+ال)',
  '[وف]قد(?:\\s+[^\\s.]+){1,5}\\s+(?:بذلك|بهذا|بهذه)(?=$|[\\s،,.])',
  // Background in the pluperfect, and «وجاء هذا…», which both lean on an earlier sentence.
  'و(?:كان|كانت|كانوا)',
  '[وف]?(?:جاء|جاءت|ياتي|تاتي) (?:هذا|هذه|ذلك|تلك)',
  // A reporting verb with no subject of its own: «وقال إن…», «وأوضحت أن…».
  '[وف](?:قال|قالت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|لفت|لفتت|بين|بينت|شدد|شددت|نوه|نوهت|اعتبر|اعتبرت|راي|رات|ذكر|ذكرت|افاد|افادت|صرح|صرحت|اعرب|اعربت|اعلن|اعلنت|طالب|طالبت|دعا|دعت|حذر|حذرت|قالوا|اكدوا|اوضحوا|اشاروا)(?: (?:ان|انه|انها|انهم|الي|بان|في|عن)(?=\\s)|(?=\\s*[:«"“]))',
]
const DANGLING = new RegExp(`^(?:${NEEDS_BEFORE.join('|')})(?=$|[\\s،,:«.])`, 'u')

/** Opens with a word that needs a sentence before it (وأضاف، وكان، مبينا، كما، «وجاء هذا القصف»…). */
export function startsDangling(sentence: string): boolean {
  const head = normalizeArabic(sentence.slice(0, 60)).replace(/^[\s«"“(]+/u, '')
  return DANGLING.test(head) || startsWithFa(head, sentence)
}

/**
 * «فـ» joined to a connective or to «الـ» («فالجمال فن…», «فهو…», «فإن…») carries on from a sentence before.
 * Words that merely begin with ف (فلسطين، فرنسا، فريق، في، فيما، فقط، فوق) do not: only the forms listed here,
 * and ف + ال + a word of two letters or more, save the names that begin so (فالنسيا، فالكاو).
 */
const FA_CONNECTIVES = new Set(['فهو', 'فهي', 'فهن', 'فانه', 'فانها', 'فانهم', 'فقد', 'فلقد', 'فلن', 'فلا', 'فما', 'فمن',
  'فكان', 'فكانت', 'فاذا', 'فلو', 'فلولا', 'فهذا', 'فهذه', 'فذلك', 'فتلك', 'فهناك', 'فكل', 'فبعد', 'فمنذ', 'فحتي', 'فليس', 'فاما', 'فعندما', 'فحين',
  'فبينما', 'فمثلا', 'فمع', 'ففي', 'فعن', 'فقبل', 'فخلال', 'فرغم', 'فبسبب', 'فعند', 'فبحسب', 'فكما', 'فلكن', 'فنحن', 'فانا', 'فانت', 'فلذلك', 'فلماذا', 'فكيف', 'فهل', 'فاين', 'فعلي', 'فالي', 'فثمه', 'فربما'])
const FA_NAMES = new Set(['فالنسيا', 'فالكاو', 'فالكون', 'فالفيردي', 'فالتر', 'فالديز', 'فاليتا', 'فالنتاين', 'فالنتينو', 'فالنتين', 'فاليري', 'فالس', 'فالوذج'])

function startsWithFa(head: string, written: string): boolean {
  if (head[0] !== 'ف') return false
  const word = /^\p{L}+/u.exec(head)?.[0] ?? ''
  if (FA_CONNECTIVES.has(word)) return true
  // «فإن» is written with its hamza; «فان» alone is also «van» (فان غال).
  if (/^فإن(?:ه|ها|هم)?(?=$|[\s،,])/u.test(written.replace(/^[\s«"“(]+/u, ''))) return true
  return word.startsWith('فال') && word.length >= 5 && !FA_NAMES.has(word)
}

// After one of these the words before stand as a statement: a clause mark, a relative pronoun, a subordinator.
const CLAUSE_FOLLOWERS = [...CLAUSE_OPENER_WORDS, 'خلال', 'بعد', 'قبل', 'منذ']
const FOLLOWS_BOUNDARY = new RegExp(`^(?:\\s*$|[^\\S\\n]*\\n|\\s*[.!?؟؛;،,:»”")\\]…-]|\\s+(?:${CLAUSE_FOLLOWERS.join('|')}|[وف]\\S+)(?=\\s|$))`, 'u')

export interface Flaws { cutMidSentence: boolean, ellipsis: boolean, leftovers: string[], danglingStart: boolean }

/**
 * The flaws of a shown summary. With the source, a sentence that ends with a stop but was cut inside a
 * sentence of the article (no clause boundary after it there) also counts as cut.
 */
export function summaryFlaws(summary: string, source?: string): Flaws {
  const text = summary.trim()
  const sentences = splitSentences(text)
  let cut = text === '' || !endsWhole(text) || unbalanced(text)
  if (!cut && source !== undefined) {
    const flat = source.split('\n').map(tidyParagraph).join('\n')
    for (const s of sentences) {
      const body = s.replace(/[.!?؟]+$/u, '').trimEnd()
      const at = flat.indexOf(body)
      if (at < 0) continue
      const after = flat.slice(at + body.length, at + body.length + 20)
      if (!FOLLOWS_BOUNDARY.test(after)) cut = true
      // Shortened after a colon: a fragment of the list or quotation it announced.
      else if (!/^(?:\s*$|[^\S\n]*\n|\s*[.!?؟])/u.test(after) && cutsAfterColon(body)) cut = true
    }
  }
  return {
    cutMidSentence: cut,
    ellipsis: hasEllipsis(text),
    leftovers: leftoverKinds(summary),
    danglingStart: sentences.length > 0 && startsDangling(sentences[0]!),
  }
}

/** «…» or (…) left open: the summary was cut inside a quotation. (“ ” and " are too often mismatched at the source.) */
function unbalanced(text: string): boolean {
  const count = (ch: string) => text.split(ch).length - 1
  return count('«') !== count('»') || count('(') !== count(')')
}
