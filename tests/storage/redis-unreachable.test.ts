import { createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/storage/create-store.js'
import { connectRedis, RedisUnavailableError } from '../../src/storage/redis-connection.js'

/** A port that accepts connections and never answers: a Redis that is hung, not down. */
async function silentServer() {
  const sockets: Socket[] = []
  const server = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}

describe('Redis that does not answer', () => {
  it('fails the store within the connect timeout with a clear error, given a silent port', async () => {
    const silent = await silentServer()
    // The test's own timeout is the bound: a hang fails it.
    await expect(createStore(`redis://127.0.0.1:${silent.port}`, { connectTimeoutMs: 400 })).rejects.toThrow(/cannot open the store at redis:\/\/127\.0\.0\.1:\d+: /)
    await silent.close()
  })

  it('fails the shared connection with the URL and the cause, given a closed port and a silent one', async () => {
    await expect(connectRedis('redis://user:secret@127.0.0.1:1', { name: 'test', connectTimeoutMs: 400 })).rejects.toThrow(/cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1:1/)
    const silent = await silentServer()
    await expect(connectRedis(`redis://127.0.0.1:${silent.port}`, { name: 'test', connectTimeoutMs: 400 })).rejects.toThrow(RedisUnavailableError)
    await silent.close()
  })
})
