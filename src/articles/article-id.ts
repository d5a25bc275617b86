import { createHash } from 'node:crypto'
import { headlineKey } from './normalize.js'

/** 12 hex characters: short enough for callback data, and stable across runs and machines. */
export function articleId(title: string): string {
  return createHash('sha256').update(headlineKey(title)).digest('hex').slice(0, 12)
}
