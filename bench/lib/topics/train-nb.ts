import type { FeatureRows } from './feature-rows.js'

export interface LinearWeights { w: Float64Array, bias: Float64Array }

/**
 * Complement naive Bayes over the same normalised tf-idf rows (Rennie et al. 2003, "TWCNB"): each class is scored by
 * how unlike the OTHER classes a story is, which is steadier than plain NB when one outlet's classes are skewed.
 * Weights are negated and normalised per class, so the result is a linear model like the regression's.
 */
export function trainComplementNb({ classes, vocab, rows, classWeight }: FeatureRows, alpha = 0.3): LinearWeights {
  const k = classes.length
  const v = vocab.length
  const perClass = new Float64Array(v * k)
  for (const row of rows) {
    if (row.label < 0) continue
    const cw = classWeight[row.label]!
    for (let n = 0; n < row.idx.length; n++) perClass[row.idx[n]! * k + row.label]! += cw * row.val[n]!
  }
  const all = new Float64Array(v)
  for (let j = 0; j < v; j++) for (let c = 0; c < k; c++) all[j]! += perClass[j * k + c]!
  const w = new Float64Array(v * k)
  for (let c = 0; c < k; c++) {
    let total = 0
    for (let j = 0; j < v; j++) total += all[j]! - perClass[j * k + c]!
    let sum = 0
    for (let j = 0; j < v; j++) {
      const x = Math.log((alpha + all[j]! - perClass[j * k + c]!) / (alpha * v + total))
      w[j * k + c] = x
      sum += Math.abs(x)
    }
    for (let j = 0; j < v; j++) w[j * k + c] = -w[j * k + c]! / sum
  }
  // Centring each term across classes changes no decision, but lets the largest weights mark the telling terms
  // (otherwise every weight carries one big shared offset and the file keeps the rarest terms); × v keeps the
  // weights near 1, where the committed file's three decimals do not round them away.
  for (let j = 0; j < v; j++) {
    let mean = 0
    for (let c = 0; c < k; c++) mean += w[j * k + c]! / k
    for (let c = 0; c < k; c++) w[j * k + c] = (w[j * k + c]! - mean) * v
  }
  return { w, bias: new Float64Array(k) }
}

/** Centred per-story scores' spread over the training rows, to put two linear models on one scale. */
function spread({ rows }: FeatureRows, { w, bias }: LinearWeights, k: number): number {
  let sum = 0
  let n = 0
  const s = new Float64Array(k)
  for (const row of rows) {
    for (let c = 0; c < k; c++) {
      s[c] = bias[c]!
      for (let m = 0; m < row.idx.length; m++) s[c]! += w[row.idx[m]! * k + c]! * row.val[m]!
    }
    const mean = s.reduce((a, b) => a + b, 0) / k
    for (let c = 0; c < k; c++) sum += (s[c]! - mean) ** 2
    n += k
  }
  return Math.sqrt(sum / (n || 1)) || 1
}

/** Sum of two linear models with the second rescaled to the first's spread and weighted by `mix`. */
export function blend(features: FeatureRows, a: LinearWeights, b: LinearWeights, mix: number): LinearWeights {
  const k = features.classes.length
  const scale = mix * spread(features, a, k) / spread(features, b, k)
  return { w: a.w.map((x, i) => x + scale * b.w[i]!), bias: a.bias.map((x, i) => x + scale * b.bias[i]!) }
}
