import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/logger.js'
import { createLlmSummarizer } from '../../src/summarize/llm-summarizer.js'
import { summaryFlaws } from '../../src/summarize/quality.js'
import { summarizeCorpus, type CorpusLine } from '../../src/summarize/summarize-corpus.js'
import { leftoverKinds } from '../../src/summarize/tidy.js'
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'khulasa-summarize-'))

const records = [
  {
    title: 'مذبحة حوثية في عدن.. والمقاومة تزحف نحو القصر',
    text: [
      'ارتكبت الميليشيات الحوثية مجزرة في مدينة عدن، جنوب اليمن، بعدما أمطرت ضاحية دار سعد بصواريخ الكاتيوشا مما أدى إلى مقتل 43 مدنيا على الأقل وإصابة 173.',
      ' وجاء هذا القصف بينما استمرت الاشتباكات في دار سعد وصبر وفي منطقة المعاشيق بمديرية كريتر في شمال المدينة، فيما واصل عناصر المقاومة الشعبية زحفهم نحو القصر الرئاسي في حي التواهي لتحريره من سيطرة المتمردين، وذلك بعد أيام من إعلان الحكومة تحرير المدينة باستثناء جيوب للميليشيات.',
      ' ...المزيد',
    ].join('\n\n'),
    author: 'عدن: محمد علي',
    collected: '2015-07-20 10:00:00',
  },
  // Debris of every kind the paper leaves: {} quotes, a bullet, a Latin comma, double spaces, a reversed decimal.
  {
    title: '«داعش» يروج لـ{دولته}  في ليبيا',
    text: '* خدمة «نيويورك تايمز»\n* يروج تنظيم {داعش} لـ{دولته} في ليبيا, عبر  فتاوى النفط وقوته 5.\u200F7 درجة في الخطاب الإعلامي.\nوقال مسؤول ليبي إن التنظيم يسيطر على مدينة سرت منذ أشهر.',
  },
  'this line is not JSON',
  { title: 'خبر بلا نص' },
  // One sentence far over budget with clause marks only late in it.
  {
    title: 'أدنوك توسع شبكة الغاز',
    text: 'نشطت الإمارات بشكل واسع فيما يتعلق بالمحروقات بعد تحرير أسعار الوقود مع بداية شهر أغسطس الحالي لتوفير بدائل اقتصادية وبيئية في هذا الجانب، حيث كشفت شركة «أدنوك للتوزيع» عزمها إنشاء 48 محطة جديدة لتعبئة الغاز الطبيعي المضغوط للمركبات في إطار خطتها التوسعية في الفترة بين 2015 و2020 التي تشمل كذلك مشاريع للطاقة الشمسية ومحطات للشحن الكهربائي في المدن الرئيسية والطرق السريعة بين الإمارات السبع.',
  },
]
const jsonl = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')
const file = join(dir, 'corpus.jsonl')
writeFileSync(file, jsonl)
writeFileSync(join(dir, 'corpus.jsonl.gz'), gzipSync(jsonl))

async function summarise(path: string, llm?: ReturnType<typeof createLlmSummarizer>) {
  const lines: CorpusLine[] = []
  const problems: string[] = []
  const report = await summarizeCorpus({
    file: path, budgets: { shortChars: 280, longChars: 600 }, llm, seenAt: '2026-11-30T08:00:00.000Z',
    write: (line) => { lines.push(line) },
    onProblem: (line, why) => problems.push(`${line}: ${why}`),
  })
  return { lines, problems, report }
}

function expectReadable(line: CorpusLine) {
  for (const text of [line.short, line.long, line.digest]) {
    expect(summaryFlaws(text)).toEqual({ cutMidSentence: false, ellipsis: false, leftovers: [], danglingStart: false })
  }
  expect(leftoverKinds(line.title)).toEqual([])
}

