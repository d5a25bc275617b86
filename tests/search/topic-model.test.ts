import { describe, expect, it } from 'vitest'
import { CATEGORIES } from '../../src/search/categories.js'
import { createTopicClassifier, decideTopic, loadTopicModel, type Thresholds } from '../../src/search/topic-model.js'
import { featureRows, packModel, trainCalibratedTopicModel, trainLogistic, trainTopicModel, type LabelledText } from '../../bench/lib/topics/train.js'
import { blend, trainComplementNb } from '../../bench/lib/topics/train-nb.js'

const SPORT = ['الفريق يفوز بالمباراة ويتصدر الدوري', 'اللاعب يسجل هدفين في المباراة', 'المدرب يشيد بالفريق بعد الفوز في الدوري', 'هدف قاتل يمنح الفريق الفوز']
const ECONOMY = ['أسعار النفط ترتفع في الأسواق', 'البنك المركزي يرفع سعر الفائدة', 'الأسهم تتراجع في البورصة مع ارتفاع النفط', 'التضخم يرتفع والبنك يرفع الفائدة']
const docs: LabelledText[] = [...SPORT.map((title) => ({ title, text: title, category: 'sport' as const })), ...ECONOMY.map((title) => ({ title, text: title, category: 'economy' as const }))]

/** Probabilities in CATEGORIES order: middleEast, internationalNews, economy, sport, technology, culture. */
const probs = (p: Partial<Record<typeof CATEGORIES[number], number>>) => CATEGORIES.map((c) => p[c] ?? 0)
const THRESHOLDS: Thresholds = { middleEast: 0.95, internationalNews: null, economy: 0.8, sport: 0.7, technology: null, culture: 0.9, news: 0.85 }

describe('decideTopic', () => {
  it('shows the category, given a probability at or above its threshold', () => {
    expect(decideTopic(probs({ sport: 0.7, economy: 0.3 }), CATEGORIES, THRESHOLDS)).toEqual({ category: 'sport', candidate: 'sport', confidence: 0.7 })
  })

  it('shows no category, given an unconfident story', () => {
    const decision = decideTopic(probs({ economy: 0.6, culture: 0.4 }), CATEGORIES, THRESHOLDS)
    expect(decision.category).toBeUndefined()
    expect(decision).toMatchObject({ candidate: 'economy', confidence: 0.6 })
  })

  it('never shows a label whose threshold is null, however sure the model is', () => {
    expect(decideTopic(probs({ technology: 1 }), CATEGORIES, THRESHOLDS).category).toBeUndefined()
  })

  it('falls back to «news» when political news is sure but its side is not', () => {
    expect(decideTopic(probs({ middleEast: 0.5, internationalNews: 0.4, sport: 0.1 }), CATEGORIES, THRESHOLDS)).toMatchObject({ category: 'news', confidence: 0.9 })
    expect(decideTopic(probs({ internationalNews: 0.99, sport: 0.01 }), CATEGORIES, THRESHOLDS).category).toBe('news')
    expect(decideTopic(probs({ middleEast: 0.96, sport: 0.04 }), CATEGORIES, THRESHOLDS).category).toBe('middleEast')
  })

  it('judges the two political classes together against the others, given a split vote that outweighs sport', () => {
    expect(decideTopic(probs({ middleEast: 0.3, internationalNews: 0.3, sport: 0.4 }), CATEGORIES, { ...THRESHOLDS, news: 0.5 }).category).toBe('news')
  })
})

describe('trainTopicModel', () => {
  it('learns to tell two topics apart, given a handful of labelled headlines', () => {
    const classifier = createTopicClassifier(trainTopicModel(docs, { minDf: 1, epochs: 20 }))
    expect(classifier.classify('المباراة انتهت بفوز الفريق', '').category).toBe('sport')
    expect(classifier.classify('أسعار النفط والفائدة', '').category).toBe('economy')
  })
})

describe('trainCalibratedTopicModel', () => {
  const twoOutlets = docs.map((d, i) => ({ ...d, source: i % 2 ? 'a' : 'b' }))

  it('commits a threshold or «never» for every label, calibrated on the other outlet', () => {
    const model = trainCalibratedTopicModel(twoOutlets, { minDf: 1, epochs: 20, calibration: { minSupport: 2 } })
    expect(Object.keys(model.thresholds).sort()).toEqual([...CATEGORIES, 'news'].sort())
    // Two outlets of four stories each cannot back a label shown at 90 % precision with at least 30 stories.
    const strict = trainCalibratedTopicModel(twoOutlets, { minDf: 1, epochs: 20 })
    expect(Object.values(strict.thresholds).every((t) => t === null)).toBe(true)
    expect(createTopicClassifier(strict).classify('الفريق يفوز بالمباراة', '').category).toBeUndefined()
  })

  it('refuses to calibrate, given stories from a single outlet', () => {
    expect(() => trainCalibratedTopicModel(docs, { minDf: 1 })).toThrow(/two outlets/)
  })
})

describe('trainComplementNb', () => {
  it('tells two topics apart on its own, with weights large enough to survive the file\'s rounding', () => {
    const features = featureRows(docs, { minDf: 1 })
    const classifier = createTopicClassifier(packModel(features, trainComplementNb(features)))
    // The argmax: complement NB alone gives the two untrained political classes equal scores, which add up as «news».
    const argmax = (title: string) => {
      const p = classifier.probabilities(title, '')
      return classifier.classes[p.indexOf(Math.max(...p))]
    }
    expect(argmax('المباراة انتهت بفوز الفريق')).toBe('sport')
    expect(argmax('أسعار النفط والفائدة')).toBe('economy')
  })

  it('leaves the regression\'s decisions when blended at weight 0 and keeps them on obvious headlines at weight 1', () => {
    const features = featureRows(docs, { minDf: 1 })
    const logistic = trainLogistic(features, { epochs: 20 })
    const nb = trainComplementNb(features)
    expect([...blend(features, logistic, nb, 0).w]).toEqual([...logistic.w])
    const classifier = createTopicClassifier(packModel(features, blend(features, logistic, nb, 1)))
    expect(classifier.classify('اللاعب يسجل هدفا في الدوري', '').category).toBe('sport')
    expect(classifier.classify('البنك المركزي والتضخم', '').category).toBe('economy')
  })
})

describe('loadTopicModel', () => {
  it('loads the committed model with six classes and calibrated thresholds, and labels obvious stories', () => {
    const model = loadTopicModel()
    expect(model.classes).toHaveLength(6)
    expect(Object.keys(model.thresholds).sort()).toEqual([...CATEGORIES, 'news'].sort())
    const classifier = createTopicClassifier(model)
    expect(classifier.classify('ارتفاع أسعار النفط وتراجع البورصة', 'ارتفعت أسعار النفط وتراجعت الأسهم في البورصة بعد قرار البنك المركزي رفع الفائدة.').category).toBe('economy')
    expect(classifier.classify('ريال مدريد يفوز على برشلونة في الدوري الإسباني', 'سجل المهاجم هدفين في المباراة وتصدر الفريق جدول الدوري.').category).toBe('sport')
  })

  it('leaves a story without a category, given a text with nothing that tells its topic', () => {
    const classifier = createTopicClassifier(loadTopicModel())
    expect(classifier.classify('تعرف على التفاصيل', 'قال إنه سيعود غدا.').category).toBeUndefined()
  })

  it('refuses a file that is not a topic model', () => {
    expect(() => loadTopicModel(new URL('../../package.json', import.meta.url))).toThrow()
  })
})
