// The baseline for bench:digest's CPU figure: a bare telegraf sendMessage loop, paced to the same rate,
// sending digest-sized HTML with a keyboard to the same fake Bot API. Prints {sent, cpuUs} as JSON.
import { Telegram } from 'telegraf'

const [apiRoot, token, count, rate] = [process.env.BARE_API_ROOT!, process.env.BARE_TOKEN!, Number(process.env.BARE_COUNT), Number(process.env.BARE_RATE)]
const telegram = new Telegram(token, { apiRoot })
const text = `<b>نشرة الصباح</b>\n\n${Array.from({ length: 8 }, (_, i) => `<b>${i + 1}. عنوان خبر من أخبار اليوم رقم ${i + 1}</b>\n${'جملة من خلاصة الخبر تشرح ما جرى. '.repeat(6)}`).join('\n\n')}`
const keyboard = { inline_keyboard: Array.from({ length: 8 }, (_, i) => [{ text: `${i + 1} · ذات صلة`, callback_data: `r:${i}` }, { text: `${i + 1} · الخبر`, callback_data: `s:${i}` }]) }
const inFlight = Math.max(4, Math.ceil(rate / 5))
const cpuBefore = process.cpuUsage()
let next = 0
let sent = 0
const started = performance.now()
async function worker() {
  for (;;) {
    const i = next++
    if (i >= count) return
    // Paced like the bot: send i leaves no earlier than i/rate seconds after the start.
    const wait = started + (i * 1000) / rate - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    await telegram.sendMessage(1_000_000 + i, text, { parse_mode: 'HTML', reply_markup: keyboard }).then(() => { sent++ }, () => {})
  }
}
await Promise.all(Array.from({ length: inFlight }, worker))
const { user, system } = process.cpuUsage(cpuBefore)
process.stdout.write(`${JSON.stringify({ sent, cpuUs: user + system })}\n`)
