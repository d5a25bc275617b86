import type { Route } from './feed-server.js'

export const INTERNAL_SECRET = 'INTERNAL-ONLY: db_password=hunter2'

/** An internal admin page long enough for Readability to take it as an article, were it ever fetched. */
export const internalPage: Route = (_req, res) => {
  const paragraph = `<p>${INTERNAL_SECRET} — لوحة الإدارة الداخلية لقاعدة البيانات، لا تُعرض خارج الشبكة الداخلية أبداً، وفيها كلمات المرور.</p>`
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><article><h1>Admin</h1>${paragraph.repeat(6)}</article></body></html>`)
}

/**
 * A feed from someone else's site whose items link inside our network: an address written out, a
 * public-looking name that resolves to 127.0.0.1, and a link on the site itself that redirects (302) inside.
 * Each item has a description, so it is still a story when its page is refused.
 */
const STORIES = [
  ['افتتاح محطة طاقة شمسية جديدة في الصحراء', 'افتتحت الحكومة محطة للطاقة الشمسية بقدرة ألف ميغاواط، في خطوة قال مسؤولون إنها تخفض الانبعاثات.'],
  ['ارتفاع صادرات التمور إلى أوروبا', 'سجلت صادرات التمور ارتفاعاً ملحوظاً هذا الموسم بعد فتح أسواق جديدة في ألمانيا وفرنسا وإيطاليا.'],
  ['مهرجان الشعر العربي يستقبل مئة شاعر', 'يستقبل مهرجان الشعر العربي هذا العام مئة شاعر من عشرين بلداً في أمسيات تمتد أسبوعاً كاملاً.'],
  ['فريق الجامعة يفوز بمسابقة الروبوتات', 'فاز فريق طلاب الجامعة بالمركز الأول في مسابقة دولية للروبوتات أقيمت في سيول بمشاركة ثلاثين فريقاً.'],
]

/** Every story of the feed starts its text with one of these. */
export const SSRF_LEADS = STORIES.map(([, text]) => text!.slice(0, 20))

export function ssrfFeed(links: string[]): Route {
  const items = links.map((link, i) => `<item>
    <title>${STORIES[i]![0]}</title>
    <link>${link}</link>
    <guid>ssrf-${i + 1}</guid>
    <pubDate>Sat, 28 Nov 2026 1${i}:00:00 +0000</pubDate>
    <description>${STORIES[i]![1]}</description>
  </item>`).join('\n')
  return (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
    .end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>${items}</channel></rss>`)
}
