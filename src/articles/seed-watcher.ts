import { watch } from 'node:fs'
import { lstat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Logger } from '../logger.js'

export interface SeedWatcherDeps {
  dir: string
  logger: Logger
  /** Reads one settled file; it refuses symbolic links itself, when it opens them. */
  ingest: (file: string) => Promise<unknown>
  /** Time between two looks at a file; it is read once two looks agree. */
  settleMs: number
}

const isHidden = (name: string) => basename(name).startsWith('.')

/**
 * Ingests files dropped into `dir` once they have stopped growing: a watch event starts looking, and the
 * file is read only when its inode, size and mtime are the same at two looks `settleMs` apart, so a copy
 * in progress or a slow writer is not read half-written. Files are read one at a time. Returns a stop function.
 */
export function watchSeeds({ dir, logger, ingest, settleMs }: SeedWatcherDeps): () => void {
  const timers = new Map<string, NodeJS.Timeout>()
  const lastLook = new Map<string, string>()
  let queue: Promise<unknown> = Promise.resolve()
  let stopped = false

  const lookLater = (name: string) => {
    if (stopped || timers.has(name)) return
    timers.set(name, setTimeout(() => void look(name), settleMs))
  }

  async function look(name: string) {
    timers.delete(name)
    const file = join(dir, name)
    // lstat, not stat: a link is judged as a link and handed on, so the open refuses it with its one log line.
    const info = await lstat(file).catch(() => undefined)
    if (stopped) return
    if (!info || !(info.isFile() || info.isSymbolicLink())) {
      lastLook.delete(name)
      return
    }
    const shape = `${info.ino}:${info.size}:${info.mtimeMs}`
    if (lastLook.get(name) !== shape) {
      lastLook.set(name, shape)
      if (info.isFile()) logger.debug(`${file}: ${info.size} bytes; read once it stops changing`)
      lookLater(name)
      return
    }
    lastLook.delete(name)
    queue = queue.then(() => ingest(file)).catch((err: Error) => logger.error({ err }, `${file}: ${err.message}`))
  }

  const watcher = watch(dir, (_event, name) => {
    if (name && !isHidden(name)) lookLater(name)
  })
  watcher.on('error', (err) => logger.error({ err }, `watching ${dir} failed: ${err.message}`))
  return () => {
    stopped = true
    watcher.close()
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
  }
}
