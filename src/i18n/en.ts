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
    ['subscribe', '/subscribe [HH:MM]', 'subscribe to the daily digest (08:00 by default)'],
    ['unsubscribe', '/unsubscribe', 'stop the daily digest'],
    ['time', '/time HH:MM', 'time of the daily digest, in your local time'],
    ['timezone', '/timezone Asia/Riyadh', 'your time zone (IANA name)'],
    ['digest', '/digest', 'preview your digest now'],
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
  subscribe: {
    done: (time: string, zone: string) => `Subscribed ✅ Your daily digest arrives every day at ${time} (${zone}).\nChange the time with /time, the zone with /timezone, and stop with /unsubscribe.`,
    already: (time: string, zone: string) => `You are already subscribed; your digest arrives at ${time} (${zone}). To change the time: /time HH:MM`,
    alreadyMoved: (time: string, zone: string) => `You are already subscribed; I moved your digest to ${time} (${zone}).`,
    usage: 'Usage: /subscribe [HH:MM], e.g. /subscribe or /subscribe 07:30',
    notSubscribed: 'You are not subscribed yet. Subscribe first with /subscribe.',
    unsubscribed: 'You are unsubscribed from the daily digest. Come back any time with /subscribe.',
    notToUnsubscribe: 'You are not subscribed to the daily digest, so there is nothing to stop. To subscribe: /subscribe',
    timeUsage: 'Usage: /time HH:MM in 24-hour time, e.g. /time 07:30',
    badTime: (text: string) => `"${text}" is not a valid time: hours 00 to 23 and minutes 00 to 59, e.g. /time 07:30`,
    timeSet: (time: string, zone: string, next: string) => `Done ✅ Your digest arrives at ${time} (${zone}). Next digest: ${next}.`,
    zoneUsage: (zone: string) => `Usage: /timezone <time zone>, e.g. /timezone Asia/Riyadh. Your zone now: ${zone}`,
    badZone: (text: string) => `"${text}" is not a known time zone. Use an IANA name such as Asia/Riyadh, Africa/Cairo or Europe/London.`,
  },
  digest: {
    header: (date: string, count: number) => `🗞️ Khulasa digest — ${date} (${count} ${count === 1 ? 'story' : 'stories'})`,
    relatedButton: (n: number) => `${n} · related`,
    moreButton: (n: number) => `${n} · more`,
    preview: 'Preview: your digest as it would look if it were sent now (this does not count as sent).',
    previewEmpty: 'No new stories for your digest right now. Try /latest for the newest stories.',
    relatedTitle: (title: string) => `Related to "${title}":`,
    relatedNone: 'No related stories for this one yet.',
    gone: 'This story is no longer available.',
  },
  stats: {
    refused: 'This command is for admins only.',
    report: (s: { articles: number, subscribers: number, sentToday: number, failures: string, tokens: string, queued: number }) => [
      '📊 Khulasa stats',
      `Articles: ${s.articles}`,
      `Active subscribers: ${s.subscribers}`,
      `Digests sent today (UTC): ${s.sentToday}`,
      `Queued now: ${s.queued}`,
      `Failures today: ${s.failures}`,
      `LLM tokens: ${s.tokens}`,
    ].join('\n'),
    noTokenCounter: 'n/a (no LLM counter)',
    failureNames: { rateLimited: '429', blocked: '403 blocked', badRequest: '400 bad request', transient: 'network/5xx', gaveUp: 'given up' },
    none: 'none',
  },
  chat: {
    privateOnly: 'I work in private chats only: open a private chat with me to subscribe or ask for news.',
  },
  errors: {
    generic: 'Sorry, something went wrong with your request. Please try again shortly.',
    unknownCommand: 'I did not understand that command. Send /help for the list.',
  },
}
