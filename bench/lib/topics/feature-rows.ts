import type { Category } from '../../../src/search/categories.js'

/** One document as sparse, normalised tf-idf features and its class index. */
export interface Sparse { idx: Int32Array, val: Float32Array, label: number }

/** The training set as both learners (logistic regression, complement NB) read it. */
export interface FeatureRows {
  classes: Category[]
  vocab: string[]
  idf: number[]
  rows: Sparse[]
  classWeight: number[]
}
