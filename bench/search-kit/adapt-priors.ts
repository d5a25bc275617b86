/**
 * Saerens–Latinne–Decaestecker EM: re-estimates class priors for one outlet from its unlabelled stories.
 * The model was trained class-balanced (uniform priors), so the returned weights are the outlet's priors × k.
 */
export function adaptPriors(probabilities: number[][], iterations = 30): number[] {
  const k = probabilities[0]?.length ?? 0
  let priors = Array.from({ length: k }, () => 1 / k)
  for (let it = 0; it < iterations; it++) {
    const next = new Array<number>(k).fill(0)
    for (const p of probabilities) {
      const w = p.map((x, c) => x * priors[c]! * k)
      const sum = w.reduce((a, b) => a + b, 0) || 1
      for (let c = 0; c < k; c++) next[c]! += w[c]! / sum
    }
    priors = next.map((x) => x / probabilities.length)
  }
  return priors.map((x) => x * k)
}
