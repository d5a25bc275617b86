import type { Article } from '../articles/types.js'
import { isStoryCategory } from './categories.js'
import type { TopicClassifier } from './topic-model.js'

/**
 * The category a story is stored with: the source's own label when it gives one, else the classifier's
 * when it is confident, else '' (looked at, unlabelled: topic filters leave it out and nothing is shown).
 */
export function storyCategory(classifier: TopicClassifier, article: Pick<Article, 'title' | 'paragraphs' | 'category'>): string {
  if (isStoryCategory(article.category)) return article.category
  return classifier.classify(article.title, article.paragraphs.join('\n')).category ?? ''
}
