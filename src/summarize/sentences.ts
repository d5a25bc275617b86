const OPENERS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '(': ')' }
// ؛ and the ellipsis join clauses in Arabic news prose, so they do not end a sentence (see splitLong for their use).
const TERMINATORS = new Set(['.', '!', '?', '؟'])
/** A quotation longer than this is speech, not a phrase: its own sentences may be split. */
const MAX_QUOTE_CHARS = 400
const SPECIAL = /[«»“”"().!?؟]/g

/**
 * Splits Arabic news text into sentences. Unlike Intl.Segmenter it never cuts inside «…», “…”, "…" or (…),
 * and it keeps 3.5, أ.ف.ب and "..." whole. An unclosed or very long quotation does not swallow the paragraph.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\n+/)) {
    for (const sentence of splitParagraph(paragraph, true)) out.push(sentence)
  }
  return out
}

function splitParagraph(paragraph: string, honourQuotes: boolean): string[] {
  const out: string[] = []
  let start = 0
  const stack: { close: string, at: number }[] = []
  for (let i = 0; i < paragraph.length; i++) {
    // Jump to the next quote, bracket or stop: most characters cannot change anything.
    SPECIAL.lastIndex = i
    const found = SPECIAL.exec(paragraph)
    if (!found) break
    i = found.index
    const ch = found[0]
    const top = stack[stack.length - 1]
    if (top !== undefined && ch === top.close) {
      stack.pop()
      continue
    }
    // «…(من ثروة… إلخ»: a bracket left open inside a quotation closes with it, so the quotation stays whole.
    const open = ch === '"' ? -1 : openerOf(stack, ch)
    if (open >= 0) {
      stack.length = open
      continue
    }
    if (honourQuotes && OPENERS[ch] && !(ch === '"' && top?.close === '"')) {
      stack.push({ close: OPENERS[ch]!, at: i })
      continue
    }
    if (!TERMINATORS.has(ch)) continue
    if (stack.length > 0 && i - stack[0]!.at < MAX_QUOTE_CHARS) continue
    let end = i + 1
    while (end < paragraph.length && TERMINATORS.has(paragraph[end]!)) end++
    if (ch === '.' && !endsSentence(paragraph, i, end)) {
      i = end - 1
      continue
    }
    // A closing quote or bracket right after the stop belongs to this sentence.
    while (end < paragraph.length && /[»”")\]]/.test(paragraph[end]!)) {
      if (stack[stack.length - 1]?.close === paragraph[end]) stack.pop()
      end++
    }
    pushTrimmed(out, paragraph.slice(start, end))
    start = end
    i = end - 1
  }
  const rest = paragraph.slice(start)
  // An unclosed quote (a typo, or a quote running over several paragraphs) must not glue sentences together.
  if (stack.length > 0 && honourQuotes) out.push(...splitParagraph(rest, false))
  else pushTrimmed(out, rest)
  return out
}

/** Where in the stack the bracket or quotation that `close` closes was opened; -1 when none is open. */
function openerOf(stack: { close: string }[], close: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.close === close) return i
  return -1
}