describe('summarizeCorpus', () => {
  it('writes one whole-sentence line per article and names the bad lines, given a JSONL with a broken line and a record without text', async () => {
    const { lines, problems, report } = await summarise(file)
    expect(lines.map((l) => l.title)).toEqual(['مذبحة حوثية في عدن.. والمقاومة تزحف نحو القصر', '«داعش» يروج لـ«دولته» في ليبيا', 'أدنوك توسع شبكة الغاز'])
    expect(problems).toEqual(['3: not valid JSON; line skipped', '4: record has no text; line skipped'])
    expect(report).toMatchObject({ summarised: 3, skipped: 2 })
    lines.forEach(expectReadable)
    expect(Object.keys(lines[0]!)).toEqual(['id', 'title', 'short', 'long', 'digest'])
  })

  it('keeps the lead and its 43 dead first, given a more central second sentence that points back («وجاء هذا القصف»)', async () => {
    const [aden] = (await summarise(file)).lines
    expect(aden!.short).toMatch(/^ارتكبت الميليشيات الحوثية مجزرة .*مقتل 43 مدنيا/)
    expect(aden!.digest).toMatch(/^ارتكبت الميليشيات الحوثية/)
    expect(aden!.long).not.toContain('المزيد')
  })

  it('removes page debris and reads the reversed decimal right, given {} quotes, bullets, a Latin comma and a direction mark', async () => {
    const [, isis] = (await summarise(file)).lines
    expect(isis!.short).toContain('يروج تنظيم «داعش» لـ«دولته» في ليبيا، عبر فتاوى النفط وقوته 7.5 درجة')
    expect(isis!.short).not.toContain('نيويورك تايمز')
  })

  it('cuts an over-long lead at a clause and ends it with a stop, given one 400-character sentence', async () => {
    const [, , adnoc] = (await summarise(file)).lines
    expect(adnoc!.short.length).toBeLessThanOrEqual(280)
    expect(adnoc!.short).toMatch(/48 محطة جديدة لتعبئة الغاز الطبيعي المضغوط للمركبات\.$/)
    expect(adnoc!.digest.length).toBeLessThanOrEqual(330)
  })

  it('reads the same lines from a gzipped file, given the corpus as .jsonl.gz', async () => {
    expect((await summarise(join(dir, 'corpus.jsonl.gz'))).lines).toEqual((await summarise(file)).lines)
  })
})

describe('summarizeCorpus with an LLM', () => {
  let fake: FakeOpenAi
  beforeAll(async () => { fake = await startFakeOpenAi() })
  afterAll(() => fake.close())
  beforeEach(() => fake.reset())
  const llm = () => createLlmSummarizer({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'test-model', timeoutMs: 2000, maxRetries: 0, maxChars: 280, logger: silentLogger })

  it('uses a whole reply and drops its unfinished sentence, and keeps the extractive summary for a reply cut mid-sentence or a failure', async () => {
    fake.script(
      { kind: 'reply', content: 'قتل 43 مدنيا على الأقل في قصف حوثي على دار سعد في عدن. وواصلت المقاومة الشعبية زحفها نحو' },
      { kind: 'reply', content: 'يروج تنظيم داعش لدولته في ليبيا عبر فتاوى…' },
      { kind: 'status', status: 500 },
    )
    const { lines, report, problems } = await summarise(file, llm())
    expect(lines[0]!.short).toBe('قتل 43 مدنيا على الأقل في قصف حوثي على دار سعد في عدن.')
    expect(lines[0]!.digest).toBe(lines[0]!.short)
    expect(lines[1]!.short).toMatch(/^يروج تنظيم «داعش»/)
    expect(report.llm).toEqual({ accepted: 1, rejected: 1, failed: 1 })
    expect(problems).toContain('5: LLM failed (server error (500)); extractive summary kept')
    lines.forEach(expectReadable)
  })
})

// Each case starts tsx in a child process: seconds on a busy machine, not a measure of anything.
describe('npm run summarize', { timeout: 60_000 }, () => {
  it('writes JSON lines to --out and progress and bad lines to stderr, given a fixture with a broken line', async () => {
    const out = join(dir, 'out.jsonl')
    const env = { ...process.env, OPENAI_API_KEY: '', LOG_LEVEL: 'silent' }
    const { stderr } = await run(process.execPath, ['--import', 'tsx', 'src/summarize/summarize-cli.ts', file, '--out', out], { env })
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CorpusLine)
    expect(written).toHaveLength(3)
    expect(stderr).toContain(`${file}:3: not valid JSON; line skipped`)
    expect(stderr).toMatch(/3 summarised, 2 line\(s\) skipped/)
  })

  it('exits with status 2 and the usage, given no file', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'src/summarize/summarize-cli.ts'], { env: { ...process.env, OPENAI_API_KEY: '' } })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run summarize') })
  })
})
