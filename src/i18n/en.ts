import type { Messages } from './ar.js'

export const en: Messages = {
  language: 'en',
  start: {
    greeting: (name: string) => `Hello ${name}! I am Khulasa: I read Asharq Al-Awsat news and send you the gist.\nYou are subscribed to the daily digest. Send /latest for the newest stories or /help for every command.`,
    again: (name: string) => `Welcome back ${name}! You are still subscribed. Send /latest for the newest stories or /help for every command.`,
  },
  help: {
    title: 'Commands:',
    footer: 'Stories come from Asharq Al-Awsat pages; each story is summarised once.',
  },
  commands: [
    ['start', '/start', 'subscribe and say hello'],
    ['latest', '/latest [N]', 'newest stories with a short summary each (5 by default, at most 10)'],
    ['help', '/help', 'this list'],
  ],
  latest: {
    header: (count: number) => `📰 Latest ${count} ${count === 1 ? 'story' : 'stories'}`,
    empty: 'No stories yet. Add pages to the seeds/ folder and try again.',
    usage: 'Usage: /latest [a number from 1 to 10], e.g. /latest 3',
    noSummary: 'No summary yet.',
  },
  story: {
    outlets: { aawsat: 'Asharq Al-Awsat', page: 'Asharq Al-Awsat', alarabia: 'Al Arabiya', skynews: 'Sky News Arabia', france24: 'France 24', cnn: 'CNN' },
    moreOutlets: (count: number) => `+${count} more outlets`,
  },
  errors: {
    generic: 'Sorry, something went wrong with your request. Please try again shortly.',
    unknownCommand: 'I did not understand that command. Send /help for the list.',
  },
}