function endsSentence(text: string, dot: number, after: number): boolean {
  const prev = text[dot - 1] ?? ''
  const next = text[after] ?? ''
  if (after - dot >= 3) return next === '' // "..." trails off mid-sentence unless it closes the paragraph
  if (/\d/.test(prev) && /\d/.test(next)) return false
  let from = dot
  while (from > 0 && !/\s/.test(text[from - 1]!)) from--
  const word = text.slice(from, dot)
  // أ.ف.ب, U.S., 3.5: a dot with a letter or digit right after it is inside a token, unless it sits between
  // Arabic words with its space missing («…إلى نوح.و تعني», «الخشب .فالعود»): a typed text's stop.
  if (next !== '' && !/[\s»”")\]]/.test(next)) return ARABIC_LETTER.test(next) && !nextToken(text, after).includes('.') && (word === '' || LONG_ARABIC_WORD.test(word))
  // Dotted abbreviations (أ.ف.ب.) and Latin initials (J. Smith); a lone Arabic letter such as م (AD) ends sentences.
  if (word.includes('.') && /^[\p{L}](\.[\p{L}])+$/u.test(word)) return false
  if (/^[A-Z]$/.test(word)) return false
  // «جورج دبليو. بوش», «قال كيه. شانموجام»: a Latin initial spelled in Arabic, before the name it abbreviates. It
  // ends the sentence after an acronym's letters («دي سي.») or before «و…»/«ف…» («سفيان إيه. وقال»).
  if (LETTER_NAMES.has(word) && !LETTER_NAMES.has(previousToken(text, from)) && next !== '') {
    const following = nextToken(text, after + 1)
    return following === '' || /^[وف]/.test(following) || CANNOT_END.has(following)
  }
  return true
}

/** Latin letters as Arabic news spells them when they are initials; not those that are also words (في، إن، أو). */
const LETTER_NAMES = new Set(['إيه', 'بي', 'سي', 'دي', 'إي', 'إف', 'اف', 'جي', 'جيه', 'إتش', 'اتش', 'آي', 'كيه', 'كي', 'إل', 'إم', 'كيو', 'آر', 'أر', 'إس', 'تي', 'يو', 'دبليو', 'إكس', 'واي', 'زد'])

/** The word before `at` (where a word starts), without a trailing stop. */
function previousToken(text: string, at: number): string {
  let end = at
  while (end > 0 && /\s/.test(text[end - 1]!)) end--
  let start = end
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--
  return text.slice(start, end)
}

const ARABIC_LETTER = /[\u0621-\u064A]/u
const LONG_ARABIC_WORD = /^[\u0621-\u064A\u0640]{3,}$/u

function nextToken(text: string, at: number): string {
  let end = at
  while (end < text.length && !/\s/.test(text[end]!)) end++
  return text.slice(at, end)
}

function pushTrimmed(out: string[], sentence: string) {
  const s = sentence.trim()
  if (s) out.push(s)
}

/** A statement cannot stop after this word: a preposition, a particle, «أن», «الذي»… */
export function cannotEnd(word: string): boolean {
  return CANNOT_END.has(word)
}

// Words after which a statement cannot stop: prepositions, particles, «أن», a bare «لـ».
const CANNOT_END = new Set(['في', 'من', 'إلى', 'الى', 'على', 'عن', 'مع', 'و', 'أو', 'او', 'ثم', 'أن', 'إن', 'ان', 'أنه', 'إنه', 'انه', 'قد', 'لم', 'لن', 'لا', 'ما', 'التي', 'الذي', 'الذين', 'بين', 'حول', 'نحو', 'عبر', 'ضد', 'دون', 'لدى', 'عند', 'منذ', 'حتى', 'كل', 'بعض', 'أي', 'هذا', 'هذه', 'ذلك', 'تلك', 'بأن', 'لأن', 'كان', 'كانت', 'وهو', 'وهي', 'وذلك', 'فإن', 'فإنه', 'فإنها', 'لكن', 'لكنه', 'ولكن', 'ومن', 'وفي', 'كما', 'أما', 'إذا', 'لو', 'أيضا', 'أيضاً', 'هو', 'هي', 'بن', 'بنت', 'أبو', 'عبد', 'قال', 'وقال', 'قالت', 'وقالت', 'of', 'the', 'and', 'to', 'in', 'a'])
/** Clause openers: the words before them stand on their own (a relative clause, a subordinate or adverbial phrase). */
export const CLAUSE_OPENER_WORDS = ['الذي', 'التي', 'الذين', 'اللذين', 'اللذان', 'اللتين', 'اللتان', 'اللواتي', 'اللاتي', 'حيث', 'بعد أن', 'قبل أن', 'فيما', 'بينما', 'في حين', 'إذ', 'مما', 'ما أدى', 'وسط', 'لكن', 'إلا أن', 'غير أن', 'بهدف', 'من أجل', 'رغم', 'على الرغم', 'عقب', 'بسبب', 'وذلك', 'في إطار', 'ضمن', 'من خلال', 'وفقا', 'وفقاً', 'بحسب', 'حسبما', 'كما', 'بعدما', 'عندما', 'حين', 'مؤكدا', 'مؤكداً', 'مشيرا', 'مشيراً', 'مضيفا', 'مضيفاً', 'موضحا', 'موضحاً', 'قائلا', 'قائلاً']
const CLAUSE_OPENERS = new RegExp(`\\s(?:${CLAUSE_OPENER_WORDS.join('|')})(?=\\s)`, 'gu')
/** «و» + a word: a coordinated clause; a weaker boundary, since وزير or وسط also start with the letter. */
const CONJUNCTION = /\s(?=[وف][\p{L}]{3,})/gu
/**
 * Common words whose first letter is their root's, not «و»/«ف» the conjunction: a cut before them splits a
 * phrase («حكومة وحدة| وطنية»). Missing a real conjunction here only costs one cut; the sentence stays whole.
 */
const ROOT_INITIAL = /^(?:و(?:طن|زار|زير|قت|ضع|صل|صول|لاي|حد|كال|فد|لي|فق|اقع|سط|جود|جه|جهة|رق|ثيق|ثائق|سائل|سيل|عد|لد|قع|فا|اشنطن|ارد|اجه|زن|اضح|ظيف|ظائف|رش|صف|قف|حش|باء|راء|فير)|ف(?:رنس|ريق|رق|لسطين|ترة|يلم|كر|وز|رص|رصة|عل|عال|قط|وق|ئة|ئات|ندق|نان|نون|يروس|يسبوك|رع|روع|شل|ضل|هم|قر|قير|تح|تاة|تي|صل|صائل|رض|رد|راد|ضاء|ضائ|نزويلا|يينا|نلندا|يتنام|يفا|رنك|ائز|ائد|اعل|اعلي|حص|وضى|لك|رح|رحة))/u
/**
 * «كشف التقرير، أن الشركات…» or «الذي أكد في خطابه، أمس، أن…»: what follows (perhaps after a short aside between
 * commas) is the verb's object, so the head alone says nothing.
 */
const OBJECT_CLAUSE = /^[\s،,؛;:«"“]*(?:(?:[^\s،,.؛]+\s*){1,3}[،,]\s*)?(?:أن|إن|ان|بأن|بان|أنه|إنه|انه|أنها|إنها)\s/u
const CLAUSE_MARKS = /\s*(?:[؛;،]|(?<!\d),(?!\d))/gu

/**
 * The longest head of an over-long sentence that ends at a clause boundary and stands as a statement,
 * closed with a full stop: «…مقتل 43 مدنيا، وإصابة 173» → «…مقتل 43 مدنيا.». Undefined when there is none
 * of at least minShare of maxChars.
 */
export function shortenSentence(sentence: string, maxChars: number, minShare = 0.4): string | undefined {
  if (sentence.length <= maxChars) return sentence
  const room = sentence.slice(0, maxChars)
  const min = Math.max(20, Math.floor(maxChars * minShare))
  for (const boundaries of [[CLAUSE_MARKS, CLAUSE_OPENERS], [CONJUNCTION]]) {
    const cuts = boundaries.flatMap((re) => [...room.matchAll(re)].map((m) => m.index))
      .filter((at) => boundaries[0] !== CONJUNCTION || !ROOT_INITIAL.test(room.slice(at + 1)))
    for (const cut of cuts.sort((a, b) => b - a)) {
      const head = room.slice(0, cut).trimEnd().replace(/[\s،,:؛;.…-]+$/u, '')
      if (head.length < min) break
      const rest = sentence.slice(cut)
      if (head.length + 1 > maxChars || !standsAlone(head) || cutsAfterColon(head) || OBJECT_CLAUSE.test(rest) || dropsComplement(head, rest)) continue
      return `${head}.`
    }
  }
  return undefined
}

/** Verbs of saying and knowing, whose object is an «أن/إن» clause. */
const COMPLEMENT_VERB = /(?:^|\s)[وف]?(?:قال|قالت|قالوا|يقول|تقول|أكد|أكدت|يؤكد|تؤكد|أعلن|أعلنت|يعلن|تعلن|ذكر|ذكرت|أوضح|أوضحت|أفاد|أفادت|أشار|أشارت|أضاف|أضافت|رأى|رأت|يرى|ترى|اعتبر|اعتبرت|يعتبر|تعتبر|أدرك|يدرك|تدرك|يدركون|علم|يعلم|تعلم|يعرف|تعرف|توقع|توقعت|يتوقع|تتوقع|يعتقد|تعتقد|اعتقد|زعم|زعمت|كشف|كشفت|أبلغ|أبلغت)(?=\s)/u
const COMPLEMENT = /(?:^|\s)(?:أن|إن|ان|بأن|بان|أنه|إنه|انه|أنها|إنها|أنهم|إنهم|بأنه|بأنها|بأنهم)(?=\s)/u

/**
 * «وحينها لم يدرك الجنود| الذين كتبوها ولا السوريين أن…», «قال المسؤول| الذي رفض ذكر اسمه إن…»: the head's last
 * clause has a verb of saying or knowing whose «أن» clause only comes after the cut, so the head says nothing.
 */
function dropsComplement(head: string, rest: string): boolean {
  const clause = head.slice(Math.max(head.lastIndexOf('،'), head.lastIndexOf('؛'), head.lastIndexOf(',')) + 1)
  const verb = COMPLEMENT_VERB.exec(clause)
  if (!verb || COMPLEMENT.test(clause.slice(verb.index + verb[0].length))) return false
  // «أكد من الولايات المتحدة، حيث يقوم فريقه بجولة، بأنه…»: the clause may come after an aside; in «…، وقال المتحدث
  // إن…» it is another verb's.
  const remainder = rest.split(/[.!?؟؛]/u, 1)[0]!
  const complement = COMPLEMENT.exec(remainder)
  return complement !== null && !COMPLEMENT_VERB.test(remainder.slice(0, complement.index + 1))
}

/** «…من ناحية», «…أولاً»: the head stops where an enumeration begins. */
const OPENS_ENUMERATION = /(?:^|\s)(?:[وف]?من (?:ناحية|ناحيه|جهة|جهه|جانب)|[وف]?(?:أولا|أولاً|اولا|أولهما|أولها|بداية))$/u

/**
 * A colon outside quotes and brackets announces what follows (a list, a quotation, an explanation): a cut after
 * it leaves a fragment of that («…نحن النقاد: فمن ناحية.»).
 */
export function cutsAfterColon(head: string): boolean {
  let depth = 0
  for (const ch of head) {
    if (ch === '«' || ch === '(' || ch === '“') depth++
    else if ((ch === '»' || ch === ')' || ch === '”') && depth > 0) depth--
    else if ((ch === ':' || ch === '：') && depth === 0) return true
  }
  return false
}

function standsAlone(head: string): boolean {
  const last = head.slice(head.lastIndexOf(' ') + 1)
  if (CANNOT_END.has(last) || /ـ$/.test(last) || /^[وفبلك]$/.test(last)) return false
  if (OPENS_ENUMERATION.test(head)) return false
  // «…للمعسكر الذي يأتي»: a relative clause opened in the last words is not finished.
  if (/\s(?:الذي|التي|الذين|اللذين|اللتين|اللواتي|اللاتي)\s+\S+$/u.test(head)) return false
  const count = (ch: string) => head.split(ch).length - 1
  return count('«') === count('»') && count('(') === count(')') && count('“') === count('”') && count('"') % 2 === 0
}

/** A sentence within maxChars whole, or cut at a clause (shortenSentence), or whole up to flexChars; else undefined. */
export function fitWhole(sentence: string, maxChars: number, flexChars = Math.round(maxChars * 1.5)): string | undefined {
  if (sentence.length <= maxChars) return sentence
  return shortenSentence(sentence, maxChars) ?? (sentence.length <= flexChars ? sentence : shortenSentence(sentence, maxChars, 0.2))
}

/** fitWhole, else (a run of words with no clause in it) cut after a word that can end a statement: always a stop. */
export function fitSentence(sentence: string, maxChars: number, flexChars = Math.round(maxChars * 1.5)): string {
  const fitted = fitWhole(sentence, maxChars, flexChars) ?? (sentence.length <= Math.max(maxChars * 4, 400) ? sentence : wordCut(sentence, maxChars))
  // A line that never had a stop (a headline, a run of words) gets one, so what is shown reads as a statement.
  return /[.!?؟]["»”)\]]*$/u.test(fitted) && !/(?:…|\.{2,})["»”)\]]*$/u.test(fitted) ? fitted : `${fitted.replace(/[\s،,:؛;.…-]+$/u, '')}.`
}

/** Last resort for a run of words with no clause in it: stop after a word that can end a statement. */
function wordCut(text: string, maxChars: number): string {
  const words = text.slice(0, maxChars - 1).split(' ')
  if (words.length > 1) words.pop()
  while (words.length > 1 && !standsAlone(words.join(' '))) words.pop()
  return `${words.join(' ').replace(/[\s،,:؛;.…-]+$/u, '')}.`
}

/** Cuts at a word with an ellipsis: only for ROUGE's filled budget (bench), never for what users see. */
export function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.slice(0, maxChars - 1)
  // The cut may already end at a word boundary; otherwise back up to the last space.
  const space = /\s/.test(text[maxChars - 1] ?? '') ? cut.length : cut.lastIndexOf(' ')
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
