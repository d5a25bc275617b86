import { describe, expect, it } from 'vitest'
import { createTopicClassifier, loadTopicModel } from '../../src/search/topic-model.js'
import { trainTopicModel, type LabelledText } from '../../src/search/topic-train.js'

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
