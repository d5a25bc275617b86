import { create, insertMultiple, search as oramaSearch } from '@orama/orama'
import { Index } from 'flexsearch'
import MiniSearch from 'minisearch'

/** Each library gets the same pre-analysed text (stems joined by spaces), so only the index itself is compared. */
export interface Adapter {
  name: string
  build(docs: { id: string, text: string }[]): void | Promise<void>
  search(query: string, limit: number): string[] | Promise<string[]>
}

const split = (s: string) => s.split(' ').filter(Boolean)

export function miniSearchAdapter(): Adapter {
  let index: MiniSearch<{ id: string, text: string }>
  return {
    name: 'minisearch 7.2.0 (BM25+)',
    build(docs) {
      index = new MiniSearch({ fields: ['text'], tokenize: split, processTerm: (t) => t, searchOptions: { combineWith: 'OR' } })
      index.addAll(docs)
    },
    search: (query, limit) => index.search(query).slice(0, limit).map((r) => String(r.id)),
  }
}

export function flexSearchAdapter(): Adapter {
  let index: Index
  return {
    name: 'flexsearch 0.8.212 (Index)',
    build(docs) {
      index = new Index({ tokenize: 'strict', encode: split, resolution: 9 })
      for (let i = 0; i < docs.length; i++) index.add(i, docs[i]!.text)
      ids = docs.map((d) => d.id)
    },
    search: (query, limit) => (index.search(query, { limit, suggest: true }) as number[]).map((i) => ids[i]!),
  }
}
let ids: string[] = []

export function oramaAdapter(): Adapter {
  let db: ReturnType<typeof makeDb>
  const makeDb = () => create({
    schema: { text: 'string' } as const,
    components: { tokenizer: { language: 'arabic', normalizationCache: new Map(), tokenize: split } },
  })
  return {
    name: 'orama 3.1.18 (BM25)',
    async build(docs) {
      db = makeDb()
      await insertMultiple(db, docs.map((d) => ({ id: d.id, text: d.text })), 1000)
    },
    async search(query, limit) {
      const result = await oramaSearch(db, { term: query, limit })
      return result.hits.map((h) => h.id)
    },
  }
}
