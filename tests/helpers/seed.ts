import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The user's seed page, as committed in seeds/. */
export const SEED_PATH = fileURLToPath(new URL('../../seeds/000_fa8fa1f621836132.txt', import.meta.url))

export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8')
}

/** A seed-format page written from parts, for fixtures of any size. */
export interface RelatedFixture { section: string, caption: string, title: string, lede: string, byline: string }

export function pageText(article: { title: string, caption?: string, body: string[], related?: RelatedFixture[] }): string {
  const caption = article.caption ?? 'صورة من الحدث (رويترز)'
  const lines = [article.title, '', caption, caption, 'TT', '', article.title, '', caption, caption, '', ...article.body.flatMap((p) => [p, ''])]
  if (article.related?.length) {
    lines.push('', 'مقالات ذات صلة', '', article.related[0]!.title, '')
    for (const item of article.related) lines.push(`${item.section} ${item.caption}`, '', item.title, '', item.lede, '', item.byline)
    lines.push('')
  }
  return lines.join('\n')
}
