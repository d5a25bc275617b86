import { ar } from './ar.js'
import { en } from './en.js'
import type { Messages } from './messages.js'
import type { Topic, TopicCategory } from '../search/filters.js'

/** Category names in every UI language: «#رياضة» and «#sport» both work whatever the user's language. */
export const ALL_CATEGORY_NAMES: Record<TopicCategory, string>[] = [ar.topics.names, en.topics.names]

export function topicLabel(topic: Topic, t: Messages): string {
  return topic.kind === 'category' ? t.topics.names[topic.key as TopicCategory] ?? topic.label : topic.label
}
