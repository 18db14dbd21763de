import { readFileSync } from 'node:fs'
import { processTree } from './cpu.ts'

/** Reads a `VmXxx:  1234 kB` field of /proc/<pid>/status, in kB; null where /proc is missing. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m?.[1] ? Number(m[1]) : null
  } catch {
    return null
  }
}

/** Resident memory of `pids` together (a server and its cluster workers), in kB; null when the first is gone. */
export function treeRssKb(pids: number[]): number | null {
  const [first, ...rest] = pids
  const own = first === undefined ? null : procStatusKb(first, 'VmRSS')
  if (own === null) return null
  return rest.reduce((sum, pid) => sum + (procStatusKb(pid, 'VmRSS') ?? 0), own)
}

/**
 * Samples a process's resident memory while it is under load, its descendants included
 * (one process per core under node:cluster). VmHWM alone would also count start-up
 * (migrations, seeding), so the peak of the samples is what we report.
 */
export function sampleRss(pid: number, everyMs = 100) {
  let peakKb: number | null = null
  // Listing /proc costs more than reading a few status files: the tree is refreshed every 2 s.
  let pids = processTree(pid)
  let sampledAt = Date.now()
  const take = () => {
    if (Date.now() - sampledAt > 2_000) {
      pids = processTree(pid)
      sampledAt = Date.now()
    }
    const kb = treeRssKb(pids)
    if (kb !== null && (peakKb === null || kb > peakKb)) peakKb = kb
  }
  take()
  const timer = setInterval(take, everyMs)
  return {
    stop(): { peakRssKb: number | null; hwmKb: number | null } {
      clearInterval(timer)
      take()
      return { peakRssKb: peakKb, hwmKb: procStatusKb(pid, 'VmHWM') }
    },
  }
}
