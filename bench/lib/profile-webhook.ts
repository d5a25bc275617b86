// Reads the .cpuprofile that `npm run bench:webhook -- --profile CASE` makes the bot write (node --cpu-prof)
// and prints where its main thread spent its own time: the top functions and the top packages or folders.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { table } from './shared-data.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string, url: string, lineNumber: number }
  children?: number[]
}
interface CpuProfile { nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[] }

/**
 * CPU seconds (user + system) from /proc: the whole process (every thread: libuv's pool, SQLite's, V8's GC and
 * profiler) and its main thread alone; undefined without /proc.
 */
export function procCpu(pid: number): { process: number, main: number } | undefined {
  try {
    const read = (file: string) => {
      const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / 100
    }
    return { process: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) }
  }
  catch {
    return undefined
  }
}

export interface SelfTime { name: string, where: string, area: string, ms: number, percent: number }

const root = fileURLToPath(new URL('../..', import.meta.url))

/** src/…, handlers/…, a package name, node:internal, or V8's own entries such as (garbage collector). */
function placeOf(url: string): { where: string, area: string } {
  if (url === '') return { where: '', area: 'V8 / native' }
  const path = url.replace(/^file:\/\//, '')
  const modules = path.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length)
    const parts = rest.split('/')
    const pkg = rest.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
    return { where: rest, area: pkg }
  }
  if (path.startsWith(root)) {
    const local = path.slice(root.length)
    return { where: local, area: local.split('/').slice(0, local.startsWith('src/') ? 2 : 1).join('/') }
  }
  return { where: path, area: path.startsWith('node:') ? 'node internals' : path }
}

/**
 * Self time per function (samples × their time deltas) inside `window` (µs on the monotonic clock, as the
 * profile's timestamps), largest first; idle time is left out of the total.
 */
export function selfTimes(profile: CpuProfile, window: [number, number]): { functions: SelfTime[], areas: SelfTime[], busyMs: number } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const spent = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (at >= window[0] && at <= window[1]) spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
  })
  const functions = new Map<string, SelfTime>()
  const areas = new Map<string, SelfTime>()
  let busyMs = 0
  for (const [id, ms] of spent) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame
    if (functionName === '(idle)') continue
    busyMs += ms
    const { where, area } = placeOf(url)
    const name = functionName || '(anonymous)'
    const key = `${name} ${url}:${lineNumber}`
    const f = functions.get(key) ?? { name, where: where && lineNumber > 0 ? `${where}:${lineNumber + 1}` : where, area, ms: 0, percent: 0 }
    f.ms += ms
    functions.set(key, f)
    const a = areas.get(area) ?? { name: area, where: '', area, ms: 0, percent: 0 }
    a.ms += ms
    areas.set(area, a)
  }
  const ranked = (m: Map<string, SelfTime>) => [...m.values()].map((s) => ({ ...s, percent: (100 * s.ms) / busyMs })).sort((a, b) => b.ms - a.ms)
  return { functions: ranked(functions), areas: ranked(areas), busyMs }
}

/** The top functions and areas during the measured window: start-up (catalogue load, compiling) and shutdown left out. */
export function printProfile(file: string, kind: string, top: number, window: [number, number]) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  let { functions, areas, busyMs } = selfTimes(profile, window)
  if (busyMs === 0) {
    console.log('(the profile\'s clock does not match the load window: showing the whole run, start-up included)')
    ;({ functions, areas, busyMs } = selfTimes(profile, [0, Number.MAX_SAFE_INTEGER]))
  }
  const row = (s: SelfTime, i: number) => ({ '#': i + 1, function: s.name, where: s.where || s.area, 'self ms': Math.round(s.ms), '% of busy': s.percent.toFixed(1) })
  console.log(`\nTop ${top} self-time functions of the bot's main thread (${Math.round(busyMs)} ms busy in the measured ${((window[1] - window[0]) / 1e6).toFixed(0)} s, idle left out), case ${kind}:`)
  console.log(table(functions.slice(0, top).map(row)))
  console.log(`\nSelf time by package or folder:`)
  console.log(table(areas.slice(0, top).map((s, i) => ({ '#': i + 1, area: s.name, 'self ms': Math.round(s.ms), '% of busy': s.percent.toFixed(1) }))))
  const short = (s: SelfTime) => ({ name: s.name, where: s.where || s.area, percent: Math.round(s.percent * 10) / 10 })
  console.log(JSON.stringify({ profile: { case: kind, busyMs: Math.round(busyMs), top: functions.slice(0, top).map(short), areas: areas.slice(0, top).map(short) } }))
}
