import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// Pinning the servers and the load generator to different cores keeps them from
// stealing each other's time, so app and bare node are measured on equal terms.

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The cores this process may run on, from /proc (Linux only). */
function allowedCores(): Set<number> | null {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Cpus_allowed_list:'))
    if (!line) return null
    const cores = new Set<number>()
    for (const part of line.split(':')[1]?.trim().split(',') ?? []) {
      const [from, to] = part.split('-').map(Number)
      if (from === undefined || Number.isNaN(from)) continue
      for (let c = from; c <= (to ?? from); c++) cores.add(c)
    }
    return cores
  } catch {
    return null
  }
}

export interface CpuPlan {
  /** Command prefix for the servers, e.g. ['taskset', '-c', '0']; empty when pinning is impossible. */
  serverPrefix: string[]
  /** Whether the load generator can be moved to its own core. */
  canPinLoad: boolean
  notes: string[]
}

export function planCpus(serverCore = 0, loadCore = 1): CpuPlan {
  const notes: string[] = []
  if (!hasTaskset()) {
    notes.push('taskset is missing: servers and load generator share all cores, figures are noisier')
    return { serverPrefix: [], canPinLoad: false, notes }
  }
  const cores = allowedCores()
  const serverOk = cores === null || cores.has(serverCore)
  const loadOk = cores?.has(loadCore) === true && loadCore !== serverCore
  if (!serverOk) notes.push(`core ${serverCore} is not available: servers are not pinned`)
  if (!loadOk) notes.push(`core ${loadCore} is not available: the load generator is not pinned`)
  return { serverPrefix: serverOk ? ['taskset', '-c', String(serverCore)] : [], canPinLoad: loadOk, notes }
}

/** Moves every thread of a process to the given cores; returns the previous list to restore it. */
export function pinProcess(pid: number, cores: string): string | null {
  try {
    const before = execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' })
    execFileSync('taskset', ['-a', '-cp', cores, String(pid)], { stdio: 'ignore' })
    return before.split(':').pop()?.trim() ?? null
  } catch {
    return null
  }
}

type CoreTimes = Map<number, { busy: number; task: number; total: number }>

/** Per-core jiffies from /proc/stat; empty where /proc is missing. */
export function readCoreTimes(): CoreTimes {
  const times: CoreTimes = new Map()
  try {
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const m = /^cpu(\d+)\s+(.*)$/.exec(line)
      if (!m?.[1] || !m[2]) continue
      // user nice system idle iowait irq softirq steal (guest time is already in user)
      const v = m[2].split(/\s+/).slice(0, 8).map(Number)
      const total = v.reduce((a, b) => a + b, 0)
      const idle = (v[3] ?? 0) + (v[4] ?? 0)
      // Time charged to processes; softirq (loopback TCP) is charged to no process.
      const task = (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0)
      times.set(Number(m[1]), { busy: total - idle, task, total })
    }
  } catch {
    // not Linux: no utilisation figures
  }
  return times
}

/**
 * Busy percentage per core between two readings. A server core well below 100 % while
 * the load core is saturated means the load generator, not the server, set the ceiling.
 */
export function coreUsage(before: CoreTimes, after: CoreTimes): Record<string, number> {
  const usage: Record<string, number> = {}
  for (const [core, a] of after) {
    const b = before.get(core)
    if (!b || a.total === b.total) continue
    usage[`cpu${core}`] = Math.round((100 * (a.busy - b.busy)) / (a.total - b.total))
  }
  return usage
}

/** % of one core that processes spent in user or system mode on `core` between two readings. */
export function coreTaskUsage(before: CoreTimes, after: CoreTimes, core: number): number | null {
  const a = after.get(core)
  const b = before.get(core)
  if (!a || !b || a.total === b.total) return null
  return Math.round((100 * (a.task - b.task)) / (a.total - b.total))
}

/** CPU time (user + system) a process has used, in seconds; null where /proc is missing. */
export function processCpuSeconds(pid: number): number | null {
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isNaN(ticks) ? null : ticks / 100 // USER_HZ is 100 on Linux
  } catch {
    return null
  }
}

/** The process and all its descendants (cluster workers), from the parent pid of every /proc/<pid>/stat. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>()
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        const list = children.get(parent) ?? []
        list.push(Number(entry))
        children.set(parent, list)
      } catch {
        // exited while we read
      }
    }
  } catch {
    return [pid]
  }
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] as number) ?? []))
  return tree
}

/**
 * CPU seconds of a server and its descendants: with one process per core (node:cluster)
 * the workers do the work, not the primary whose pid we started. A worker that exits
 * during the run takes its seconds with it (a crash shows elsewhere).
 */
export function processTreeCpuSeconds(pid: number): number | null {
  const own = processCpuSeconds(pid)
  if (own === null) return null
  return processTree(pid)
    .slice(1)
    .reduce((sum, child) => sum + (processCpuSeconds(child) ?? 0), own)
}
