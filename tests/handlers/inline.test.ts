import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeArticle } from '../helpers/core.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { inlineQueryUpdate } from '../helpers/updates.js'
import { searchFixtures } from '../search/fixtures.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness({}, { seed: false })
  const many = Array.from({ length: 45 }, (_, i) => makeArticle({ title: `نشرة الطقس رقم ${i}`, paragraphs: [`توقعات الطقس ليوم رقم ${i} مع أمطار.`], publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), url: `https://example.com/${i}` }))
  await h.core.articles.upsert([...Object.values(searchFixtures()), ...many])
})
afterEach(() => h.close())

interface Answer {
  results: { id: string, title: string, input_message_content: { message_text: string, parse_mode: string } }[]
  next_offset?: string
  cache_time?: number
  button?: { text: string }
}
const ask = async (query: string, offset = '', languageCode = 'ar'): Promise<Answer> => {
  await h.bot.handleUpdate(inlineQueryUpdate({ query, offset, languageCode }))
  const call = h.api.callsTo('answerInlineQuery').at(-1)!
  expect(call.ok).toBe(true)
  return call.payload as unknown as Answer
}

describe('inlineHandler', () => {
  it('shows a story\'s new version and its new summary, then leaves it out once removed, given the catalogue changing it between identical queries', async () => {
    const story = makeArticle({ title: 'نشرة أولى عن السيول', paragraphs: ['سيول جارفة تضرب المدينة.'], publishedAt: '2026-11-29T08:30:00Z' })
    await h.core.articles.upsert([story])
    await h.core.summaries.ensure([story])
    const before = (await ask('')).results.find((r) => r.id === story.id)!
    expect(before.input_message_content.message_text).toContain('نشرة أولى عن السيول')
    // The same story continued: a new version of it, with a summary of the longer text.
    await h.core.articles.upsert([{ ...story, title: 'نشرة معدلة عن السيول', paragraphs: ['سيول جارفة تضرب المدينة وتغلق الطرق الرئيسية.'] }])
    await h.core.summaries.ensure([h.core.articles.get(story.id)!])
    const after = (await ask('')).results.find((r) => r.id === story.id)!
    expect(after.title).toBe('نشرة معدلة عن السيول')
    expect(after.input_message_content.message_text).toContain('نشرة معدلة عن السيول')
    expect(after.input_message_content.message_text).toContain('تغلق الطرق الرئيسية')
    await h.core.articles.apply('articles-removed', [story.id])
    expect((await ask('')).results.map((r) => r.id)).not.toContain(story.id)
  })

  it('answers an empty query with the latest stories, 20 a page, with next_offset and cache_time', async () => {
    const first = await ask('')
    expect(first.results).toHaveLength(20)
    expect(first.next_offset).toBe('20')
    expect(first.cache_time).toBe(60)
    expect(first.results[0]!.title).toBe('موسكو تعزز ميزانية الدفاع والحكومات الأوروبية قلقة')
    const third = await ask('', '40')
    expect(third.results).toHaveLength(55 - 40)
    expect(third.next_offset).toBe('')
    const ids = new Set([...first.results, ...(await ask('', '20')).results, ...third.results].map((r) => r.id))
    expect(ids.size).toBe(55)
  })

  it('searches text and renders title, summary and source link as HTML', async () => {
    const answer = await ask('الطقس رقم 7')
    expect(answer.results.length).toBeGreaterThan(0)
    const hit = answer.results.find((r) => r.title === 'نشرة الطقس رقم 7')!
    expect(hit.input_message_content.parse_mode).toBe('HTML')
    expect(hit.input_message_content.message_text).toMatch(/^<b>نشرة الطقس رقم 7<\/b>\n.+\n<i>.+<\/i>\n<a href="https:\/\/example\.com\/7">اقرأ الخبر<\/a>$/s)
  })

  it('filters by category, given #رياضة and #sport', async () => {
    for (const q of ['#رياضة', '#sport']) {
      const answer = await ask(q)
      expect(answer.results.map((r) => r.title).sort()).toEqual(['الهلال يفوز على النصر في مباراة كرة القدم', 'مدرب الهلال يشيد باللاعبين بعد المباراة'])
    }
  })

  it('answers with a hint button, given an unknown #topic, 256+ chars, only stopwords, emoji, and no match', async () => {
    const hints = []
    for (const q of ['#غير_موجود', 'ب'.repeat(300), 'في من', '😀', 'zzzz qqqq']) hints.push(await ask(q, '', 'en'))
    expect(hints.map((a) => a.results.length)).toEqual([0, 0, 0, 0, 0])
    expect(hints.map((a) => a.button?.text)).toEqual(['Unknown category: try #sport or #economy', 'Search too long', 'Only common words: type a specific word', 'Only common words: type a specific word', 'No results'])
  })

  it('keeps the message under Telegram limits, given a story whose only paragraph is 6000 characters', async () => {
    await h.core.articles.upsert([makeArticle({ title: 'خبر طويل جداً عن الفيضانات', paragraphs: [`الفيضانات ${'كلمة '.repeat(1200)}`] })])
    const answer = await ask('الفيضانات')
    expect(answer.results[0]!.input_message_content.message_text.length).toBeLessThan(1000)
  })

  it('starts from the top, given a tampered offset', async () => {
    const answer = await ask('', '99999999999999999999')
    expect(answer.results).toHaveLength(20)
    expect((await ask('', '-5')).results).toHaveLength(20)
  })
})
