// Strict in-process stand-in for api.telegram.org; see fake-bot-api/server.ts.
export { FakeBotApi, startFakeBotApi } from './fake-bot-api/server.js'
export { BOT_USER, NOT_MODIFIED, type BotMessage, type ChatId, type FakeChat } from './fake-bot-api/chat-store.js'
export { parseHtml, type ParsedText } from './fake-bot-api/html.js'
export { MAX_TEXT_LENGTH, parseMessageText } from './fake-bot-api/validate.js'
export {
  ApiError,
  forbiddenBlocked,
  serverError,
  tooManyRequests,
  type Failure,
  type FakeBotApiOptions,
  type RateLimits,
  type RecordedCall,
  type TextEntity,
} from './fake-bot-api/types.js'
