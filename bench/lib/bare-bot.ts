// bench:webhook's baseline: a bare telegraf bot behind node:http, answering each case with the very payloads
// the bot sent for it in the probe (same text, keyboard, inline results), so both do the same Bot API work.
// Like the bot's webhook, it answers 200 once the update is handled. Prints {"msg":"listening on port N"}.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Telegraf, Telegram } from 'telegraf'
import type { InlineQueryResult } from 'telegraf/types'
import { createBotApiClient } from '../../src/telegram/bot-api-client.js'

type Payload = Record<string, unknown>
/** What the bot sent per case, as the fake Bot API recorded it. */
export interface BareReplies {
  latest: Payload
  search: Payload
  inline: Payload
  callback: { answer: Payload, message: Payload }
}

const { BARE_API_ROOT, BARE_TOKEN, BARE_SECRET, BARE_PATH, BARE_REPLIES, BARE_BALLAST_MB, BARE_TRANSPORT } = process.env

/**
 * --bare-ballast MB: the bare bot keeps about this much live heap in small objects, as the bot keeps its catalogue,
 * index and related lists, to tell what the bot's heap alone costs (every GC walks it) from what its code costs.
 */
const ballast: { id: string, text: string, words: number[] }[] = []
for (let i = 0; i < Number(BARE_BALLAST_MB ?? 0) * 2000; i++) ballast.push({ id: `a${i}`, text: `${i} `.repeat(100), words: [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7] })
process.on('exit', () => { ballast.length = 0 })
const replies = JSON.parse(readFileSync(BARE_REPLIES!, 'utf8')) as BareReplies
const bot = new Telegraf(BARE_TOKEN!, { telegram: { apiRoot: BARE_API_ROOT! } })
// --bare-transport undici: the bare bot sends over the bot's own Bot API client, to tell the client's share of the ratio from the rest.
if (BARE_TRANSPORT === 'undici') Telegram.prototype.callApi = createBotApiClient({ apiRoot: BARE_API_ROOT!, token: BARE_TOKEN! }).callApi

/** The recorded sendMessage minus its chat: text and everything that goes with it. */
const reply = (payload: Payload) => {
  const { chat_id: _, text, ...extra } = payload
  return { text: String(text), extra }
}
const latest = reply(replies.latest)
const search = reply(replies.search)
const related = reply(replies.callback.message)
const { inline_query_id: _, results, ...inlineExtra } = replies.inline
const { callback_query_id: __, ...answerExtra } = replies.callback.answer

bot.command('latest', (ctx) => ctx.reply(latest.text, latest.extra))
bot.command('search', (ctx) => ctx.reply(search.text, search.extra))
bot.on('inline_query', (ctx) => ctx.answerInlineQuery(results as InlineQueryResult[], inlineExtra))
bot.action(/^rel:/, async (ctx) => {
  await ctx.answerCbQuery(answerExtra.text as string | undefined)
  await ctx.reply(related.text, related.extra)
})

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== BARE_PATH || req.headers['x-telegram-bot-api-secret-token'] !== BARE_SECRET) {
    res.writeHead(404).end()
    return void req.resume()
  }
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    bot.handleUpdate(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('error'),
    )
  })
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: `listening on port ${(server.address() as AddressInfo).port}` })}\n`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
