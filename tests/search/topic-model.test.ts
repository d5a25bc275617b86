import { describe, expect, it } from 'vitest'
import { createTopicClassifier, loadTopicModel } from '../../src/search/topic-model.js'
import { featureRows, packModel, trainLogistic, trainTopicModel, type LabelledText } from '../../src/search/topic-train.js'
import { blend, trainComplementNb } from '../../src/search/topic-train-nb.js'

const SPORT = ['الفريق يفوز بالمباراة ويتصدر الدوري', 'اللاعب يسجل هدفين في المباراة', 'المدرب يشيد بالفريق بعد الفوز في الدوري', 'هدف قاتل يمنح الفريق الفوز']
const ECONOMY = ['أسعار النفط ترتفع في الأسواق', 'البنك المركزي يرفع سعر الفائدة', 'الأسهم تتراجع في البورصة مع ارتفاع النفط', 'التضخم يرتفع والبنك يرفع الفائدة']

describe('trainTopicModel', () => {
  it('learns to tell two topics apart, given a handful of labelled headlines', () => {
    const docs: LabelledText[] = [...SPORT.map((title) => ({ title, text: title, category: 'sport' as const })), ...ECONOMY.map((title) => ({ title, text: title, category: 'economy' as const }))]
    const classifier = createTopicClassifier(trainTopicModel(docs, { minDf: 1, epochs: 20 }))
    expect(classifier.classify('المباراة انتهت بفوز الفريق', '').category).toBe('sport')
    expect(classifier.classify('أسعار النفط والفائدة', '').category).toBe('economy')
  })
})

describe('trainComplementNb', () => {
  const docs: LabelledText[] = [...SPORT.map((title) => ({ title, text: title, category: 'sport' as const })), ...ECONOMY.map((title) => ({ title, text: title, category: 'economy' as const }))]

  it('tells two topics apart on its own, with weights large enough to survive the file\'s rounding', () => {
    const features = featureRows(docs, { minDf: 1 })
    const classifier = createTopicClassifier(packModel(features, trainComplementNb(features)))
    expect(classifier.classify('المباراة انتهت بفوز الفريق', '').category).toBe('sport')
    expect(classifier.classify('أسعار النفط والفائدة', '').category).toBe('economy')
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
  it('loads the committed model with six classes and labels obvious stories', () => {
    const model = loadTopicModel()
    expect(model.classes).toHaveLength(6)
    const classifier = createTopicClassifier(model)
    expect(classifier.classify('ارتفاع أسعار النفط وتراجع البورصة', 'ارتفعت أسعار النفط وتراجعت الأسهم في البورصة بعد قرار البنك المركزي رفع الفائدة.').category).toBe('economy')
    expect(classifier.classify('آبل تطلق هاتف آيفون الجديد', 'أعلنت شركة آبل عن هاتفها الذكي الجديد بتقنيات الذكاء الاصطناعي والتطبيقات.').category).toBe('technology')
  })

  it('refuses a file that is not a topic model', () => {
    expect(() => loadTopicModel(new URL('../../package.json', import.meta.url))).toThrow()
  })
})
