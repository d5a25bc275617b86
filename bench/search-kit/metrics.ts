/**
 * Accuracy; macro-F1 over the classes the test set has (a held-out outlet without «culture» is not scored on it,
 * though its stories predicted as culture still cost recall); macroF1Union also averages in predicted-only classes at 0.
 */
export function scoreLabels(gold: string[], predicted: string[]): { accuracy: number, macroF1: number, macroF1Union: number, perClass: Record<string, number> } {
  const labels = [...new Set([...gold, ...predicted])].sort()
  const goldLabels = new Set(gold)
  let correct = 0
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++
  const perClass: Record<string, number> = {}
  for (const label of labels) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++
      else if (predicted[i] === label) fp++
      else if (gold[i] === label) fn++
    }
    perClass[label] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1)
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: mean(labels.filter((l) => goldLabels.has(l)).map((l) => perClass[l]!)),
    macroF1Union: mean(Object.values(perClass)),
    perClass,
  }
}

export function confusion(gold: string[], predicted: string[], labels: readonly string[]): number[][] {
  const m = labels.map(() => labels.map(() => 0))
  for (let i = 0; i < gold.length; i++) {
    const g = labels.indexOf(gold[i]!)
    const p = labels.indexOf(predicted[i]!)
    if (g >= 0 && p >= 0) m[g]![p]!++
  }
  return m
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000
