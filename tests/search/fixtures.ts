import type { Article } from '../../src/articles/types.js'
import { makeArticle } from '../helpers/core.js'

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString()

/** A dozen hand-written stories: two sport, two economy, a Russia thread, and one story carried by three outlets. */
export function searchFixtures(): Record<string, Article> {
  return {
    russiaA: makeArticle({ title: 'الحكومة الروسية تقر ميزانية الدفاع', paragraphs: ['أقرت الحكومة الروسية في موسكو ميزانية الدفاع للعام المقبل وسط الحرب في أوكرانيا.'], publishedAt: day(10), category: 'internationalNews', section: 'أوروبا' }),
    russiaB: makeArticle({ title: 'موسكو تعزز ميزانية الدفاع والحكومات الأوروبية قلقة', paragraphs: ['قالت الحكومات الأوروبية إن زيادة ميزانية الدفاع الروسية تقلقها بسبب الحرب في أوكرانيا.'], publishedAt: day(11), category: 'internationalNews', section: 'أوروبا' }),
    russiaOld: makeArticle({ title: 'ميزانية الدفاع الروسية قبل عامين', paragraphs: ['كانت الحكومة الروسية قد أقرت ميزانية الدفاع في موسكو قبل عامين.'], publishedAt: day(-700), category: 'internationalNews' }),
    sportA: makeArticle({ title: 'الهلال يفوز على النصر في مباراة كرة القدم', paragraphs: ['فاز الهلال على النصر بهدفين في مباراة الدوري السعودي لكرة القدم.'], publishedAt: day(9), category: 'sport' }),
    sportB: makeArticle({ title: 'مدرب الهلال يشيد باللاعبين بعد المباراة', paragraphs: ['أشاد مدرب الهلال باللاعبين بعد الفوز في الدوري.'], publishedAt: day(8), category: 'sport' }),
    oilA: makeArticle({ title: 'أسعار النفط ترتفع بعد قرار أوبك', paragraphs: ['ارتفعت أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك خفض الإنتاج.'], publishedAt: day(7), category: 'economy' }),
    dam1: makeArticle({ title: 'مصر وإثيوبيا تستأنفان مفاوضات سد النهضة', paragraphs: ['استأنفت مصر وإثيوبيا والسودان مفاوضات سد النهضة في الخرطوم اليوم.'], publishedAt: day(6), source: 'skynews', outlets: ['skynews'] }),
    dam2: makeArticle({ title: 'استئناف مفاوضات سد النهضة بين مصر وإثيوبيا', paragraphs: ['استأنفت مصر وإثيوبيا والسودان مفاوضات سد النهضة في الخرطوم.'], publishedAt: day(6), source: 'cnn', outlets: ['cnn'] }),
    dam3: makeArticle({ title: 'مفاوضات سد النهضة تستأنف بين مصر وإثيوبيا والسودان', paragraphs: ['استأنفت مصر وإثيوبيا والسودان اليوم مفاوضات سد النهضة في الخرطوم.'], publishedAt: day(6), source: 'france24', outlets: ['france24'] }),
    damOther: makeArticle({ title: 'السودان يطالب باتفاق ملزم حول سد النهضة', paragraphs: ['طالب السودان باتفاق قانوني ملزم حول ملء سد النهضة وتشغيله.'], publishedAt: day(5) }),
  }
}
